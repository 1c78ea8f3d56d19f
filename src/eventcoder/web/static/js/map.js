// The map: an offline basemap (Natural Earth countries, geoBoundaries admin-1 units) as
// Leaflet GeoJSON layers, no tile server; every located event in view (/api/points: id,
// coordinates, type, fatalities) clustered with supercluster in a Web Worker (js/clusters.js),
// each marker sized by fatalities and coloured by event type (a cluster: a ring of its types'
// shares).

/* global L */
import { el } from "./dom.js";
import { TYPE_ORDER, typeColor } from "./colors.js";
import { firstLoad, worker } from "./boot.js";

const REGION = { center: [33.5, 42.5], zoom: 5 }; // Iraq, Syria and neighbours


function pointSize(fatalities) {
  return Math.round(Math.min(44, 12 + 5 * Math.sqrt(Math.max(0, fatalities || 0))));
}

function clusterSize(count, fatalities) {
  return Math.round(Math.min(72, 26 + 2 * Math.sqrt(count) + 4 * Math.sqrt(fatalities || 0)));
}

function ring(types) {
  const total = Object.values(types).reduce((a, b) => a + b, 0) || 1;
  const names = Object.keys(types).sort((a, b) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
  let at = 0;
  const stops = names.map((name) => {
    const from = at;
    at += (types[name] / total) * 360;
    return `${typeColor(name)} ${from.toFixed(1)}deg ${at.toFixed(1)}deg`;
  });
  return `conic-gradient(${stops.join(", ")})`;
}

// a marker's title: what the map knows of the event (the panel shows the rest)
function describe(p) {
  const parts = [p.type || "event"];
  if (p.fatalities) parts.push(`${p.fatalities} killed`);
  return `${parts.join(" \u00b7 ")}: click to open`;
}

// The legend: one coloured dot per event type, then how to read sizes and numbers.
export function legend() {
  return el("ul", { class: "map-legend", "aria-label": "Event types" },
    TYPE_ORDER.map((t) => {
      const dot = el("span", { class: "dot" });
      dot.style.background = typeColor(t);
      return el("li", {}, dot, t);
    }),
    el("li", { class: "legend-note" }, "size: fatalities; a ring: a cluster, with its events"));
}

export function createMap(container, { onSelect }) {
  const map = L.map(container, { minZoom: 2, maxZoom: 13, worldCopyJump: true });
  map.setView(REGION.center, REGION.zoom);
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Natural Earth; geoBoundaries (CC BY 4.0)");
  map.createPane("basemap");
  map.getPane("basemap").classList.add("basemap-pane");

  const countries = fetch(new URL("basemap/countries-110m.geojson", document.baseURI))
    .then((r) => r.json())
    .then((data) => L.geoJSON(data, {
      pane: "basemap", interactive: false,
      style: { color: "#a39e93", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
    }).addTo(map));
  const admin1 = fetch(new URL("basemap/admin1.geojson", document.baseURI))
    .then((r) => r.json())
    .then((data) => L.geoJSON(data, {
      pane: "basemap", interactive: false,
      style: { color: "#b5aea2", weight: 0.6, fill: false },
    }));
  // admin-1 lines from zoom 5 on, where they help and do not clutter
  Promise.all([countries, admin1]).then(([, layer]) => {
    const toggle = () => {
      if (map.getZoom() >= 5) layer.addTo(map);
      else layer.remove();
    };
    map.on("zoomend", toggle);
    toggle();
  }).catch(() => { container.dataset.basemap = "missing"; });


  const layer = L.layerGroup().addTo(map);
  let seq = 0; // the latest view asked of the worker

  function draw(items) {
    layer.clearLayers();
    for (const item of items) {
      if (item.count !== undefined) {
        const d = clusterSize(item.count, item.fatalities);
        const node = el("div", { class: "ev-cluster-ring" },
          el("span", { class: "ev-cluster-count" }, String(item.count)));
        node.style.background = ring(item.types || {});
        const marker = L.marker([item.lat, item.lng], {
          icon: L.divIcon({ html: node, className: "ev-cluster", iconSize: [d, d] }),
          title: `${item.count} events, ${item.fatalities} fatalities: click to zoom in`,
          keyboard: true,
        });
        marker.on("click", () => zoomInto(item));
        layer.addLayer(marker);
      } else {
        const d = pointSize(item.fatalities);
        const node = el("div", { class: "ev-dot", "data-event-id": item.id });
        node.style.background = typeColor(item.type);
        const marker = L.marker([item.lat, item.lng], {
          icon: L.divIcon({ html: node, className: "ev-marker", iconSize: [d, d] }),
          title: describe(item), keyboard: true,
        });
        marker.on("click", () => onSelect(item.id));
        layer.addLayer(marker);
      }
    }
  }

  // a cluster's click: zoom to its events' extent, at least one level in
  function zoomInto(item) {
    const [w, s, e, n] = item.bounds || [item.lng, item.lat, item.lng, item.lat];
    const bounds = L.latLngBounds([s, w], [n, e]);
    const zoom = Math.min(map.getMaxZoom(),
      Math.max(map.getZoom() + 1, map.getBoundsZoom(bounds.pad(0.2))));
    map.setView(bounds.getCenter(), zoom);
  }

  function render() {
    if (!shown) return;
    const b = map.getBounds();
    const bbox = [Math.max(-180, b.getWest()), Math.max(-85, b.getSouth()),
      Math.min(180, b.getEast()), Math.min(85, b.getNorth())];
    const box = b.getWest() < -180 || b.getEast() > 180 ? [-180, -85, 180, 85] : bbox;
    seq += 1;
    worker.postMessage({ type: "clusters", gen: shown.gen, seq, bbox: box,
      zoom: Math.round(map.getZoom()) });
  }
  map.on("moveend", render);

  let shown = null; // the load whose points the worker holds: {gen, count, ...}
  view = {
    loaded(msg, fit) {
      shown = msg;
      if (fit && msg.bounds) {
        const [w, s, e, n] = msg.bounds;
        map.fitBounds(L.latLngBounds([s, w], [n, e]).pad(0.15), { maxZoom: 8, animate: false });
      }
      render();
    },
    clusters(msg) {
      if (!shown || msg.gen !== shown.gen || msg.seq !== seq) return false;
      draw(msg.items || []);
      container.dataset.events = String(shown.count);
      return true;
    },
    clear() {
      shown = null;
      layer.clearLayers();
      container.dataset.events = "0";
    },
  };
  if (current && current.loaded) view.loaded(current.loaded, current.fit);

  return {
    map,
    clear() {
      if (current) current.reject(new Error("superseded"));
      current = null;
      view.clear();
    },
    invalidate() { map.invalidateSize(); },
  };
}

// --- the worker (started by js/boot.js, with the first view's points) -----------------------

let gen = firstLoad.gen;
let first = firstLoad; // boot.js's load, until loadPoints takes it over (or drops it)
let current = null; // the load under way: {gen, fit, resolve, reject, loaded: its "loaded" message}
let view = null; // the map's side, once createMap has run

function handle(msg) {
  if (!current || msg.gen !== current.gen) {
    if (msg.type === "clusters" && view) view.clusters(msg); // a pan or zoom, after the load
    return;
  }
  if (msg.type === "loaded") {
    current.loaded = msg;
    if (view) view.loaded(msg, current.fit);
  } else if (msg.type === "clusters") {
    if (view && view.clusters(msg)) {
      const { resolve, loaded } = current;
      current = null;
      resolve({ count: loaded.count, total: loaded.total, truncated: loaded.truncated });
    }
  } else if (msg.type === "error") {
    const { reject } = current;
    current = null;
    if (view) view.clear();
    reject(new Error(msg.message));
  }
}

worker.onmessage = (evt) => {
  if (first) first.messages.push(evt.data || {});
  else handle(evt.data || {});
};

// Load the located events of `url` (/api/points) into the map: the worker fetches and
// clusters them. It may be called before createMap (the first view's request then goes out
// at once). fit: move the view to the points. RETURNS a promise of {count, total, truncated},
// settled once the map shows them.
export function loadPoints(url, { fit = false } = {}) {
  if (current) current.reject(new Error("superseded"));
  const booted = first;
  first = null;
  if (booted && booted.url === String(url)) { // boot.js asked for these points already
    const promise = new Promise((resolve, reject) => {
      current = { gen: booted.gen, fit, resolve, reject, loaded: null };
    });
    for (const msg of booted.messages) handle(msg);
    return promise;
  }
  gen += 1;
  return new Promise((resolve, reject) => {
    current = { gen, fit, resolve, reject, loaded: null };
    worker.postMessage({ type: "load", gen, url: String(url) });
  });
}
