"""Benchmark: end-to-end coding time over the bare spaCy pipeline, same articles, one process.

Times (1) ``nlp.pipe`` alone and (2) ``Pipeline.process_many`` (spaCy + geoparsing +
extraction + linking + truth model + event building) on the GeoWebNews-dev and LGL articles
of ../shared/data (688 articles), or on N copies of the bundled examples when it is absent.
Prints articles, seconds and the ratio (issue 14's target: at most 1.15).

Usage:
    python benchmarks/bench_e2e.py [--limit N]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from eventcoder.config import Config
from eventcoder.eval.sources import corpus_texts, shared_data_dir
from eventcoder.nlp import load_nlp
from eventcoder.pipeline import Pipeline
from eventcoder.schema import Article

REPO = Path(__file__).resolve().parents[1]


def texts(limit: int | None) -> tuple[str, list[str]]:
    data = shared_data_dir(os.environ.get("EVENTCODER_SHARED_DATA"))
    if data is not None:
        out = list(corpus_texts("gwn", data).values()) + list(corpus_texts("lgl", data).values())
        return "GeoWebNews-dev + LGL", out[:limit]
    ex = [p.read_text(encoding="utf-8") for p in (REPO / "examples" / "articles").glob("*.txt")]
    return "bundled .txt examples x 50", (ex * 50)[:limit]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    name, docs = texts(args.limit)
    pipe = Pipeline(Config.load())
    nlp = load_nlp(pipe.config.model)
    pipe.geoparser, pipe.extractor, pipe.truth  # noqa: B018 - load before timing
    list(nlp.pipe(docs[:5]))
    t0 = time.perf_counter()
    for _ in nlp.pipe(docs, batch_size=32):
        pass
    spacy_s = time.perf_counter() - t0
    arts = [Article.from_text(t) for t in docs]
    t0 = time.perf_counter()
    n_events = sum(len(r.events) for r in pipe.process_many(arts))
    total_s = time.perf_counter() - t0
    print(f"articles: {len(docs)} ({name}), events {n_events}")
    print(f"spaCy alone: {spacy_s:.1f} s; end to end: {total_s:.1f} s; "
          f"ratio {total_s / spacy_s:.2f} (target <= 1.15)")


if __name__ == "__main__":
    main()
