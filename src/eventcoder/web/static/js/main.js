// The dashboard: filters (kept in the URL hash) shared by the map, the weekly timeline and
// the table; a click on a marker or a row opens the event panel.

import { el, fill, formatNumber } from "./dom.js";
import { api, ApiError } from "./api.js";
import {
  FILTER_KEYS, readHash, setHash, toHash, queryParams, listParams, serverSort,
} from "./state.js";
import { createMap, legend } from "./map.js";
import { createTimeline, weekRange } from "./timeline.js";
import { renderTable } from "./table.js";
import { createPanel } from "./panel.js";
import { EVENT_TYPES, SUB_EVENT_TYPES } from "./taxonomy.js";

const PAGE_SIZE = 100;
const MAP_LIMIT = 10000; // points on the map at most (the API's largest GeoJSON page)
const $ = (sel) => document.querySelector(sel);

const form = $("#filters");
const summary = $("#summary");
const table = $("#events");
const loadMore = $("#load-more");

let state = readHash();
let loadedState = null; // the state whose data is shown
let items = [];
let next = null;
let total = null;
let controller = null;
const seen = { country: new Set(), admin1: new Set(), actor: new Set() };

function fillSelect(select, values, keep) {
  const current = keep ?? select.value;
  fill(select, el("option", { value: "" }, "any"),
    values.map((v) => el("option", { value: v }, v)));
  select.value = values.includes(current) ? current : "";
}

function syncSubTypes() {
  const type = form.elements.event_type.value;
  const subs = Object.entries(SUB_EVENT_TYPES).filter(([, t]) => !type || t === type)
    .map(([s]) => s);
  fillSelect(form.elements.sub_event_type, subs, state.filters.sub_event_type || "");
}

function syncForm() {
  for (const key of FILTER_KEYS) {
    const input = form.elements[key];
    if (!input) continue;
    input.value = state.filters[key] || "";
  }
  syncSubTypes();
}

function readForm() {
  const filters = {};
  for (const key of FILTER_KEYS) {
    const input = form.elements[key];
    const value = input ? String(input.value || "").trim() : "";
    if (value) filters[key] = value;
  }
  // a sub-event type of another event type than the one chosen is dropped
  if (filters.sub_event_type && filters.event_type &&
      SUB_EVENT_TYPES[filters.sub_event_type] !== filters.event_type) {
    delete filters.sub_event_type;
  }
  return filters;
}

function remember(list) {
  for (const e of list) {
    if (e.country) seen.country.add(e.country);
    if (e.admin1) seen.admin1.add(e.admin1);
    for (const a of [e.actor1, e.actor2]) if (a) seen.actor.add(a);
  }
}

function fillDatalists() {
  for (const key of ["country", "admin1", "actor"]) {
    const list = $(`#${key}-list`);
    fill(list, [...seen[key]].sort().slice(0, 500).map((v) => el("option", { value: v })));
  }
}

function showTable() {
  renderTable(table, items, {
    sort: state.sort,
    selected: state.event,
    linkFor: (id) => toHash({ ...state, event: id }),
    onSort: (sort) => setHash({ ...state, sort }),
  });
  const n = items.length;
  const local = serverSort(state.sort) !== state.sort && next
    ? " (this column sorts the loaded rows only)" : "";
  $("#table-count").textContent = (total === null || total === undefined
    ? `${formatNumber(n)} shown`
    : `${formatNumber(n)} of ${formatNumber(total)} shown`) + local;
  loadMore.hidden = !next;
}

function note(selector, text) {
  $(selector).textContent = text;
}

// Rows of the timeline: [{period, event_type, events, fatalities}]. An API whose statistics
// give periods for all types together (`by_period`, with `by_event_type` beside it) is asked
// once more per event type present, with the same filters.
async function timelineRows(stats, params, signal) {
  if (Array.isArray(stats.timeline)) return stats.timeline;
  const dated = (list, type) => (Array.isArray(list) ? list : [])
    .filter((r) => r && r.period).map((r) => ({ ...r, event_type: type }));
  const types = (Array.isArray(stats.by_event_type) ? stats.by_event_type : [])
    .filter((t) => t && t.event_type && t.events > 0).map((t) => t.event_type);
  if (types.length <= 1) return dated(stats.by_period, types[0] || "Events");
  const parts = await Promise.all(types.map((type) => api.stats({ ...params, event_type: type }, signal)
    .then((s) => dated(s && s.by_period, type))));
  return parts.flat();
}

async function refresh({ fit = false } = {}) {
  if (controller) controller.abort();
  controller = new AbortController();
  const { signal } = controller;
  const params = queryParams(state);
  document.body.dataset.state = "loading";
  summary.textContent = "Loading…";
  loadedState = { ...state, filters: { ...state.filters } };
  const [list, geo, stats] = await Promise.allSettled([
    api.events({ ...listParams(state), limit: PAGE_SIZE }, signal),
    api.geojson({ ...params, sort: "-event_date", limit: MAP_LIMIT }, signal),
    api.stats(params, signal),
  ]);
  if (signal.aborted) return;
  const problems = [];
  const fail = (what, r) => problems.push(`${what}: ${r.reason instanceof ApiError
    ? r.reason.message : (r.reason && r.reason.message) || r.reason}`);

  if (list.status === "fulfilled" && list.value) {
    items = Array.isArray(list.value.items) ? list.value.items : (Array.isArray(list.value) ? list.value : []);
    next = list.value.next || null;
    total = typeof list.value.total === "number" ? list.value.total : null;
    remember(items);
  } else {
    items = [];
    next = null;
    total = null;
    if (list.status === "rejected") fail("events", list);
  }
  showTable();

  if (geo.status === "fulfilled" && geo.value) {
    const features = Array.isArray(geo.value.features) ? geo.value.features : [];
    remember(features.map((f) => f.properties || {}));
    const onMap = mapView.setEvents(features, { fit });
    // the API may page the points (`total` and `next` as in /api/events): the map shows the
    // latest MAP_LIMIT; events with no coordinates are not among them
    const located = typeof geo.value.total === "number" ? geo.value.total : features.length;
    const listed = total ?? items.length;
    let text = `${formatNumber(onMap)} events on the map`;
    if (located > onMap) text += ` (the latest ${formatNumber(onMap)} of ${formatNumber(located)}: narrow the filters to see all)`;
    const without = Math.max(listed - located, features.length - onMap);
    if (without > 0) text += `, ${formatNumber(without)} without coordinates`;
    note("#map-note", text);
  } else {
    mapView.setEvents([]);
    note("#map-note", "");
    if (geo.status === "rejected") fail("map", geo);
  }

  let fatalities = null;
  if (stats.status === "fulfilled" && stats.value) {
    let timeline = [];
    try {
      timeline = await timelineRows(stats.value, params, signal);
    } catch (err) {
      if (signal.aborted) return;
      problems.push(`timeline: ${err.message}`);
    }
    if (signal.aborted) return;
    timelineView.setRows(timeline);
    fatalities = typeof stats.value.fatalities === "number" ? stats.value.fatalities
      : timeline.reduce((a, r) => a + (Number(r.fatalities) || 0), 0);
    for (const r of Array.isArray(stats.value.by_admin1) ? stats.value.by_admin1 : []) {
      const [country, admin1] = r && Array.isArray(r.key) ? r.key : [r && r.country, r && r.admin1];
      if (typeof admin1 === "string" && admin1) seen.admin1.add(admin1);
      if (typeof country === "string" && country) seen.country.add(country);
    }
    note("#chart-note", timeline.length ? "" : "No dated event to chart.");
  } else {
    timelineView.setRows([]);
    if (stats.status === "rejected") fail("timeline", stats);
  }
  fillDatalists();

  const count = total ?? items.length;
  const parts = [`${formatNumber(count)} events`];
  if (fatalities !== null) parts.push(`${formatNumber(fatalities)} fatalities`);
  const active = Object.keys(state.filters).length;
  parts.push(active ? `${active} filter${active > 1 ? "s" : ""}` : "no filter");
  summary.textContent = parts.join(" · ") + (problems.length ? ` · error: ${problems.join("; ")}` : "");
  summary.classList.toggle("error", problems.length > 0);
  document.body.dataset.state = problems.length ? "error" : "ready";
}

// The table again in another order the API sorts by (the map and the timeline stay).
async function reloadList() {
  if (controller) controller.abort();
  controller = new AbortController();
  const { signal } = controller;
  loadedState = { ...state, filters: { ...state.filters } };
  document.body.dataset.state = "loading";
  try {
    const page = await api.events({ ...listParams(state), limit: PAGE_SIZE }, signal);
    items = Array.isArray(page.items) ? page.items : [];
    next = page.next || null;
    total = typeof page.total === "number" ? page.total : total;
    showTable();
    document.body.dataset.state = "ready";
  } catch (err) {
    if (signal.aborted) return;
    $("#table-count").textContent = `Could not sort: ${err.message}`;
    document.body.dataset.state = "error";
  }
}

async function more() {
  if (!next) return;
  loadMore.disabled = true;
  try {
    const page = await api.events({ ...listParams(state), limit: PAGE_SIZE, cursor: next });
    const got = Array.isArray(page.items) ? page.items : [];
    const known = new Set(items.map((e) => e.event_id));
    items = items.concat(got.filter((e) => !known.has(e.event_id)));
    next = page.next || null;
    remember(got);
    fillDatalists();
    showTable();
  } catch (err) {
    $("#table-count").textContent = `Could not load more: ${err.message}`;
  } finally {
    loadMore.disabled = false;
  }
}

function onHash() {
  const before = loadedState;
  state = readHash();
  syncForm();
  const filtersChanged = !before ||
    FILTER_KEYS.some((k) => (state.filters[k] || "") !== (before.filters[k] || ""));
  if (filtersChanged) {
    refresh({ fit: true });
  } else if (serverSort(state.sort) !== serverSort(before.sort)) {
    reloadList();
  } else {
    loadedState = { ...state, filters: { ...state.filters } };
    showTable();
  }
  if (state.event && state.event !== panel.shown) {
    panel.open(state.event);
  } else if (!state.event && panel.shown) {
    panel.close();
  }
  for (const row of table.querySelectorAll("tr[data-event-id]")) {
    row.classList.toggle("selected", row.dataset.eventId === state.event);
  }
}

// --- wiring -------------------------------------------------------------------------------

fillSelect(form.elements.event_type, EVENT_TYPES, state.filters.event_type || "");
$("#map-legend").replaceWith(legend());
const mapView = createMap($("#map"), { onSelect: (id) => setHash({ ...state, event: id }) });
const timelineView = createTimeline($("#timeline"), {
  onPeriod: (label) => {
    const week = weekRange(label);
    if (week) setHash({ ...state, filters: { ...state.filters, ...week } });
  },
});
const panel = createPanel($("#panel"), {
  onClose: () => setHash({ ...state, event: "" }),
  onReviewed: () => refresh({ fit: false }),
});

form.addEventListener("change", (evt) => {
  if (evt.target === form.elements.event_type) syncSubTypes();
  setHash({ ...state, filters: readForm() });
});
form.addEventListener("submit", (evt) => {
  evt.preventDefault();
  setHash({ ...state, filters: readForm() });
});
$("#clear-filters").addEventListener("click", () => setHash({ ...state, filters: {} }));
$("#metric").addEventListener("change", (evt) => timelineView.setMetric(evt.target.value));
loadMore.addEventListener("click", more);
document.addEventListener("keydown", (evt) => {
  if (evt.key === "Escape" && panel.shown) setHash({ ...state, event: "" });
});
window.addEventListener("hashchange", onHash);
onHash();
