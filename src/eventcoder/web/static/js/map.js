// The map: an offline basemap (Natural Earth countries, geoBoundaries admin-1 units) as
// Leaflet GeoJSON layers, no tile server; events clustered with supercluster, each marker
// sized by fatalities and coloured by event type (a cluster: a ring of its types' shares).

/* global L, Supercluster */
import { el } from "./dom.js";
import { TYPE_ORDER, typeColor } from "./colors.js";

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

function describe(p) {
  const parts = [p.event_date, p.sub_event_type || p.event_type,
    [p.location, p.admin1, p.country].filter(Boolean).join(", ")];
  if (p.fatalities) parts.push(`${p.fatalities} killed`);
  return parts.filter(Boolean).join(" \u00b7 ");
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
  let index = null;
  let count = 0;

  function render() {
    layer.clearLayers();
    if (!index) return;
    const b = map.getBounds();
    const bbox = [Math.max(-180, b.getWest()), Math.max(-85, b.getSouth()),
      Math.min(180, b.getEast()), Math.min(85, b.getNorth())];
    const shown = b.getWest() < -180 || b.getEast() > 180 ? [-180, -85, 180, 85] : bbox;
    for (const f of index.getClusters(shown, Math.round(map.getZoom()))) {
      const [lng, lat] = f.geometry.coordinates;
      const p = f.properties;
      if (p.cluster) {
        const d = clusterSize(p.point_count, p.fatalities);
        const node = el("div", { class: "ev-cluster-ring" },
          el("span", { class: "ev-cluster-count" }, String(p.point_count)));
        node.style.background = ring(p.types);
        const marker = L.marker([lat, lng], {
          icon: L.divIcon({ html: node, className: "ev-cluster", iconSize: [d, d] }),
          title: `${p.point_count} events, ${p.fatalities} fatalities: click to zoom in`,
          keyboard: true,
        });
        marker.on("click", () => {
          const zoom = Math.min(index.getClusterExpansionZoom(p.cluster_id), map.getMaxZoom());
          map.setView([lat, lng], zoom);
        });
        layer.addLayer(marker);
      } else {
        const d = pointSize(p.fatalities);
        const node = el("div", { class: "ev-dot", "data-event-id": p.event_id });
        node.style.background = typeColor(p.event_type);
        const marker = L.marker([lat, lng], {
          icon: L.divIcon({ html: node, className: "ev-marker", iconSize: [d, d] }),
          title: describe(p), keyboard: true,
        });
        marker.on("click", () => onSelect(p.event_id));
        layer.addLayer(marker);
      }
    }
  }
  map.on("moveend", render);

  return {
    map,
    // features: GeoJSON Point features; fit: move the view to them
    setEvents(features, { fit = false } = {}) {
      const points = features.filter((f) => f && f.geometry && f.geometry.type === "Point" &&
        Array.isArray(f.geometry.coordinates) &&
        f.geometry.coordinates.every((c) => typeof c === "number" && Number.isFinite(c)));
      count = points.length;
      index = new Supercluster({
        radius: 50,
        maxZoom: 12,
        map: (p) => ({ fatalities: Number(p.fatalities) || 0, types: { [p.event_type]: 1 } }),
        reduce: (acc, p) => {
          acc.fatalities += p.fatalities;
          for (const [k, v] of Object.entries(p.types)) acc.types[k] = (acc.types[k] || 0) + v;
        },
      });
      index.load(points.map((f) => ({
        type: "Feature", geometry: f.geometry, properties: { ...(f.properties || {}) },
      })));
      container.dataset.events = String(count);
      if (fit && points.length) {
        const bounds = L.latLngBounds(points.map((f) => [f.geometry.coordinates[1],
          f.geometry.coordinates[0]]));
        map.fitBounds(bounds.pad(0.15), { maxZoom: 8, animate: false });
      }
      render();
      return count;
    },
    invalidate() { map.invalidateSize(); },
  };
}
