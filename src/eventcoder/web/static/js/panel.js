// The event panel: notes, every field, every source with its evidence highlighted in the
// sentence, the sentences of its articles that were not coded (with the reason), the event's
// history, and the review form (PATCH /api/events/{id} with a bearer token).

import { el, clear, fill, show, safeUrl, formatNumber } from "./dom.js";
import { api, ApiError } from "./api.js";
import { placeSpans, evidenceExcerpts, highlighted } from "./highlight.js";
import { typeColor } from "./colors.js";
import { place } from "./table.js";

const TOKEN_KEY = "eventcoder.apiToken";

// Event fields in the schema's order (eventcoder.schema.Event); notes and evidence are shown
// in sections of their own, anything else the API adds comes after these.
const FIELDS = [
  "event_id", "article_ids", "event_date", "time_precision", "disorder_type", "event_type",
  "sub_event_type", "plover_type", "actor1", "assoc_actor_1", "inter1", "actor2",
  "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "country", "iso3", "admin1",
  "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "geonames_id",
  "fatalities", "confidence", "status", "sources_count", "location_reason",
];
const NOT_FIELDS = new Set(["notes", "evidence", "sources", "candidates", "other_candidates",
  "history"]);

function section(title, ...children) {
  return el("section", { class: "panel-section" }, el("h3", {}, title), children);
}

function message(text, kind = "info") {
  return el("p", { class: `message ${kind}` }, text);
}

function errorMessage(err) {
  if (err instanceof ApiError) return `The API answered ${err.message}.`;
  return `Could not reach the API: ${err && err.message ? err.message : err}`;
}

function fieldsList(event) {
  const keys = [...FIELDS.filter((k) => k in event),
    ...Object.keys(event).filter((k) => !FIELDS.includes(k) && !NOT_FIELDS.has(k))];
  return el("dl", { class: "fields" }, keys.map((k) => [el("dt", {}, k),
    el("dd", { "data-field": k }, show(event[k]))]));
}

function sourceMeta(src) {
  const href = safeUrl(src.url);
  const parts = [];
  if (src.source) parts.push(el("span", { class: "outlet" }, src.source));
  if (src.published) parts.push(el("time", { datetime: src.published }, src.published));
  if (href) {
    parts.push(el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank",
      class: "source-url" }, src.url));
  } else if (src.url) {
    // not an http(s) URL: shown, never followed
    parts.push(el("span", { class: "source-url unsafe", title: "not an http(s) link" }, src.url));
  }
  parts.push(el("span", { class: "article-id" }, `article ${src.article_id}`));
  if (src.copy_of) parts.push(el("span", { class: "copy" }, `near-duplicate copy of ${src.copy_of}`));
  return el("p", { class: "source-meta" }, parts.map((p, i) => (i ? [" \u00b7 ", p] : p)));
}

function sourceBlock(src, evidence, sentences) {
  const text = typeof src.text === "string" ? src.text : "";
  const mine = evidence.filter((e) => e.article_id === src.article_id);
  const block = el("article", { class: "source", "data-article-id": src.article_id },
    el("h4", {}, src.title || `Article ${src.article_id}`), sourceMeta(src));
  if (!mine.length) {
    block.append(message(src.copy_of
      ? "A copy of another source: the evidence is marked in the original."
      : "No evidence span cites this article."));
  }
  if (text) {
    const { placed, unplaced } = placeSpans(text, mine);
    block.append(...evidenceExcerpts(text, placed, sentences));
    block.append(el("ul", { class: "evidence-list" },
      placed.map((s) => el("li", {}, el("span", { class: "field-name" }, s.field), ": ",
        el("q", {}, s.text))),
      unplaced.map((s) => el("li", { class: "unplaced" }, el("span", { class: "field-name" },
        s.field || "?"), ": ", el("q", {}, show(s.text)),
        " (not found at its offsets in the stored text)"))));
    block.append(el("details", { class: "fulltext" }, el("summary", {}, "Whole article"),
      el("div", { class: "article-text" }, highlighted(text, placed))));
  } else if (mine.length) {
    block.append(message("The API sent no article text: evidence as recorded."),
      el("ul", { class: "evidence-list" }, mine.map((s) => el("li", {},
        el("span", { class: "field-name" }, s.field), ": ", el("q", {}, show(s.text))))));
  }
  return block;
}

// A candidate's sentence as {start, end, text}: the contract's object, or a string with the
// offsets beside it.
function sentenceOf(c) {
  const s = c && c.sentence;
  if (typeof s === "string") return { start: c.start, end: c.end, text: s };
  return s && typeof s === "object" ? s : {};
}

function candidateSentence(c) {
  const sentence = sentenceOf(c);
  const text = typeof sentence.text === "string" ? sentence.text : "";
  if (!text) return null;
  let span = null;
  const trig = c.trigger;
  if (trig && typeof trig === "object" && Number.isInteger(trig.start) && Number.isInteger(sentence.start)) {
    const s = trig.start - sentence.start;
    const e = trig.end - sentence.start;
    if (s >= 0 && e <= text.length && e > s) span = { start: s, end: e, field: "trigger" };
  }
  if (!span) {
    const word = typeof trig === "string" ? trig : (trig && trig.text) || "";
    const at = word ? text.indexOf(word) : -1;
    if (at >= 0) span = { start: at, end: at + word.length, field: "trigger" };
  }
  return el("blockquote", { class: "excerpt" },
    highlighted(text, span ? [span] : [], 0, text.length, "trigger"));
}

function candidatesBlock(candidates) {
  const rejected = candidates.filter((c) => c && c.status !== "reported");
  if (!rejected.length) return message("Every sentence with an event word in these articles was coded.");
  return el("ul", { class: "candidates" }, rejected.map((c) => {
    const trig = typeof c.trigger === "string" ? c.trigger : (c.trigger && c.trigger.text) || "";
    return el("li", { "data-status": c.status || "" },
      el("p", {}, el("span", { class: `badge ${c.status || ""}` }, show(c.status)), " ",
        trig ? el("q", {}, trig) : null, c.sub_event_type ? ` (${c.sub_event_type})` : "",
        c.article_id ? el("span", { class: "article-id" }, ` \u00b7 article ${c.article_id}`) : null),
      c.reason ? el("p", { class: "reason" }, c.reason) : null,
      candidateSentence(c));
  }));
}

// "2025-03-04T10:20:30.123456+00:00" as "2025-03-04 10:20:30 +00:00"
function when(at) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(String(at || ""));
  return m ? `${m[1]} ${m[2]}${m[3] ? ` ${m[3] === "Z" ? "UTC" : m[3]}` : ""}` : show(at);
}

function shortValue(v) {
  const s = show(v);
  return s.length > 160 ? `${s.slice(0, 157)}\u2026` : s;
}

// [[field, old, new]] from {field: [old, new]} or [{field, old, new}]
function changeList(changes) {
  if (Array.isArray(changes)) {
    return changes.filter((c) => c && c.field).map((c) => [c.field, c.old, c.new]);
  }
  if (changes && typeof changes === "object") {
    return Object.entries(changes).map(([field, pair]) => (Array.isArray(pair)
      ? [field, pair[0], pair[1]] : [field, undefined, pair]));
  }
  return [];
}

// The history as a list of versions, from the contract's list or an object with `versions`
// (and `merges`: the events merged into this one).
function historyBlock(history) {
  const revisions = Array.isArray(history) ? history
    : (history && Array.isArray(history.versions) ? history.versions : []);
  const merges = history && Array.isArray(history.merges) ? history.merges : [];
  if (!revisions.length) return message("No recorded revision.");
  const list = el("ol", { class: "history" }, revisions.map((r) => {
    const changes = changeList(r.changes);
    return el("li", {},
      el("p", {}, el("strong", {}, `Revision ${show(r.revision)}`), ` \u00b7 ${when(r.at ?? r.time)}`,
        r.cause ? ` \u00b7 ${r.cause}` : "", r.user ? ` \u00b7 by ${r.user}` : ""),
      r.comment ? el("p", { class: "comment" }, el("q", {}, r.comment)) : null,
      changes.length ? el("table", { class: "changes" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "field"),
          el("th", { scope: "col" }, "before"), el("th", { scope: "col" }, "after"))),
        el("tbody", {}, changes.map(([field, before, after]) => el("tr", {},
          el("td", {}, field), el("td", {}, shortValue(before)),
          el("td", {}, shortValue(after)))))) : null);
  }));
  if (!merges.length) return list;
  return [list, el("p", {}, "Merged into this event:"), el("ul", { class: "merges" },
    merges.map((m) => el("li", {}, show(m.absorbed_id), ` \u00b7 ${when(m.merged_at)}`,
      typeof m.score === "number" ? ` \u00b7 score ${m.score.toFixed(2)}` : "",
      Array.isArray(m.reasons) && m.reasons.length ? ` (${m.reasons.join("; ")})` : "")))];
}

function reviewForm(event, onSaved, flash) {
  const status = event.status === "rejected" ? "rejected" : "reviewed";
  const current = Number.isInteger(event.fatalities) ? event.fatalities : 0;
  const out = el("p", { class: flash ? "review-result ok" : "review-result", role: "status",
    "aria-live": "polite" }, flash || "");
  const token = el("input", { type: "password", name: "token", id: "review-token",
    autocomplete: "off", value: sessionStorage.getItem(TOKEN_KEY) || "", spellcheck: "false" });
  const fatalities = el("input", { type: "number", name: "fatalities", id: "review-fatalities",
    min: "0", step: "1", value: String(current) });
  const comment = el("textarea", { name: "comment", id: "review-comment",
    placeholder: "why (kept in the event's history)" });
  const save = el("button", { type: "submit" }, "Save review");
  const radio = (value, label) => el("label", {}, el("input", { type: "radio", name: "status",
    value, checked: value === status }), ` ${label}`);
  const form = el("form", { class: "review", id: "review-form" },
    el("fieldset", {}, el("legend", {}, "Status"), radio("reviewed", "reviewed (correct)"),
      radio("rejected", "rejected (not an event)")),
    el("label", { for: "review-fatalities" }, "Fatalities"), fatalities,
    el("label", { for: "review-comment" }, "Comment"), comment,
    el("label", { for: "review-token" }, "API token"), token,
    el("p", { class: "hint" }, "Kept for this browser tab only (sessionStorage)."),
    save, out);
  form.addEventListener("submit", async (evt) => {
    evt.preventDefault();
    const body = { status: form.elements.status.value };
    const f = fatalities.value.trim();
    if (f !== "" && Number(f) !== current) {
      if (!/^\d+$/.test(f)) {
        out.textContent = "Fatalities must be a whole number, 0 or more.";
        out.className = "review-result error";
        return;
      }
      body.fatalities = Number(f);
    }
    if (comment.value.trim()) body.comment = comment.value.trim();
    const t = token.value.trim();
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
    else sessionStorage.removeItem(TOKEN_KEY);
    save.disabled = true;
    out.className = "review-result";
    out.textContent = "Saving\u2026";
    try {
      const saved = await api.review(event.event_id, body, t);
      out.className = "review-result ok";
      out.textContent = `Saved: ${show((saved && saved.status) || body.status)}.`;
      onSaved(saved, out.textContent);
    } catch (err) {
      out.className = "review-result error";
      if (err instanceof ApiError && err.status === 401) {
        out.textContent = `Not saved: a valid API token is needed (${err.message}).`;
      } else if (err instanceof ApiError && err.status === 403) {
        out.textContent = `Not saved: not allowed (${err.message}).`;
      } else {
        out.textContent = `Not saved. ${errorMessage(err)}`;
      }
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

export function createPanel(root, { onClose, onReviewed }) {
  const body = root.querySelector(".panel-body");
  const title = root.querySelector(".panel-title");
  root.querySelector(".panel-close").addEventListener("click", onClose);
  let controller = null;
  let shownId = "";

  async function open(id, { keepScroll = false, flash = "" } = {}) {
    if (controller) controller.abort();
    controller = new AbortController();
    const { signal } = controller;
    shownId = id;
    root.hidden = false;
    root.dataset.eventId = id;
    root.dataset.state = "loading";
    title.textContent = id;
    const scroll = body.scrollTop;
    if (!keepScroll) fill(body, message("Loading\u2026"));
    let event;
    try {
      event = await api.event(id, signal);
    } catch (err) {
      if (signal.aborted) return;
      fill(body, message(err instanceof ApiError && err.status === 404
        ? `No event ${id}.` : errorMessage(err), "error"));
      root.dataset.state = "error";
      return;
    }
    if (signal.aborted) return;
    const historySlot = el("div", { class: "history-slot" }, message("Loading history\u2026"));
    const dot = el("span", { class: "dot" });
    dot.style.background = typeColor(event.event_type);
    title.replaceChildren(dot, `${show(event.sub_event_type || event.event_type)}, ${show(event.event_date)}`);
    const candidates = Array.isArray(event.candidates) ? event.candidates
      : (Array.isArray(event.other_candidates) ? event.other_candidates : null);
    // the sentences this event was read from, where the API lists them
    const sentences = (candidates || [])
      .filter((c) => c && c.status === "reported" && (!c.event_id || c.event_id === event.event_id))
      .map(sentenceOf).filter((x) => Number.isInteger(x.start) && Number.isInteger(x.end));
    const sources = Array.isArray(event.sources) && event.sources.length ? event.sources
      : (event.article_ids || []).map((a) => ({ article_id: a }));
    const evidence = Array.isArray(event.evidence) ? event.evidence : [];
    fill(body, 
      el("p", { class: "summary" },
        el("span", { class: `badge ${event.status || ""}` }, show(event.status)), " ",
        place(event) || "place unknown",
        ` \u00b7 ${formatNumber(event.fatalities ?? 0)} fatalities \u00b7 confidence ${
          typeof event.confidence === "number" ? event.confidence.toFixed(2) : show(event.confidence)}`),
      section("Notes", el("p", { class: "notes" }, event.notes || "\u2014")),
      section(`Sources (${sources.length})`, sources.map((s) => sourceBlock(s, evidence, sentences))),
      section("Not coded from these articles",
        candidates ? candidatesBlock(candidates) : message("The API sent no candidates.")),
      section("History", historySlot),
      section("Review", reviewForm(event, (saved, said) => {
        onReviewed(saved || event);
        open(id, { keepScroll: true, flash: said });
      }, flash)),
      section("All fields", fieldsList(event)),
    );
    if (keepScroll) body.scrollTop = scroll;
    else title.focus({ preventScroll: true });
    root.dataset.state = "ready";
    try {
      const revisions = await api.history(id, signal);
      if (!signal.aborted) fill(historySlot, historyBlock(revisions));
    } catch (err) {
      if (!signal.aborted) fill(historySlot, message(errorMessage(err), "error"));
    }
  }

  return {
    open,
    close() {
      if (controller) controller.abort();
      shownId = "";
      root.hidden = true;
      delete root.dataset.eventId;
      clear(body);
    },
    get shown() { return shownId; },
  };
}
