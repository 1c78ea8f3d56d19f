// The map's data and clustering, in a Web Worker (a classic one: importScripts), so that
// fetching, reading and clustering every located event in view (100,000 and more) never holds
// up the page: the table and the timeline draw meanwhile. js/map.js drives it.
//
// The worker fetches /api/points itself (columns: event_id, longitude, latitude, event_type,
// fatalities), then clusters the points for each zoom level the map shows when it is first
// shown: one supercluster index per zoom level, over every point (a level costs about a
// tenth of a second for 100,000 points, where the whole pyramid of levels costs several times
// that before anything can be drawn). The last few levels are kept.
//
// Messages in:  {type: "load", gen, url}  {type: "clusters", gen, seq, bbox, zoom}
// Messages out: {type: "loaded", gen, count, total, truncated, bounds: [w, s, e, n] | null}
//               {type: "clusters", gen, seq, items: [cluster or point]}
//               {type: "error", gen, message}
// A cluster: {lng, lat, count, fatalities, types: {event type: events}, bounds: [w, s, e, n]}
// (the extent of its events); a point: {lng, lat, id, type, fatalities}.

/* global Supercluster */

const RADIUS = 50; // pixels within which points cluster
const MIN_ZOOM = 2; // the map's least zoom
const MAX_ZOOM = 12; // the last zoom with clusters: past it every event is a marker
const KEEP = 4; // zoom levels kept

let wanted = 0; // the latest load asked for
let fetching = null; // its AbortController
let data = null; // the points loaded: {gen, ids, lng, lat, typeOf, dead, types, features}
const levels = new Map(); // zoom -> supercluster index of that level only (oldest first)

// "<status> <the API's detail>", as js/api.js words an API error
async function errorText(response) {
  let text = response.statusText;
  try {
    const body = await response.json();
    if (body && typeof body.detail === "string") text = body.detail;
  } catch {
    // not JSON: the status text
  }
  return `${response.status}${text ? ` ${text}` : ""}`;
}

function column(body, name) {
  const value = body && body[name];
  if (!Array.isArray(value)) throw new Error(`the points have no ${name} array`);
  return value;
}

function read(body, gen) {
  const id = column(body, "event_id");
  const lon = column(body, "longitude");
  const lat = column(body, "latitude");
  const type = column(body, "event_type");
  const fat = column(body, "fatalities");
  const n = id.length;
  if ([lon, lat, type, fat].some((c) => c.length !== n)) {
    throw new Error("the points' arrays differ in length");
  }
  const codes = new Map();
  const out = { gen, ids: [], lng: [], lat: [], typeOf: [], dead: [], types: [], features: [] };
  let [w, s, e, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const x = lon[i];
    const y = lat[i];
    if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) ||
        !Number.isFinite(y)) continue;
    const name = String(type[i] ?? "");
    let code = codes.get(name);
    if (code === undefined) {
      code = codes.size;
      codes.set(name, code);
    }
    const k = out.ids.length;
    out.ids.push(String(id[i]));
    out.lng.push(x);
    out.lat.push(y);
    out.typeOf.push(code);
    out.dead.push(Math.max(0, Number(fat[i]) || 0));
    out.features.push({ type: "Feature", geometry: { type: "Point", coordinates: [x, y] },
      properties: { k } });
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > north) north = y;
  }
  out.types = [...codes.keys()];
  return {
    data: out,
    reply: {
      type: "loaded", gen, count: out.ids.length,
      total: typeof body.total === "number" ? body.total : out.ids.length,
      truncated: body.truncated === true,
      bounds: out.ids.length ? [w, s, e, north] : null,
    },
  };
}

async function load(gen, url) {
  if (fetching) fetching.abort();
  fetching = new AbortController();
  wanted = gen;
  const answer = fetch(url, {
    headers: { Accept: "application/json" }, credentials: "same-origin",
    signal: fetching.signal,
  });
  // supercluster is loaded while the points are on their way (not before: the first request
  // goes out as soon as the worker runs)
  if (typeof Supercluster === "undefined") {
    importScripts("../vendor/supercluster/supercluster.min.js");
  }
  const response = await answer;
  if (!response.ok) throw new Error(await errorText(response));
  const body = await response.json();
  if (gen !== wanted) return; // a newer load started meanwhile
  const { data: points, reply } = read(body, gen);
  data = points;
  levels.clear();
  self.postMessage(reply);
}

// The index of one zoom level: clusters of the points within RADIUS pixels at that zoom, each
// with its fatalities (f), its events per type (t, by type code) and its extent. Every child
// of a cluster is a point here (one level only), so the reduce starts from a point's map.
function level(zoom) {
  let index = levels.get(zoom);
  if (index) {
    levels.delete(zoom);
    levels.set(zoom, index);
    return index;
  }
  const { lng, lat, typeOf, dead, types } = data;
  const kinds = types.length;
  index = new Supercluster({
    radius: RADIUS, minZoom: zoom, maxZoom: zoom,
    map: (p) => ({ f: dead[p.k], c: typeOf[p.k], t: null,
      w: lng[p.k], s: lat[p.k], e: lng[p.k], n: lat[p.k] }),
    reduce: (acc, p) => {
      if (!acc.t) {
        acc.t = new Int32Array(kinds);
        acc.t[acc.c] = 1;
      }
      acc.t[p.c] += 1;
      acc.f += p.f;
      if (p.w < acc.w) acc.w = p.w;
      if (p.e > acc.e) acc.e = p.e;
      if (p.s < acc.s) acc.s = p.s;
      if (p.n > acc.n) acc.n = p.n;
    },
  });
  index.load(data.features);
  levels.set(zoom, index);
  while (levels.size > KEEP) levels.delete(levels.keys().next().value);
  return index;
}

function clusters(bbox, zoom) {
  const z = Math.max(MIN_ZOOM, Math.round(zoom));
  // past MAX_ZOOM the last level's index gives every point in view
  const index = level(Math.min(z, MAX_ZOOM));
  const { ids, typeOf, dead, types } = data;
  return index.getClusters(bbox, z).map((f) => {
    const [lng, lat] = f.geometry.coordinates;
    const p = f.properties;
    if (p.cluster) {
      const byType = {};
      types.forEach((name, c) => {
        if (p.t && p.t[c]) byType[name] = p.t[c];
      });
      return { lng, lat, count: p.point_count, fatalities: p.f, types: byType,
        bounds: [p.w, p.s, p.e, p.n] };
    }
    return { lng, lat, id: ids[p.k], type: types[typeOf[p.k]], fatalities: dead[p.k] };
  });
}

self.onmessage = async (evt) => {
  const msg = evt.data || {};
  try {
    if (msg.type === "load") {
      await load(msg.gen, msg.url);
    } else if (msg.type === "clusters" && data && msg.gen === data.gen) {
      self.postMessage({ type: "clusters", gen: msg.gen, seq: msg.seq,
        items: clusters(msg.bbox, msg.zoom) });
    }
  } catch (err) {
    if (err && err.name === "AbortError") return; // a newer load took its place
    if (msg.type === "load" && msg.gen !== wanted) return;
    self.postMessage({ type: "error", gen: msg.gen, message: String((err && err.message) || err) });
  }
};
