"""Throughput of ingest, store and exports (prints figures; no assertions).

python benchmarks/bench_store.py [DATABASE_URL]   # default: a temporary SQLite file
"""

import datetime as dt
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from eventcoder.export import write_events
from eventcoder.ingest import iter_articles
from eventcoder.schema import Article, Event, Evidence
from eventcoder.store import Store

url = sys.argv[1] if len(sys.argv) > 1 else None
tmp = Path(tempfile.mkdtemp())
random.seed(0)
words = (
    "the of and to in a police said gunmen attacked village troops rebels killed wounded "
    "town army border protest capital market fighters clashes on Monday near"
).split()


def para(n):
    return " ".join(random.choice(words) for _ in range(n)).capitalize() + "."


# 2,000 txt files of ~3 KB, one 20,000-line JSONL, 200 HTML pages
(tmp / "txt").mkdir()
for i in range(2000):
    (tmp / "txt" / f"{i}.txt").write_text(
        f"Headline {i}\n\n" + "\n\n".join(para(80) for _ in range(6))
    )
with (tmp / "a.jsonl").open("w") as fh:
    for i in range(20000):
        fh.write(json.dumps({"id": f"j{i}", "text": para(120), "date": "2024-03-05"}) + "\n")
(tmp / "html").mkdir()
for i in range(200):
    body = "".join(f"<p>{para(80)}</p>" for _ in range(6))
    (tmp / "html" / f"{i}.html").write_text(
        f"<html><head><title>T{i}</title></head><body><nav>Home</nav><article><h1>T{i}</h1>{body}</article></body></html>"
    )
for sub in ("txt", "a.jsonl", "html"):
    t = time.perf_counter()
    n = sum(isinstance(a, Article) for a in iter_articles([tmp / sub]))
    el = time.perf_counter() - t
    print(f"ingest {sub:8s}: {n} articles in {el:.2f} s = {n / el:,.0f} articles/s")


def events(k, start=0):
    out = []
    for i in range(start, start + k):
        out.append(
            Event(
                event_id=f"ev-{i}",
                article_ids=[f"a{i}"],
                event_date=dt.date(2024, 1, 1) + dt.timedelta(days=i % 365),
                disorder_type="Political violence",
                event_type="Battles",
                sub_event_type="Armed clash",
                actor1=random.choice(
                    ["Military Forces of Iraq (2014-)", "Islamic State (IS)", "PKK"]
                ),
                country=random.choice(["Iraq", "Syria", "Turkey"]),
                admin1=random.choice(["Ninewa", "Aleppo", "Hakkari"]),
                latitude=36.3,
                longitude=43.1,
                fatalities=i % 7,
                confidence=0.7,
                evidence=[
                    Evidence(article_id=f"a{i}", field=f, start=0, end=5, text="xxxxx")
                    for f in ("sub_event_type", "actor1", "fatalities")
                ],
            )
        )
    return out


arts = [Article.from_text(f"Article {i}: " + para(150), id=f"a{i}") for i in range(50000)]
evs = events(50000)
for u in [url] if url else [f"sqlite:///{tmp / 'b.db'}"]:
    with Store(u) as s:
        t = time.perf_counter()
        for b in range(0, 50000, 500):
            s.save_batch(arts[b : b + 500], evs[b : b + 500])
        el = time.perf_counter() - t
        print(
            f"save_batch {u.split(':')[0]}: 50,000 articles + 50,000 events (3 evidence each), batches of 500: {el:.1f} s = {50000 / el:,.0f} events/s"
        )
        t = time.perf_counter()
        s.save_batch(arts[:500], evs[:500])
        print(f"re-save 500 known: {time.perf_counter() - t:.3f} s")
        t = time.perf_counter()
        kh = s.known_hashes(a.content_hash for a in arts[:5000])
        print(f"known_hashes 5,000: {time.perf_counter() - t:.3f} s")
        for kw in (
            {"country": "iraq", "limit": 1000},
            {"actor": "islamic", "since": dt.date(2024, 6, 1)},
            {},
        ):
            t = time.perf_counter()
            rows = s.query_events(**kw)
            print(f"query_events({kw}): {len(rows)} events in {time.perf_counter() - t:.2f} s")
        for fmt in ("jsonl", "csv", "geojson", "parquet"):
            t = time.perf_counter()
            n = write_events(rows, fmt, tmp / f"out.{fmt}")
            print(f"export {fmt}: {n} events in {time.perf_counter() - t:.2f} s")
shutil.rmtree(tmp)
