// Building DOM safely. Every piece of data (article text, titles, URLs, actor names, the API's
// error messages, what a user typed) reaches the page through text nodes or setAttribute:
// nothing here, nor anywhere in the dashboard, assigns innerHTML/outerHTML or calls
// insertAdjacentHTML/document.write with data. tests/web/test_static.py checks the sources.

// Attributes a caller may set. No event handler attribute (on*), no style, no src, and href
// only through safeUrl().
const ALLOWED_ATTRS = new Set([
  "id", "class", "title", "role", "type", "name", "value", "placeholder", "for", "min", "max",
  "step", "list", "autocomplete", "tabindex", "colspan", "scope", "rel", "target", "hidden",
  "disabled", "checked", "required", "open", "datetime", "lang", "dir", "spellcheck",
]);

// el("p", {class: "note"}, "text", child, ...): strings become text nodes; null, undefined and
// false are skipped; arrays are flattened. attrs keys: the allowed attributes, "data-*",
// "aria-*" and "href" (http(s) URLs or same-page "#..." links only); anything else throws.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "href") {
      const href = safeHref(value);
      if (href) node.setAttribute("href", href);
    } else if (ALLOWED_ATTRS.has(key) || key.startsWith("data-") || key.startsWith("aria-")) {
      node.setAttribute(key, value === true ? "" : String(value));
    } else {
      throw new Error(`el(): attribute ${key} is not allowed`);
    }
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

// Replace a node's children by `children` (strings, nodes, nested arrays), as el() adds them.
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

// The URL as an absolute http(s) URL string, or null: javascript:, data:, vbscript:, relative
// and malformed URLs are never used as links (they are shown as text instead).
export function safeUrl(value) {
  if (typeof value !== "string" || !value.trim()) return null;
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}

function safeHref(value) {
  const s = String(value);
  if (s.startsWith("#")) return s; // a link within the page: the hash holds the state
  return safeUrl(s);
}

// A value for display: null/undefined/"" as an em dash, arrays joined, booleans yes/no.
export function show(value) {
  if (value === null || value === undefined || value === "") return "\u2014";
  if (Array.isArray(value)) return value.length ? value.map(show).join("; ") : "\u2014";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function formatNumber(n) {
  return typeof n === "number" && Number.isFinite(n) ? n.toLocaleString("en") : show(n);
}
