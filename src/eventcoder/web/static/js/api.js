// The HTTP API the page reads (docs/dashboard.md lists the endpoints). Paths are relative to
// the page, so the dashboard also works when the app is mounted under a prefix.

const BASE = new URL("api/", document.baseURI);

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function url(path, params) {
  const u = new URL(path, BASE);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") u.searchParams.set(key, value);
  }
  return u;
}

// The API's error message as plain text: FastAPI gives {"detail": "..."} or, for a request
// that fails validation, {"detail": [{"loc": [...], "msg": "..."}]}.
async function errorText(response) {
  let text = "";
  try {
    const body = await response.json();
    const detail = body && body.detail !== undefined ? body.detail : body;
    if (Array.isArray(detail)) {
      text = detail.map((d) => (d && d.msg ? `${(d.loc || []).join(".")}: ${d.msg}` : String(d)))
        .join("; ");
    } else if (typeof detail === "string") {
      text = detail;
    } else if (detail) {
      text = JSON.stringify(detail);
    }
  } catch {
    text = response.statusText;
  }
  return `${response.status}${text ? ` ${text}` : ""}`;
}

async function request(path, { params, method = "GET", body, token, signal } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(url(path, params), {
    method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  if (!response.ok) throw new ApiError(response.status, await errorText(response));
  if (response.status === 204) return null;
  return response.json();
}

const eventPath = (id) => `events/${encodeURIComponent(id)}`;

export const api = {
  events: (params, signal) => request("events", { params, signal }),
  // the URL of /api/points, which the map's worker fetches itself (js/clusters.js)
  pointsUrl: (params) => url("points", params).href,
  stats: (params, signal) => request("stats", { params: { ...params, interval: "week" }, signal }),
  event: (id, signal) => request(eventPath(id), { signal }),
  history: (id, signal) => request(`${eventPath(id)}/history`, { signal }),
  review: (id, body, token) => request(eventPath(id), { method: "PATCH", body, token }),
};
