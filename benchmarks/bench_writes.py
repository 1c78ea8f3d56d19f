"""The cost of the store's write paths, for what the statistics' summary triggers (migration
0010) add to each (prints figures; no assertions).

python benchmarks/bench_writes.py [--backend sqlite|postgresql|both] [--events 20000]
                                  [--repeat 3]

On a fresh store per round (a SQLite file; a database of a throwaway PostgreSQL server started
here as benchmarks/bench_dedup.py starts one, durability off), times:

- ``save_batch`` of ``--events`` new events (one article each, 2 evidence spans), batches of
  500: events/s (SQLite: executemany; PostgreSQL: COPY);
- ``save_batch`` of 5,000 of them again with higher tolls (the merge policy's update of each
  stored event, one UPDATE each): ms an event;
- ``set_status`` (1,000 calls), ``edit_event`` of date, place and toll (500), ``merge_events``
  (500 pairs), ``split_event`` undoing 200 of those merges: ms a call, one transaction each.

Each figure is the best of ``--repeat`` rounds (the least disturbed by other jobs on the
machine), with the median after it. Run it on a checkout with and without migration 0010 to
see what the triggers cost; it prints whether the store has the summaries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import inspect

from eventcoder.schema import Article, Event, Evidence
from eventcoder.store import Store
from eventcoder.taxonomy import SUB_EVENT_TYPES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_dedup import PgServer, pg_bindir  # noqa: E402

START = dt.date(2022, 1, 1)
BATCH = 500


def make(n: int, rng: random.Random) -> tuple[Article, Event]:
    sub = SUB_EVENT_TYPES[rng.randrange(len(SUB_EVENT_TYPES))]
    c, a = rng.randrange(30), rng.randrange(12)
    art = Article.from_text(f"Report {n}: gunmen attacked a village near town {n % 97}.",
                            id=f"a{n}")
    ev = Event(event_id=f"ev-{n}", article_ids=[art.id],
               event_date=START + dt.timedelta(days=rng.randrange(3 * 365)),
               disorder_type=sub.disorder_type, event_type=sub.event_type,
               sub_event_type=sub.name, actor1="Unidentified Armed Group",
               country=f"Country {c:02d}", admin1=f"Region {c:02d}-{a:02d}",
               latitude=10 + c * 0.5, longitude=20 + a * 0.5, geo_precision=2,
               fatalities=rng.randrange(5), confidence=0.6, notes=f"Event {n}.",
               evidence=[Evidence(article_id=art.id, field=f, start=0, end=6, text="Report")
                         for f in ("sub_event_type", "fatalities")])
    return art, ev


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def one_round(url: str, n: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    pairs = [make(i, rng) for i in range(n)]
    out: dict[str, float] = {}
    with Store(url) as store:
        out["summaries"] = float(inspect(store.engine).has_table("stats_by_day"))

        def fill() -> None:
            for b in range(0, n, BATCH):
                chunk = pairs[b:b + BATCH]
                store.save_batch([a for a, _ in chunk], [e for _, e in chunk])

        out["save_batch new, events/s"] = n / timed(fill)
        again = [e.model_copy(update={"fatalities": e.fatalities + 3})
                 for _, e in pairs[:5000]]

        def resave() -> None:
            for b in range(0, len(again), BATCH):
                store.save_batch([], again[b:b + BATCH])

        out["save_batch update, ms/event"] = timed(resave) / len(again) * 1000
        ids = [e.event_id for _, e in pairs]
        picks = rng.sample(ids, 1000)
        out["set_status, ms/call"] = timed(lambda: [
            store.set_status(i, rng.choice(("reviewed", "rejected", "auto"))) for i in picks]
        ) / len(picks) * 1000
        edits = rng.sample(ids, 500)
        out["edit_event, ms/call"] = timed(lambda: [
            store.edit_event(i, {"event_date": START + dt.timedelta(days=rng.randrange(1000)),
                                 "admin1": f"Region 99-{rng.randrange(12):02d}",
                                 "fatalities": rng.randrange(9)}) for i in edits]
        ) / len(edits) * 1000
        rest = [i for i in ids if i not in set(picks) | set(edits)]
        rng.shuffle(rest)
        merges = list(zip(rest[0:1000:2], rest[1:1000:2], strict=True))
        out["merge_events, ms/call"] = timed(lambda: [
            store.merge_events(a, b) for a, b in merges]) / len(merges) * 1000
        splits = merges[:200]
        out["split_event, ms/call"] = timed(lambda: [
            store.split_event(a, [f"a{b[3:]}"]) for a, b in splits]) / len(splits) * 1000
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    p.add_argument("--events", type=int, default=20_000)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        tmp = Path(tempfile.mkdtemp(prefix="ecwrites-"))
        server = None
        if backend == "postgresql":
            bindir = pg_bindir()
            if bindir is None:
                print("postgresql: no initdb/pg_ctl found, skipped")
                continue
            server = PgServer(bindir)
            base = server.start().rsplit("/", 1)[0]
        rounds: list[dict[str, float]] = []
        try:
            for r in range(args.repeat):
                if server is not None:
                    import psycopg

                    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                        conn.execute(f"CREATE DATABASE r{r}")
                    url = f"{base}/r{r}"
                else:
                    url = f"sqlite:///{tmp / f'r{r}.db'}"
                rounds.append(one_round(url, args.events, seed=r))
        finally:
            if server is not None:
                server.stop()
            shutil.rmtree(tmp, ignore_errors=True)
        load = os.getloadavg()[0]
        print(f"{backend}: {args.events:,} events, summaries "
              f"{'yes' if rounds[0]['summaries'] else 'no'}, best of {args.repeat} "
              f"(median), load average {load:.1f} at the end")
        for key in rounds[0]:
            if key == "summaries":
                continue
            values = [x[key] for x in rounds]
            best = max(values) if "/s" in key else min(values)
            print(f"  {key:32s} {best:10.3f}  ({statistics.median(values):.3f})")


if __name__ == "__main__":
    main()
