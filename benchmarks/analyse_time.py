"""Benchmark: eventcoder's own work per article, without spaCy.

Parses the articles once (``nlp.pipe``, batch 32), then times ``Pipeline.analyse`` over the
parsed documents ``--repeat`` times and prints the best time of each stage (geoparsing,
extraction, in-article dedup, scoring) and of the whole loop: the part of a run that
eventcoder's rules cost, which the end-to-end ratio of ``throughput.py`` hides in the spaCy
time on a noisy machine. Run it on two commits (``PYTHONPATH=<checkout>/src``), alternately,
to compare them.

The articles: GeoWebNews-dev + LGL from ../shared/data (688; ``$EVENTCODER_SHARED_DATA``), as
``throughput.py`` reads them, or the first ``--limit`` of them.

Usage:
    python benchmarks/analyse_time.py [--limit N] [--repeat 4]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from throughput import load_articles  # noqa: E402

from eventcoder.config import Config  # noqa: E402
from eventcoder.nlp import parsed_from  # noqa: E402
from eventcoder.pipeline import Pipeline  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=4)
    args = ap.parse_args()
    name, arts = load_articles(None, args.limit)
    pipe = Pipeline(Config.load())
    docs = [parsed_from(d, a.text) for d, a in
            zip(pipe.nlp.pipe([a.text for a in arts], batch_size=32), arts, strict=True)]
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        totals: dict[str, float] = {}
        t0 = time.perf_counter()
        for doc, art in zip(docs, arts, strict=True):
            result = pipe.analyse(doc, art)
            for stage, seconds in result.seconds.items():
                totals[stage] = totals.get(stage, 0.0) + seconds
        totals["all"] = time.perf_counter() - t0
        for stage, seconds in totals.items():
            best[stage] = min(best.get(stage, seconds), seconds)
    print(f"{len(arts)} articles ({name}), best of {args.repeat}:")
    for stage, seconds in best.items():
        print(f"  {stage:<12} {seconds:7.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
