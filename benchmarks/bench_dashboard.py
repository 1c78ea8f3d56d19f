"""The dashboard's first paint over a big store (prints figures and the target; no assertions).

python benchmarks/bench_dashboard.py [--events 100000] [--db FILE] [--repeat 3]

Fills a SQLite file with N synthetic events (default 100,000; kept and reused when --db names
a file this script filled with N events) placed in the region the basemap covers (Iraq, Syria
and their neighbours, 29-38 N, 35-48 E), dated over 3 years; starts ``eventcoder serve`` on
127.0.0.1 (uvicorn, a process of its own, as benchmarks/bench_api.py does); then, per repeat,
launches Debian's chromium headless through Playwright with a fresh profile (so a cold cache
and a fresh browser context), opens ``/`` and measures from navigation start
(``performance.timeOrigin``) to

- first contentful paint (``performance.getEntriesByType('paint')``),
- the map showing its markers and clusters (the first animation frame at which ``#map`` holds
  ``.ev-marker``/``.ev-cluster`` elements and ``data-events`` is set, once the first view's
  clusters are drawn),
- the table's first rows (``#events tr[data-event-id]``),
- the timeline drawn (the Chart.js chart on ``#timeline`` has its datasets),
- the page ready (``body[data-state=ready]``: every view filled, the summary line written);

and lists the page's API requests with when each was sent and answered (Playwright's
network events, which include the map worker's ``/api/points``: a worker's requests are not in
the page's resource timing). The page sends its three requests (events, points, stats) at
once and draws each view as its answer comes; the map's worker fetches the points and
clusters them.

Target (issue 13 item 6): first paint with 100,000 events in view in under 2 s. The page
asks for every located event in view, up to 250,000 (``MAP_LIMIT`` in
``static/js/main.js``, the most ``/api/points`` gives): the script prints how many events the
map holds, how many its markers and clusters show, and the page's note under the map.

The first run of each invocation meets a server that has just started (nothing cached);
the others find the answers of ``/api/events``' count, ``/api/stats`` and ``/api/points``
cached (until the database changes), as a dashboard reloaded or opened by a second person
does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import ensure_filled, free_port, serve  # noqa: E402  (same folder)

from eventcoder.store import Store  # noqa: E402
from eventcoder.store.tables import event_articles, events, evidence  # noqa: E402
from eventcoder.taxonomy import SUB_EVENT_TYPES  # noqa: E402

CHROMIUM = Path(os.environ.get("EVENTCODER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
TARGET_S = 2.0
START = dt.date(2023, 1, 1)
DAYS = 3 * 365
CHUNK = 20_000
PREFIX = "dash-"
#: (country, iso3, lat range, lon range, admin1 names): boxes inside each country
COUNTRIES = [
    ("Iraq", "IRQ", (30.5, 36.8), (40.5, 47.5),
     ["Ninawa", "Kirkuk", "Baghdad", "Anbar", "Basra", "Diyala", "Salah al-Din", "Erbil"]),
    ("Syria", "SYR", (32.8, 36.8), (36.0, 41.5),
     ["Aleppo", "Idlib", "Deir ez-Zor", "Raqqa", "Homs", "Damascus", "Daraa", "Hasakah"]),
    ("Turkey", "TUR", (36.9, 38.5), (36.0, 44.0), ["Hatay", "Gaziantep", "Sanliurfa", "Hakkari"]),
    ("Iran", "IRN", (31.0, 37.5), (45.5, 48.0), ["Kurdistan", "Kermanshah", "Ilam", "Khuzestan"]),
    ("Jordan", "JOR", (30.0, 32.5), (35.8, 38.5), ["Amman", "Irbid", "Mafraq", "Zarqa"]),
    ("Lebanon", "LBN", (33.1, 34.6), (35.2, 36.5), ["Beirut", "Bekaa", "South", "North"]),
    ("Saudi Arabia", "SAU", (29.0, 31.5), (37.5, 44.0), ["Northern Borders", "Al Jawf"]),
    ("Kuwait", "KWT", (29.0, 29.9), (47.0, 48.0), ["Al Asimah", "Al Jahra"]),
]
WEIGHTS = [40, 30, 8, 8, 5, 5, 2, 2]
WORDS = ("gunmen attacked village troops rebels killed wounded town army border protest "
         "market fighters clashes police checkpoint drone strike shelling convoy").split()


def fill(url: str, n: int, seed: int = 0) -> None:
    """Store ``n`` synthetic located events (with a link and evidence each) in ``url``."""
    rng = random.Random(seed)
    types = list(SUB_EVENT_TYPES)
    now = dt.datetime.now(dt.UTC)
    with Store(url) as store:
        t0 = time.perf_counter()
        with store.engine.begin() as conn:
            for start in range(0, n, CHUNK):
                rows: list[dict[str, Any]] = []
                links: list[dict[str, Any]] = []
                spans: list[dict[str, Any]] = []
                for i in range(start, min(n, start + CHUNK)):
                    country, iso3, (la0, la1), (lo0, lo1), admins = rng.choices(
                        COUNTRIES, WEIGHTS)[0]
                    st = rng.choice(types)
                    eid = f"{PREFIX}{i:08d}"
                    notes = " ".join(rng.choice(WORDS) for _ in range(12))
                    rows.append({
                        "event_id": eid,
                        "event_date": START + dt.timedelta(days=rng.randrange(DAYS)),
                        "time_precision": 1, "disorder_type": st.disorder_type,
                        "event_type": st.event_type, "sub_event_type": st.name,
                        "plover_type": st.plover_type,
                        "actor1": f"Armed group {rng.randrange(500)}",
                        "assoc_actor_1": None, "inter1": 2, "actor2": None,
                        "assoc_actor_2": None, "inter2": 0, "interaction": 20,
                        "civilian_targeting": False, "country": country, "iso3": iso3,
                        "admin1": rng.choice(admins), "admin2": None, "admin3": None,
                        "location": f"Town {rng.randrange(5000)}",
                        "latitude": round(rng.uniform(la0, la1), 4),
                        "longitude": round(rng.uniform(lo0, lo1), 4), "geo_precision": 1,
                        "geonames_id": None,
                        "fatalities": int(rng.expovariate(0.5)) if rng.random() < 0.6 else 0,
                        "notes": notes, "confidence": round(rng.random(), 3),
                        "status": rng.choices(("auto", "reviewed"), (97, 3))[0],
                        "sources_count": 1, "location_reason": "synthetic", "revision": 1,
                        "created_at": now, "updated_at": now,
                    })
                    links.append({"event_id": eid, "article_id": f"a{i}", "position": 0})
                    for pos, field in enumerate(("sub_event_type", "fatalities")):
                        spans.append({"event_id": eid, "article_id": f"a{i}", "field": field,
                                      "start": 10 * pos, "end": 10 * pos + 9,
                                      "text": notes[:40], "position": pos})
                conn.execute(insert(events), rows)
                conn.execute(insert(event_articles), links)
                conn.execute(insert(evidence), spans)
                print(f"\r  {min(n, start + CHUNK):,} / {n:,} events "
                      f"({time.perf_counter() - t0:.0f} s)", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)


def stored(path: Path) -> tuple[int, int]:
    """(events, events this script wrote) in the file; (-1, -1) when it is not there."""
    if not path.is_file():
        return -1, -1
    with sqlite3.connect(path) as db:
        try:
            total = db.execute("SELECT count(*) FROM events").fetchone()[0]
            ours = db.execute("SELECT count(*) FROM events WHERE event_id LIKE ?",
                              (PREFIX + "%",)).fetchone()[0]
        except sqlite3.DatabaseError:
            return -1, -1
    return int(total), int(ours)


#: recorded in the page at each animation frame: the performance.now() (ms after navigation
#: start) at which each view first shows its data
PROBE = """(() => {
  const marks = {};
  window.__benchMarks = marks;
  const check = () => {
    const t = performance.now();
    const map = document.getElementById('map');
    if (!marks.map && map && map.dataset.events !== undefined &&
        map.querySelector('.ev-marker, .ev-cluster')) marks.map = t;
    if (!marks.table && document.querySelector('#events tr[data-event-id]')) marks.table = t;
    const canvas = document.getElementById('timeline');
    const chart = window.Chart && canvas && window.Chart.getChart(canvas);
    if (!marks.timeline && chart && chart.data.datasets.length &&
        chart.data.labels.length) marks.timeline = t;
    if (!marks.ready && document.body && document.body.dataset.state === 'ready') marks.ready = t;
    if (!(marks.map && marks.table && marks.timeline && marks.ready)) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();"""

RESULT = r"""() => {
  const fcp = performance.getEntriesByType('paint')
    .find((e) => e.name === 'first-contentful-paint');
  const map = document.getElementById('map');
  const singles = map.querySelectorAll('.ev-marker').length;
  const grouped = [...map.querySelectorAll('.ev-cluster-count')]
    .reduce((a, n) => a + Number(n.textContent), 0);
  return {
    ...window.__benchMarks, fcp: fcp ? fcp.startTime : null,
    onMap: Number(map.dataset.events), inView: singles + grouped,
    markers: singles, clusters: map.querySelectorAll('.ev-cluster').length,
    note: document.getElementById('map-note').textContent,
    summary: document.getElementById('summary').textContent,
    rows: document.querySelectorAll('#events tr[data-event-id]').length,
    timeOrigin: performance.timeOrigin,
  };
}"""

STEPS = [("fcp", "first contentful paint"), ("map", "map markers/clusters"),
         ("table", "table first rows"), ("timeline", "timeline drawn"),
         ("ready", "page ready (all views)")]


def _request(request: Any, origin: float) -> dict[str, Any]:
    """One API request: its path, when it was sent and answered (ms after the page's
    navigation start) and the bytes of its answer as sent (compressed)."""
    timing = request.timing  # startTime: epoch ms; the others: ms after it
    start = timing["startTime"] - origin
    name = "api/" + request.url.split("/api/", 1)[1].split("?", 1)[0]
    if "event_type=" in request.url:
        name += " (per type)"
    return {"name": name, "start": start, "end": start + timing["responseEnd"],
            "bytes": request.sizes()["responseBodySize"]}


def run_once(pw: Any, base: str, profile: Path, timeout_s: float) -> dict[str, Any]:
    context = pw.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        viewport={"width": 1400, "height": 1000})
    try:
        remote: list[str] = []

        def only_local(route: Any) -> None:
            if route.request.url.startswith(base + "/"):
                route.continue_()
            else:
                remote.append(route.request.url)
                route.abort()

        context.route("**/*", only_local)
        requests: list[Any] = []
        context.on("requestfinished",
                   lambda r: requests.append(r) if "/api/" in r.url else None)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.add_init_script(PROBE)
        page.goto(base + "/", wait_until="commit")
        page.wait_for_function(
            "() => { const m = window.__benchMarks; return m && m.map && m.table && "
            "m.timeline && m.ready; }", timeout=timeout_s * 1000, polling=100)
        result = page.evaluate(RESULT)
        result["errors"] = errors
        result["remote"] = remote
        result["api"] = [_request(r, result["timeOrigin"]) for r in requests]
        return result
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None,
                        help="SQLite file to fill (kept) or reuse when it holds --events events "
                             "written by this script")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120, help="seconds per page load")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SystemExit("the playwright package is missing (pip install -e '.[dev]')") from None

    tmp = tempfile.TemporaryDirectory()
    path = args.db or Path(tmp.name) / "dashboard.db"
    url = ensure_filled(path, stored(path) == (args.events, args.events), fill, args.events)
    port = free_port()
    server = serve(url, port)
    base = f"http://127.0.0.1:{port}"
    load = os.getloadavg()[0]
    runs: list[dict[str, Any]] = []
    try:
        with sync_playwright() as pw:
            for i in range(args.repeat):
                r = run_once(pw, base, Path(tmp.name) / f"profile-{i}", args.timeout)
                runs.append(r)
                print(f"  run {i + 1}: " + ", ".join(
                    f"{key} {r[key] / 1000:.2f} s" for key, _ in STEPS if r.get(key) is not None),
                    file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=30)
        tmp.cleanup()

    last = runs[-1]
    print(f"dashboard first paint: {args.events:,} events in the store (SQLite), eventcoder "
          f"serve on 127.0.0.1 (1 process), headless chromium (fresh profile per run, "
          f"1400x1000), {args.repeat} runs; {os.cpu_count()} CPUs, load average {load:.1f} "
          f"at the start, {os.getloadavg()[0]:.1f} at the end")
    print(f"{'from navigation start to':<28} {'median':>8} {'max':>8}   target")
    for key, label in STEPS:
        values = [r[key] / 1000 for r in runs if r.get(key) is not None]
        if not values:
            print(f"{label:<28} {'-':>8} {'-':>8}")
            continue
        med, worst = statistics.median(values), max(values)
        verdict = ""
        if key in ("map", "table", "timeline", "ready"):
            verdict = f"< {TARGET_S:.0f} s: " + ("ok" if worst < TARGET_S else
                                                 ("median ok, max over" if med < TARGET_S
                                                  else "OVER TARGET"))
        print(f"{label:<28} {med:>7.2f}s {worst:>7.2f}s   {verdict}")
    capped = last["onMap"] < args.events
    print(f"map: {last['onMap']:,} of the {args.events:,} events loaded "
          f"({'CAPPED: see the note' if capped else 'all of them'}); in view at first paint: "
          f"{last['inView']:,} ({last['markers']} single markers, {last['clusters']} "
          f"clusters)")
    print(f"the page's note under the map: {last['note']!r}")
    print("the page's API requests (ms after navigation start, sent -> answered):")
    for i, run in enumerate(runs):
        print(f"  run {i + 1}")
        for e in sorted(run["api"], key=lambda e: e["start"]):
            print(f"    {e['name']:<30} {e['start']:>6.0f} -> {e['end']:>6.0f}  "
                  f"({e['bytes'] / 1e3:,.0f} kB)")
    print(f"summary line: {last['summary']!r}; table rows: {last['rows']}")
    problems = sorted({e for r in runs for e in r["errors"]}) + sorted(
        {u for r in runs for u in r["remote"]})
    if problems:
        print(f"page errors / remote requests: {problems}")


if __name__ == "__main__":
    main()
