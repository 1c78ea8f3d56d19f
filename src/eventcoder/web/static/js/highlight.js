// Evidence highlighting: an event's evidence spans are character offsets (start, end) into
// its article's text. For each source the panel shows the sentences the spans fall in, with
// every span marked, built as text nodes and <mark> elements (never HTML strings).

import { el } from "./dom.js";

const CONTEXT_LIMIT = 320; // characters of a sentence shown around a span at most

// Where each evidence span is in the text. A span whose offsets do not give its text (a text
// stored again, offsets of another version) is looked for by its text, nearest to where it
// was said to be; one found nowhere is returned in `unplaced`.
export function placeSpans(text, evidence) {
  const placed = [];
  const unplaced = [];
  for (const ev of evidence) {
    const start = Number(ev.start);
    const end = Number(ev.end);
    const want = typeof ev.text === "string" ? ev.text : "";
    const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 &&
      end > start && end <= text.length;
    if (valid && (!want || text.slice(start, end) === want)) {
      placed.push({ start, end, field: ev.field || "", text: text.slice(start, end) });
      continue;
    }
    const at = want ? nearestIndexOf(text, want, valid ? start : 0) : -1;
    if (at >= 0) placed.push({ start: at, end: at + want.length, field: ev.field || "", text: want });
    else unplaced.push(ev);
  }
  return { placed, unplaced };
}

function nearestIndexOf(text, needle, around) {
  let best = -1;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (best < 0 || Math.abs(i - around) < Math.abs(best - around)) best = i;
  }
  return best;
}

// The sentence around [start, end): from after the previous sentence end (". ", "! ", "? "
// or a line break) to the next one, cut to CONTEXT_LIMIT characters either side. `sentences`
// (from the article's candidates: {start, end}) are used first when one holds the span.
export function sentenceAround(text, start, end, sentences = []) {
  const known = sentences.find((s) => s.start <= start && end <= s.end);
  if (known) return { start: known.start, end: known.end };
  let from = start;
  while (from > 0 && from > start - CONTEXT_LIMIT) {
    const c = text[from - 1];
    if (c === "\n" || (/\s/.test(c) && /[.!?]["'\u201d)\]]?$/.test(text.slice(Math.max(0, from - 3), from - 1)))) break;
    from -= 1;
  }
  let to = end;
  while (to < text.length && to < end + CONTEXT_LIMIT) {
    const c = text[to];
    to += 1;
    if (c === "\n") { to -= 1; break; }
    if (/[.!?]/.test(c) && (to >= text.length || /\s/.test(text[to]))) break;
  }
  return { start: from, end: to };
}

// Windows of text to show: each placed span's sentence, overlapping ones merged.
export function windows(text, spans, sentences = []) {
  const ws = spans.map((s) => sentenceAround(text, s.start, s.end, sentences))
    .sort((a, b) => a.start - b.start);
  const merged = [];
  for (const w of ws) {
    const last = merged[merged.length - 1];
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else merged.push({ ...w });
  }
  return merged;
}

// The pieces of text[from, to) cut at every span boundary: [{text, fields: [...]}], where
// fields names the evidence spans covering the piece (empty: plain text).
export function segments(text, spans, from = 0, to = text.length) {
  const cuts = new Set([from, to]);
  for (const s of spans) {
    if (s.end <= from || s.start >= to) continue;
    cuts.add(Math.max(from, s.start));
    cuts.add(Math.min(to, s.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const a = points[i];
    const b = points[i + 1];
    const fields = spans.filter((s) => s.start <= a && b <= s.end).map((s) => s.field);
    out.push({ text: text.slice(a, b), fields: [...new Set(fields)] });
  }
  return out;
}

// A DOM fragment of text[from, to) with the spans as <mark> elements (title: their fields).
export function highlighted(text, spans, from = 0, to = text.length, markClass = "evidence") {
  const frag = document.createDocumentFragment();
  for (const piece of segments(text, spans, from, to)) {
    if (!piece.fields.length) {
      frag.append(document.createTextNode(piece.text));
    } else {
      const label = piece.fields.filter(Boolean).join(", ");
      frag.append(el("mark", {
        class: markClass, title: label || null, "data-fields": label || null,
      }, piece.text));
    }
  }
  return frag;
}

// An excerpt element: the sentence windows of one article with its evidence marked.
export function evidenceExcerpts(text, spans, sentences = []) {
  return windows(text, spans, sentences).map((w) => el("blockquote", { class: "excerpt" },
    w.start > 0 ? "\u2026 " : "",
    highlighted(text, spans, w.start, w.end),
    w.end < text.length ? " \u2026" : ""));
}
