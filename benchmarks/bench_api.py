"""Latency of the HTTP API over a big store (prints figures and the targets; no assertions).

python benchmarks/bench_api.py [--events N] [--db FILE] [--requests R] [--concurrency C ...]
                               [--only TEXT ...] [--workers W]

Fills a SQLite file with N synthetic events (default 1,000,000; kept and reused when --db
names a file that already holds N events), starts ``eventcoder serve --workers W`` on
127.0.0.1 (uvicorn in a process of its own, default W=1; W>1: that many worker processes
under it), and measures, with C concurrent httpx clients (default 1, then 4), the p50/p95
latency of

- ``GET /api/events?admin1=X&since=..&until=..`` (a page of 100; target p95 <= 50 ms),
- ``GET /api/stats`` with the same filters and with none, cached and (a commit by another
  connection before each request) computed afresh, and with a date range only (30 days to
  two years from a random day; the dashboard's date filter) by month and by week, computed
  afresh (target p95 <= 200 ms),
- ``GET /api/points`` (the dashboard's map: every located event, up to 250,000, gzipped),
  cached and computed afresh (target p95 <= 500 ms, a quarter of the dashboard's 2 s),

X and the three-month window drawn at random per request; also the server's CPU time per
request (from /proc, its worker processes included), which unlike the latencies does not
depend on what else the machine runs. The events are spread over 3
years, 30 countries of 12 first-level regions each (360 admin1 names), 5 admin2 each; each
has 2 evidence spans and 1 article link (articles themselves are not stored: the list
endpoints do not read them). Rows go in by direct SQLAlchemy Core inserts in one
transaction, through a Store opened first so that the schema is the migrated one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert

from eventcoder.store import Store
from eventcoder.store.tables import event_articles, events, evidence
from eventcoder.taxonomy import SUB_EVENT_TYPES

START = dt.date(2022, 1, 1)
DAYS = 3 * 365
COUNTRIES = 30
ADMIN1_PER_COUNTRY = 12
ADMIN2_PER_ADMIN1 = 5
CHUNK = 20_000
TARGET_EVENTS_MS = 50.0
TARGET_STATS_MS = 200.0
TARGET_POINTS_MS = 500.0
WORDS = ("gunmen attacked village troops rebels killed wounded town army border protest "
         "market fighters clashes police checkpoint drone strike shelling convoy").split()


def admin1_name(c: int, a: int) -> str:
    return f"Region {c:02d}-{a:02d}"


def fill(url: str, n: int, seed: int = 0) -> None:
    """Store ``n`` synthetic events (with links and evidence) in ``url``."""
    rng = random.Random(seed)
    types = [s for s in SUB_EVENT_TYPES]
    now = dt.datetime.now(dt.UTC)
    with Store(url) as store:
        t0 = time.perf_counter()
        with store.engine.begin() as conn:
            for start in range(0, n, CHUNK):
                rows: list[dict[str, Any]] = []
                links: list[dict[str, Any]] = []
                spans: list[dict[str, Any]] = []
                for i in range(start, min(n, start + CHUNK)):
                    c, a = rng.randrange(COUNTRIES), rng.randrange(ADMIN1_PER_COUNTRY)
                    st = rng.choice(types)
                    eid = f"ev-{i:08d}"
                    notes = " ".join(rng.choice(WORDS) for _ in range(12))
                    rows.append({
                        "event_id": eid,
                        "event_date": None if rng.random() < 0.01
                        else START + dt.timedelta(days=rng.randrange(DAYS)),
                        "time_precision": 1, "disorder_type": st.disorder_type,
                        "event_type": st.event_type, "sub_event_type": st.name,
                        "plover_type": st.plover_type, "actor1": f"Armed group {rng.randrange(500)}",
                        "assoc_actor_1": None, "inter1": 2, "actor2": None,
                        "assoc_actor_2": None, "inter2": 0, "interaction": 20,
                        "civilian_targeting": False, "country": f"Country {c:02d}",
                        "iso3": f"C{c:02d}", "admin1": admin1_name(c, a),
                        "admin2": f"District {c:02d}-{a:02d}-{rng.randrange(ADMIN2_PER_ADMIN1)}",
                        "admin3": None, "location": f"Town {rng.randrange(5000)}",
                        "latitude": -40 + c * 2.5 + rng.random(),
                        "longitude": -20 + a * 5 + rng.random(), "geo_precision": 1,
                        "geonames_id": None,
                        "fatalities": int(rng.expovariate(0.5)) if rng.random() < 0.6 else 0,
                        "notes": notes, "confidence": round(rng.random(), 3),
                        "status": rng.choices(("auto", "reviewed", "rejected"),
                                              (95, 3, 2))[0],
                        "sources_count": 1, "location_reason": "synthetic", "revision": 1,
                        "created_at": now, "updated_at": now,
                    })
                    links.append({"event_id": eid, "article_id": f"a{i}", "position": 0})
                    for pos, field in enumerate(("sub_event_type", "fatalities")):
                        spans.append({"event_id": eid, "article_id": f"a{i}", "field": field,
                                      "start": 10 * pos, "end": 10 * pos + 9,
                                      "text": notes[:40], "position": pos})
                # multi-row INSERTs, as the Store writes them: one statement per event would
                # make the summary triggers (migration 0010) journal every event's pages
                conn.execute(insert(events).returning(events.c.event_id), rows).close()
                conn.execute(insert(event_articles), links)
                conn.execute(insert(evidence), spans)
                done = min(n, start + CHUNK)
                print(f"\r  {done:,} / {n:,} events ({time.perf_counter() - t0:.0f} s)",
                      end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    # no ANALYZE: a store filled by eventcoder has no planner statistics either


def stored_events(path: Path) -> int:
    if not path.is_file():
        return -1
    with Store(f"sqlite:///{path}", create=False) as store:
        return store.count_events()


def ensure_filled(path: Path, ready: bool, fill: Callable[[str, int], object],
                  events: int) -> str:
    """The SQLite URL of ``path``; unless ``ready`` (the file already holds what the
    benchmark needs, kept for reuse), the file (and its WAL) is made anew by
    ``fill(url, events)`` first. Shared with bench_dashboard.py."""
    url = f"sqlite:///{path}"
    if not ready:
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            p.unlink(missing_ok=True)
        print(f"filling {path} with {events:,} events", file=sys.stderr)
        t = time.perf_counter()
        fill(url, events)
        print(f"filled in {time.perf_counter() - t:.0f} s "
              f"({os.path.getsize(path) / 1e6:,.0f} MB)", file=sys.stderr)
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(url: str, port: int, workers: int = 1) -> subprocess.Popen[str]:
    """``eventcoder serve`` in a process of its own (the clients' threads would otherwise
    take the server's interpreter lock), with ``workers`` worker processes, started when
    /api/health answers (and, with several, when every worker has answered it)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", "from eventcoder.cli import main; main()", "serve", "--db", url,
         "--port", str(port), "--log-level", "warning", "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
            break
        except httpx.TransportError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise SystemExit(
                    f"eventcoder serve did not start: {proc.communicate()[1]}") from None
            time.sleep(0.2)
    if workers > 1:  # each worker made its app (it listens once its startup is done)
        while len(descendants(proc.pid)) < workers and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)
    return proc


def descendants(pid: int) -> list[int]:
    """The processes under ``pid`` (Linux /proc; none elsewhere)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(stat.parent.name))
    out: list[int] = []
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process and the processes under it (Linux /proc),
    0 elsewhere."""
    total = 0.0
    for p in [pid, *descendants(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def measure(base: str, make_params: Any, path: str, requests: int,
            concurrency: int) -> tuple[list[float], int]:
    """Latencies (ms) of ``requests`` GETs of ``path`` over ``concurrency`` threads, and the
    number of items the last page held."""
    times: list[float] = []
    lock = threading.Lock()
    counter = iter(range(requests))
    items = [0]
    errors: list[str] = []  # a failed request stops its client; the run ends with it

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60) as client:
            client.get("/api/health")  # connect outside the measurement
            while True:
                with lock:
                    if next(counter, None) is None:
                        return
                params = make_params(rng)
                t = time.perf_counter()
                r = client.get(path, params=params)
                ms = (time.perf_counter() - t) * 1000
                if r.status_code != 200:
                    with lock:
                        errors.append(f"{path} {params}: HTTP {r.status_code} {r.text[:200]}")
                    return
                with lock:
                    times.append(ms)
                    if path == "/api/events":  # (a map's points are not parsed: megabytes)
                        items[0] = len(r.json()["items"])
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:  # (not a division by no timings later)
        raise SystemExit(errors[0])
    return times, items[0]


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def region_window(rng: random.Random) -> dict[str, str]:
    since = START + dt.timedelta(days=rng.randrange(DAYS - 90))
    return {"admin1": admin1_name(rng.randrange(COUNTRIES), rng.randrange(ADMIN1_PER_COUNTRY)),
            "since": since.isoformat(), "until": (since + dt.timedelta(days=90)).isoformat()}


def date_range(rng: random.Random) -> dict[str, str]:
    """A window of 30 days to two years from a random day (mid-month, most often)."""
    since = START + dt.timedelta(days=rng.randrange(DAYS - 30))
    until = since + dt.timedelta(days=rng.randrange(30, 2 * 365))
    return {"since": since.isoformat(), "until": until.isoformat()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None,
                        help="SQLite file to fill (kept) or reuse when it holds --events events")
    parser.add_argument("--requests", type=int, default=400, help="per measured endpoint")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4],
                        help="concurrent clients; several values run each in turn")
    parser.add_argument("--limit", type=int, default=100,
                        help="events per page of the events request (the API's default)")
    parser.add_argument("--only", nargs="+", default=None, metavar="TEXT",
                        help="measure only the requests whose name holds one of these texts "
                             "(e.g. --only 'since=..&until=.. (not cached')")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes (eventcoder serve --workers)")
    args = parser.parse_args()

    tmp = None
    path = args.db
    if path is None:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "bench.db"
    url = ensure_filled(path, stored_events(path) == args.events, fill, args.events)
    port = free_port()
    server = serve(url, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    def page(rng: random.Random) -> dict[str, Any]:
        return {**region_window(rng), "limit": args.limit}

    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    bump = itertools.count(1)

    def cold(rng: random.Random) -> dict[str, Any]:
        # a commit by another connection (the user_version pragma) changes the store's data
        # version: the cached statistics are not used, the SQL runs
        with writer_lock:
            writer.execute(f"PRAGMA user_version = {next(bump)}")
        return {}

    def cold_range(rng: random.Random) -> dict[str, Any]:
        return {**cold(rng), **date_range(rng)}

    writer_lock = threading.Lock()
    #: (name, path, parameters, target, requests): the uncached statistics read the summaries
    #: (200 requests each, enough for a steady 95th percentile), the uncached points a scan
    cases = [
        (f"GET /api/events?admin1=X&since=..&until=..&limit={args.limit}", "/api/events", page,
         TARGET_EVENTS_MS, args.requests),
        ("GET /api/stats?admin1=X&since=..&until=..", "/api/stats", region_window,
         TARGET_STATS_MS, args.requests),
        ("GET /api/stats (no filter, month; cached)", "/api/stats", lambda rng: {},
         TARGET_STATS_MS, args.requests),
        ("GET /api/stats (no filter, month; not cached: a commit before each)", "/api/stats",
         cold, TARGET_STATS_MS, min(args.requests, 200)),
        ("GET /api/stats?since=..&until=.. (30 days to 2 years, month; not cached: a commit "
         "before each)", "/api/stats", cold_range, TARGET_STATS_MS, min(args.requests, 200)),
        ("GET /api/stats?since=..&until=.. (30 days to 2 years, week, the dashboard's timeline; "
         "not cached: a commit before each)", "/api/stats",
         lambda rng: {**cold_range(rng), "interval": "week"}, TARGET_STATS_MS,
         min(args.requests, 200)),
        ("GET /api/points (no filter; cached)", "/api/points", lambda rng: {},
         TARGET_POINTS_MS, min(args.requests, 60)),
        ("GET /api/points (no filter; not cached: a commit before each)", "/api/points", cold,
         TARGET_POINTS_MS, min(args.requests, 30)),
    ]
    if args.only:
        cases = [c for c in cases if any(text in c[0] for text in args.only)]
        if not cases:
            parser.error(f"no request's name holds any of {args.only}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.events:,} events, SQLite, {args.requests} requests per line (uncached "
          f"statistics: {min(args.requests, 200)}, cached points: {min(args.requests, 60)}, "
          f"uncached points: "
          f"{min(args.requests, 30)}), uvicorn on "
          f"127.0.0.1 (eventcoder serve --workers {args.workers}), {os.cpu_count()} CPUs, "
          f"load average "
          f"{load:.1f} at the start")
    try:
        for concurrency in args.concurrency:
            for name, route, params, target, requests in cases:
                measure(base, params, route, min(20, requests), concurrency)  # warm-up
                cpu0, t = cpu_seconds(server.pid), time.perf_counter()
                times, items = measure(base, params, route, requests, concurrency)
                wall = time.perf_counter() - t
                cpu = (cpu_seconds(server.pid) - cpu0) / len(times) * 1000
                p50, p95 = percentile(times, 50), percentile(times, 95)
                verdict = "ok" if p95 <= target else "OVER TARGET"
                extra = f", {items} items in the last page" if route == "/api/events" else ""
                print(f"[{concurrency} client{'s' if concurrency > 1 else ''}] {name}: p50 "
                      f"{p50:.1f} ms, p95 {p95:.1f} ms (target p95 <= {target:.0f} ms: "
                      f"{verdict}); {len(times) / wall:.0f} requests/s, server CPU "
                      f"{cpu:.1f} ms a request{extra}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        writer.close()
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
