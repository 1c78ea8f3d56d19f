// The page's state lives in the URL hash, so a filtered view or an open event can be
// bookmarked and shared: #admin1=Ninawa&since=2025-03-01&sort=-fatalities&event=ev-...

export const FILTER_KEYS = [
  "since", "until", "country", "admin1", "event_type", "sub_event_type", "actor", "q",
  "min_confidence", "status",
];
export const DEFAULT_SORT = "-event_date";

export function readHash(hash = window.location.hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = (params.get(key) || "").trim();
    if (value) filters[key] = value;
  }
  return {
    filters,
    sort: params.get("sort") || DEFAULT_SORT,
    event: params.get("event") || "",
  };
}

export function toHash(state) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value !== undefined && value !== null && String(value).trim() !== "") {
      params.set(key, String(value).trim());
    }
  }
  if (state.sort && state.sort !== DEFAULT_SORT) params.set("sort", state.sort);
  if (state.event) params.set("event", state.event);
  const s = params.toString();
  return s ? `#${s}` : "#";
}

export function setHash(state) {
  const hash = toHash(state);
  if (hash !== (window.location.hash || "#")) window.location.hash = hash;
}

// The orders /api/events can sort by; the table sorts by its other columns itself, within the
// rows it has loaded.
export const SERVER_SORTS = ["event_date", "-event_date", "fatalities", "-fatalities"];

// The query parameters of /api/stats (the filters), and of
// /api/events (the filters and an order the API knows).
export function queryParams(state) {
  return { ...state.filters };
}

// The most points the map asks for (the most /api/points gives at once).
export const MAP_LIMIT = 250000;

// The query parameters of /api/points: the filters and the limit.
export function pointsParams(state) {
  return { ...state.filters, limit: MAP_LIMIT };
}

export function listParams(state) {
  return { ...state.filters, sort: serverSort(state.sort) };
}

export function serverSort(sort) {
  return SERVER_SORTS.includes(sort) ? sort : DEFAULT_SORT;
}
