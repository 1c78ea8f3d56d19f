// The events table: one row per event of /api/events, sorted by a column header (the sort
// goes to the API as ?sort=field or ?sort=-field and is kept in the URL hash).

import { el, fill, show, formatNumber } from "./dom.js";
import { typeColor } from "./colors.js";

// "Mosul, Ninawa, Iraq"; a name repeated by the next level ("Kirkuk, Kirkuk") once
export function place(e) {
  const parts = [];
  for (const p of [e.location, e.admin1, e.country]) {
    if (p && p !== parts[parts.length - 1]) parts.push(p);
  }
  return parts.join(", ");
}

export const COLUMNS = [
  { key: "event_date", label: "Date" },
  { key: "event_type", label: "Type", value: (e) => e.sub_event_type || e.event_type },
  { key: "actor1", label: "Actor 1" },
  { key: "actor2", label: "Actor 2" },
  { key: "admin1", label: "Place", value: (e) => place(e) },
  { key: "fatalities", label: "Fatalities", numeric: true },
  { key: "confidence", label: "Confidence", numeric: true, value: (e) => (typeof e.confidence === "number" ? e.confidence.toFixed(2) : e.confidence) },
  { key: "status", label: "Status" },
  { key: "sources_count", label: "Sources", numeric: true },
];

function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined || a === "") return 1; // blanks last
  if (b === null || b === undefined || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

// The rows in the sort's order (the API sorts too; this keeps a page consistent when the API
// cannot sort by that column, and after "load more").
export function sortItems(items, sort) {
  const desc = sort.startsWith("-");
  const key = sort.replace(/^-/, "");
  return [...items].sort((x, y) => {
    const c = compare(x[key], y[key]);
    if (!c) return compare(x.event_id, y.event_id);
    if (x[key] === null || x[key] === undefined || y[key] === null || y[key] === undefined) return c;
    return desc ? -c : c;
  });
}

export function renderTable(table, items, { sort, selected, linkFor, onSort }) {
  const key = sort.replace(/^-/, "");
  const desc = sort.startsWith("-");
  const head = el("tr", {}, COLUMNS.map((c) => {
    const active = c.key === key;
    const next = active && !desc ? `-${c.key}` : (active ? c.key : (c.numeric || c.key === "event_date" ? `-${c.key}` : c.key));
    const button = el("button", { type: "button", class: "sort", "data-sort": c.key }, c.label,
      active ? (desc ? " \u25bc" : " \u25b2") : "");
    button.addEventListener("click", () => onSort(next));
    return el("th", {
      scope: "col", class: c.numeric ? "num" : null,
      "aria-sort": active ? (desc ? "descending" : "ascending") : "none",
    }, button);
  }));
  const body = el("tbody", {}, sortItems(items, sort).map((e) => {
    const cells = COLUMNS.map((c, i) => {
      const v = c.value ? c.value(e) : e[c.key];
      if (i === 0) {
        return el("td", {}, el("a", { href: linkFor(e.event_id), class: "open-event" },
          show(v)));
      }
      if (c.key === "event_type") {
        const dot = el("span", { class: "dot" });
        dot.style.background = typeColor(e.event_type);
        return el("td", { title: e.event_type || null }, dot, show(v));
      }
      return el("td", { class: c.numeric ? "num" : null },
        c.numeric && typeof v === "number" ? formatNumber(v) : show(v));
    });
    return el("tr", {
      "data-event-id": e.event_id, class: e.event_id === selected ? "selected" : null,
    }, cells);
  }));
  if (!items.length) {
    body.append(el("tr", { class: "empty" }, el("td", { colspan: String(COLUMNS.length) },
      "No event matches these filters.")));
  }
  fill(table, el("thead", {}, head), body);
}
