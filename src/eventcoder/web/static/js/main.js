// The dashboard: filters (kept in the URL hash) shared by the map, the weekly timeline and
// the table, which load in parallel and draw as their answers come; a click on a marker or a
// row opens the event panel.

import { el, fill, formatNumber } from "./dom.js";
import { api, ApiError } from "./api.js";
import {
  FILTER_KEYS, readHash, setHash, toHash, queryParams, listParams, pointsParams, serverSort,
} from "./state.js";
import { createMap, legend, loadPoints } from "./map.js";
import { createTimeline, weekRange } from "./timeline.js";
import { renderTable } from "./table.js";
import { createPanel } from "./panel.js";
import { EVENT_TYPES, SUB_EVENT_TYPES } from "./taxonomy.js";

const PAGE_SIZE = 100;
const $ = (sel) => document.querySelector(sel);

// The three requests of a view (each promise is handled when it settles: no unhandled
// rejection is reported while the page waits for its answers).
function startRequests(forState, { fit = false } = {}) {
  const params = queryParams(forState);
  const requests = {
    list: api.events({ ...listParams(forState), limit: PAGE_SIZE }, listController.signal),
    points: loadPoints(api.pointsUrl(pointsParams(forState)), { fit }),
    stats: api.stats(params, controller.signal),
  };
  for (const p of Object.values(requests)) p.catch(() => {});
  return requests;
}

const requestKey = (forState) => JSON.stringify(listParams(forState));

// Leaflet and Chart.js have run (deferred scripts) and the document is parsed.
function pageReady() {
  if (document.readyState !== "loading" && window.L && window.Chart) return Promise.resolve();
  return new Promise((resolve) => {
    document.addEventListener("DOMContentLoaded", () => resolve(), { once: true });
  });
}

// This module is async (index.html): the first view's requests go out now, while the page is
// still parsed and the libraries load, and are used by the first refresh().
let state = readHash();
let controller = new AbortController(); // the statistics' request of the latest refresh
let listController = new AbortController(); // the table's latest request (a sort reloads it)
let generation = 0; // refresh() calls so far: an older one's answers are dropped
let refreshing = false;
let reloading = false;
let early = { key: requestKey(state), requests: startRequests(state, { fit: true }) };
await pageReady();

const form = $("#filters");
const summary = $("#summary");
const table = $("#events");
const loadMore = $("#load-more");

let loadedState = null; // the state whose data is shown
let items = [];
let next = null;
let total = null;
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

// Rows of the timeline: [{period, event_type, events, fatalities}]: `by_period_and_type` of
// /api/stats (or `timeline`). An API whose statistics give periods for all types together
// only (`by_period`, with `by_event_type` beside it) is asked once more per event type
// present, with the same filters.
async function timelineRows(stats, params, signal) {
  if (Array.isArray(stats.timeline)) return stats.timeline;
  if (Array.isArray(stats.by_period_and_type)) {
    return stats.by_period_and_type.filter((r) => r && r.period);
  }
  const dated = (list, type) => (Array.isArray(list) ? list : [])
    .filter((r) => r && r.period).map((r) => ({ ...r, event_type: type }));
  const types = (Array.isArray(stats.by_event_type) ? stats.by_event_type : [])
    .filter((t) => t && t.event_type && t.events > 0).map((t) => t.event_type);
  if (types.length <= 1) return dated(stats.by_period, types[0] || "Events");
  const parts = await Promise.all(types.map((type) => api.stats({ ...params, event_type: type }, signal)
    .then((s) => dated(s && s.by_period, type))));
  return parts.flat();
}

function reason(err) {
  return err instanceof ApiError ? err.message : (err && err.message) || String(err);
}

// The three views load in parallel and each is drawn as soon as its answer is in: the table
// (/api/events), the timeline (/api/stats) and the map (/api/points, every located event,
// clustered in a worker). The summary line is written as the counts arrive.
async function refresh({ fit = false } = {}) {
  let requests = early && early.key === requestKey(state) ? early.requests : null;
  early = null;
  if (!requests) {
    controller.abort();
    controller = new AbortController();
    listController.abort();
    listController = new AbortController();
    requests = startRequests(state, { fit });
  }
  generation += 1;
  const mine = generation;
  const stale = () => mine !== generation;
  const { signal } = controller;
  const listSignal = listController.signal;
  const params = queryParams(state);
  refreshing = true;
  document.body.dataset.state = "loading";
  summary.textContent = "Loading…";
  summary.classList.remove("error");
  loadedState = { ...state, filters: { ...state.filters } };
  const problems = [];
  let fatalities = null;
  let located = null; // {count, total, truncated} of the map
  let listed = false;

  function writeSummary(done) {
    const count = listed ? (total ?? items.length) : null; // (total may be the last view's)
    const parts = [count === null ? "… events" : `${formatNumber(count)} events`];
    if (fatalities !== null) parts.push(`${formatNumber(fatalities)} fatalities`);
    const active = Object.keys(state.filters).length;
    parts.push(active ? `${active} filter${active > 1 ? "s" : ""}` : "no filter");
    summary.textContent = parts.join(" · ") + (done ? "" : " · loading…") +
      (problems.length ? ` · error: ${problems.join("; ")}` : "");
    summary.classList.toggle("error", problems.length > 0);
  }

  function writeMapNote() {
    if (!located) return;
    let text = `${formatNumber(located.count)} events on the map`;
    if (located.truncated) {
      text += ` (the latest ${formatNumber(located.count)} of ${formatNumber(located.total)}: narrow the filters to see all)`;
    }
    // the events matching without coordinates (known once the table's total is in)
    const without = listed && total !== null ? total - located.total : 0;
    if (without > 0) text += `, ${formatNumber(without)} without coordinates`;
    note("#map-note", text);
  }

  const table = requests.list.then((page) => {
    if (listSignal.aborted || stale()) return;
    items = Array.isArray(page && page.items) ? page.items : (Array.isArray(page) ? page : []);
    next = (page && page.next) || null;
    total = page && typeof page.total === "number" ? page.total : null;
    remember(items);
  }, (err) => {
    if (listSignal.aborted || stale()) return;
    items = [];
    next = null;
    total = null;
    problems.push(`events: ${reason(err)}`);
  }).then(() => {
    if (listSignal.aborted || stale()) return;
    listed = true;
    showTable();
    fillDatalists();
    writeMapNote();
    writeSummary(false);
  });

  const points = requests.points.then((shown) => {
    if (stale()) return;
    located = shown;
    writeMapNote();
  }, (err) => {
    if (stale()) return;
    mapView.clear();
    note("#map-note", "");
    problems.push(`map: ${reason(err)}`);
  });

  const chart = requests.stats.then(async (stats) => {
    if (stale()) return;
    let timeline = [];
    try {
      timeline = await timelineRows(stats || {}, params, signal);
    } catch (err) {
      if (stale()) return;
      problems.push(`timeline: ${reason(err)}`);
    }
    if (stale()) return;
    timelineView.setRows(timeline);
    fatalities = stats && typeof stats.fatalities === "number" ? stats.fatalities
      : timeline.reduce((a, r) => a + (Number(r.fatalities) || 0), 0);
    for (const r of stats && Array.isArray(stats.by_admin1) ? stats.by_admin1 : []) {
      const [country, admin1] = r && Array.isArray(r.key) ? r.key : [r && r.country, r && r.admin1];
      if (typeof admin1 === "string" && admin1) seen.admin1.add(admin1);
      if (typeof country === "string" && country) seen.country.add(country);
    }
    note("#chart-note", timeline.length ? "" : "No dated event to chart.");
    fillDatalists();
    writeSummary(false);
  }, (err) => {
    if (stale()) return;
    timelineView.setRows([]);
    problems.push(`timeline: ${reason(err)}`);
  });

  await Promise.all([table, points, chart]);
  if (stale()) return;
  refreshing = false;
  writeSummary(true);
  document.body.dataset.state = problems.length ? "error" : (reloading ? "loading" : "ready");
}

// The table again in another order the API sorts by (the map and the timeline stay, and go
// on loading if they are).
async function reloadList() {
  listController.abort();
  listController = new AbortController();
  const signal = listController.signal;
  loadedState = { ...state, filters: { ...state.filters } };
  reloading = true;
  document.body.dataset.state = "loading";
  try {
    const page = await api.events({ ...listParams(state), limit: PAGE_SIZE }, signal);
    items = Array.isArray(page.items) ? page.items : [];
    next = page.next || null;
    total = typeof page.total === "number" ? page.total : total;
    showTable();
    reloading = false;
    document.body.dataset.state = refreshing ? "loading" : "ready";
  } catch (err) {
    if (signal.aborted) return;
    reloading = false;
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
