"""One page of ``GET /api/events`` built in process, two ways: the events as pydantic models
serialised by ``EventPage.model_dump_json`` (``Store.page_events``), and as plain dicts
serialised by orjson (``Store.page_event_dicts``, what the server does). Both give the same
JSON (tests/api/test_fast_page.py); this prints the time of each, alternated.

    python benchmarks/bench_page.py --db /tmp/bench-1m.db [--limit 100] [--repeat 40]

The store: any eventcoder SQLite or PostgreSQL database (``bench_api.py`` fills one); the
page is the first admin1 found, over its events of 2023-2024.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

import orjson
from sqlalchemy import select

from eventcoder.api.models import EventPage
from eventcoder.store import EventFilter, Store
from eventcoder.store.tables import events


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", required=True, help="a database URL or a SQLite file")
    p.add_argument("--limit", type=int, default=100, help="events a page")
    p.add_argument("--repeat", type=int, default=40, help="pages timed per round")
    args = p.parse_args()
    url = args.db if "://" in args.db else f"sqlite:///{args.db}"
    with Store(url, create=False) as store:
        with store.engine.connect() as conn:
            admin1 = conn.scalar(select(events.c.admin1).where(events.c.admin1.isnot(None))
                                 .limit(1))
        f = EventFilter(admin1=admin1, since=dt.date(2023, 1, 1), until=dt.date(2024, 12, 31))

        def models() -> bytes:
            items, _ = store.page_events(f, limit=args.limit)
            return EventPage(items=items, total=0, next=None).model_dump_json().encode()

        def dicts() -> bytes:
            items, _ = store.page_event_dicts(f, limit=args.limit)
            return orjson.dumps({"items": items, "total": 0, "next": None})

        print(f"{url}: admin1 {admin1!r}, 2023-2024, {args.limit} events a page")
        for round_ in range(2):
            for fn in (models, dicts):
                fn()
                t, c = time.perf_counter(), time.process_time()
                for _ in range(args.repeat):
                    fn()
                print(f"round {round_ + 1}: {fn.__name__:6} {(time.perf_counter() - t) / args.repeat * 1000:6.1f} ms"
                      f" a page ({(time.process_time() - c) / args.repeat * 1000:.1f} ms CPU)")


if __name__ == "__main__":
    main()
