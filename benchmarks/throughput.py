"""Throughput: eventcoder end to end against the bare spaCy pipeline, on one core and on N.

What the two arms run, on the same articles, in the same process, interleaved (``--repeat``
pairs, the order alternating so that drift and a busy machine hit both alike):

* **bare spaCy**: ``nlp.pipe(texts, batch_size=32)`` over every text, with the pipeline
  eventcoder loads (``eventcoder.nlp.load_nlp(config.model)``: the same model and weights, the
  same components enabled and disabled, i.e. the package's defaults) *less* eventcoder's own
  ``eventcoder_paragraphs`` component, which is eventcoder's work and so counted on its side.
  ``--with-paragraphs`` keeps it in the baseline (the baseline of ``bench_e2e.py``).
* **eventcoder**: :func:`eventcoder.run.code_articles` into a new temporary SQLite store, one
  process, the configured batch size: store look-ups and near-duplicate signatures, spaCy
  (``nlp.pipe`` with the same batch size), geoparsing, extraction, in-article dedup, the truth
  model, saving and cross-article merging. Each repeat gets a new Pipeline (the spaCy pipeline
  object is shared), so no repeat finds the caches another repeat's eventcoder components
  filled.

Before any timing, one untimed bare pass over every text warms spaCy's caches, which are keyed
by content and kept by the spaCy object (the tokenizer's, the vocabulary's lexemes, the
lemmatizer's (word, POS, morphology) cache): without it, whichever arm runs first pays for
them.

The one process that ``--workers`` and ``--dask`` are compared with runs in a new process
started for it, which loads the models and codes the warm-up article, as each worker does:
this process has coded the same articles before (in the arms above), and its warm caches
made it about a tenth faster than a new one (a new process coded the 688 articles in 49-50 s,
this one in 45-46 s), which is no property of one process against two.

It prints both times, their ratio (target: at most 1.15), articles/s and words/s, the time by
stage (``RunStats.timings``; the coding stages are summed over articles), and peak RSS.
``--workers N`` also codes the articles with 1 and with N processes (``code_articles(workers=)``)
and prints both rates and their ratio, each worker's peak RSS, and the steady rate (after the
first saved batch: the workers' start-up left out).

``--dask ADDRESS`` (e.g. ``local``) codes them through Dask instead of the process pool
(``code_articles(dask=ADDRESS, workers=N)``: a LocalCluster of ``--workers`` processes for
``local``) and prints its rate against one process, the ratio, the steady ratio after the first
batch and each Dask process's peak RSS (issue 14 target: x1.8 with 2 workers on 2 cores).

The articles: GeoWebNews-dev + LGL from ../shared/data (688; ``$EVENTCODER_SHARED_DATA``), else
``--articles PATH`` (files or folders eventcoder reads: .txt, .jsonl, .html, ...).

Usage:
    python benchmarks/throughput.py [--articles PATH] [--limit N] [--repeat 2] [--workers 2]
        [--dask local] [--json out.json]
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import json
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from eventcoder import run as run_module
from eventcoder.config import Config
from eventcoder.eval.sources import corpus_texts, shared_data_dir
from eventcoder.ingest import Skipped, iter_articles
from eventcoder.nlp import PARAGRAPHS
from eventcoder.pipeline import Pipeline
from eventcoder.run import RunStats, code_articles
from eventcoder.schema import Article
from eventcoder.store import Store

REPO = Path(__file__).resolve().parents[1]
WARM_UP = REPO / "examples" / "articles" / "diyala-operation.txt"
NLP_BATCH = 32  # Pipeline.process_many's nlp.pipe batch size
TARGET_RATIO = 1.15


def load_articles(paths: list[Path] | None, limit: int | None) -> tuple[str, list[Article]]:
    if paths:
        arts = [a for a in iter_articles(paths) if not isinstance(a, Skipped)]
        return ", ".join(map(str, paths)), arts[:limit]
    data = shared_data_dir(os.environ.get("EVENTCODER_SHARED_DATA"))
    if data is None:
        sys.exit("../shared/data not found: set EVENTCODER_SHARED_DATA or pass --articles")
    texts = list(corpus_texts("gwn", data).values()) + list(corpus_texts("lgl", data).values())
    return "GeoWebNews-dev + LGL", [Article.from_text(t) for t in texts[:limit]]


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def children_peak_rss_mb() -> dict[int, float]:
    """VmHWM (peak resident set) of each live child process of this one, by pid (Linux)."""
    out: dict[int, float] = {}
    me = os.getpid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(me) and "VmHWM" in fields:
            out[int(entry.name)] = int(fields["VmHWM"].split()[0]) / 1024
    return out


def new_pipeline(config: Config, nlp: Any | None) -> Pipeline:
    """A pipeline with every component loaded (the spaCy one shared), warmed by coding an
    article that is not among those timed into a throwaway store (so that one-time imports
    and set-up, e.g. of the near-duplicate signatures, fall outside the timings, as loading
    the models does)."""
    pipe = Pipeline(config, nlp=nlp)
    pipe.geoparser, pipe.extractor, pipe.truth  # noqa: B018 - load before timing
    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{tmp}/warm.db") as store:
        code_articles([Article.from_text(WARM_UP.read_text(encoding="utf-8"))], store, pipe,
                      workers=1)
    return pipe


@dataclasses.dataclass
class Timed:
    seconds: float  #: wall-clock
    cpu: float  #: this process's CPU seconds (less sensitive to a busy machine)


def warm_caches(nlp: Any, texts: list[str]) -> None:
    """One untimed pass of the whole spaCy pipeline over ``texts``: fills the caches spaCy
    keeps by content (tokenizer, lexemes, lemmatizer), as a long run has them filled."""
    for _ in nlp.pipe(texts, batch_size=NLP_BATCH):
        pass


def _code_fresh(articles: list[Article], config: Config) -> Coded:
    return time_coding(articles, new_pipeline(config, None), workers=1)


def time_one_fresh(articles: list[Article], config: Config) -> Coded:
    """The articles coded by one new process that has loaded the models and coded the
    warm-up article and nothing else: the state each worker of the pool or the cluster
    starts from, so that 1 and N processes are compared alike (module docstring)."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_code_fresh, articles, config).result()


def time_bare(nlp: Any, texts: list[str], paragraphs: bool) -> Timed:
    disable = [] if paragraphs or PARAGRAPHS not in nlp.pipe_names else [PARAGRAPHS]
    with nlp.select_pipes(disable=disable):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=NLP_BATCH):
            pass
        return Timed(time.perf_counter() - t0, time.process_time() - c0)


@dataclasses.dataclass
class Coded(Timed):
    stats: RunStats
    #: (seconds since start, articles settled) at each progress report
    marks: list[tuple[float, int]]
    worker_rss: dict[int, float]

    def steady_rate(self) -> float | None:
        """Articles per second after the first saved batch (worker start-up left out): the
        reports of one batch come together, so batches are the runs of reports less than
        50 ms apart. None with fewer than two batches."""
        ends = [i for i in range(len(self.marks)) if i + 1 == len(self.marks)
                or self.marks[i + 1][0] - self.marks[i][0] > 0.05]
        if len(ends) < 2:
            return None
        (t1, n1), (t2, n2) = self.marks[ends[0]], self.marks[ends[-1]]
        return (n2 - n1) / (t2 - t1)


def time_coding(articles: list[Article], pipeline: Pipeline | Config, **kwargs: Any) -> Coded:
    marks: list[tuple[float, int]] = []
    worker_rss: dict[int, float] = {}
    watch = kwargs.get("workers", 1) > 1 or "dask" in kwargs
    settled = 0
    t0 = time.perf_counter()

    def progress(_: Any) -> None:
        nonlocal settled
        settled += 1
        marks.append((time.perf_counter() - t0, settled))
        if watch and settled % 10 == 0:  # workers are alive until the run ends: sample them
            worker_rss.update(children_peak_rss_mb())

    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{tmp}/events.db") as store:
        t0, c0 = time.perf_counter(), time.process_time()
        stats = code_articles(articles, store, pipeline, progress=progress, **kwargs)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return Coded(seconds, cpu, stats, marks, worker_rss)


def time_warm_dask(articles: list[Article], config: Config, address: str,
                   workers: int) -> Coded:
    """The articles coded on a cluster whose workers have already loaded their pipeline
    (eventcoder.pipeline.worker_pipeline keeps it per process): a local cluster started here
    (as ``--dask local`` starts one), or the running one ``address`` names, warmed by coding
    the warm-up article first."""
    from eventcoder.cluster import LOCAL, dask_client

    with dask_client(address, workers) as client:
        target = client.scheduler.address if address == LOCAL else address
        # distinct texts (paragraphs of the warm-up article), so none is set aside as a copy
        paragraphs = [p for p in WARM_UP.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        warm_up = [Article.from_text(p, id=f"warm-{i}") for i, p in enumerate(paragraphs)]
        # one batch per worker, so that every worker loads its pipeline
        with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{tmp}/w.db") as store:
            code_articles(warm_up, store, config, dask=target, workers=workers,
                          batch_size=max(1, len(warm_up) // (2 * workers)))
        return time_coding(articles, config, dask=target, workers=workers)


def stage_rows(stats: RunStats) -> list[tuple[str, float]]:
    """(stage, seconds) from RunStats.timings, the run's stages and the coding stages."""
    rows: list[tuple[str, float]] = []
    for key, value in dataclasses.asdict(stats.timings).items():
        if isinstance(value, dict):  # the coding stages, summed over articles
            rows += [(f"  coding: {k}", v) for k, v in value.items()]
        else:
            rows.append((key, value))
    return rows


def dask_supported() -> bool:
    """Whether this eventcoder's code_articles takes ``dask=`` (branch ``scale``)."""
    return "dask" in inspect.signature(run_module.code_articles).parameters


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, nargs="+", metavar="PATH",
                    help="files or folders to read instead of GeoWebNews-dev + LGL")
    ap.add_argument("--limit", type=int, default=None, help="at most this many articles")
    ap.add_argument("--repeat", type=int, default=1, help="interleaved pairs of timings")
    ap.add_argument("--with-paragraphs", action="store_true",
                    help="keep eventcoder's paragraph marker in the bare arm (bench_e2e.py's "
                         "baseline)")
    ap.add_argument("--workers", type=int, default=1,
                    help="also compare 1 process with this many (process pool)")
    ap.add_argument("--dask", metavar="ADDRESS", default=None,
                    help="code through Dask (e.g. 'local', with --workers processes) against one "
                         "process, instead of the process pool")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()

    name, articles = load_articles(args.articles, args.limit)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    config = Config.load().with_(workers=1)
    nlp = Pipeline(config).nlp
    print(f"articles: {len(articles)} ({name}), {words:,} words; model {config.model}, "
          f"pipes {nlp.pipe_names}, disabled {nlp.disabled}; nlp.pipe batch {NLP_BATCH}, "
          f"store batch {config.batch_size}")
    warm_caches(nlp, texts)  # spaCy's content-keyed caches warm for every arm (docstring)
    rss_loaded = peak_rss_mb()

    bare: list[Timed] = []
    coded: list[Coded] = []
    arms: dict[str, Callable[[], None]] = {
        "bare": lambda: bare.append(time_bare(nlp, texts, args.with_paragraphs)),
        "eventcoder": lambda: coded.append(time_coding(articles, new_pipeline(config, nlp),
                                                       workers=1)),
    }
    for r in range(args.repeat):
        for arm in (("bare", "eventcoder") if r % 2 == 0 else ("eventcoder", "bare")):
            arms[arm]()
        b, c = bare[-1], coded[-1]
        print(f"  pair {r + 1}: bare {b.seconds:.2f} s (CPU {b.cpu:.2f}), eventcoder "
              f"{c.seconds:.2f} s (CPU {c.cpu:.2f}); ratio {c.seconds / b.seconds:.3f} "
              f"(CPU {c.cpu / b.cpu:.3f})", flush=True)

    ratios = [c.seconds / b.seconds for b, c in zip(bare, coded, strict=True)]
    cpu_ratios = [c.cpu / b.cpu for b, c in zip(bare, coded, strict=True)]
    bare_s = statistics.median(b.seconds for b in bare)
    e2e_s = statistics.median(c.seconds for c in coded)
    last = coded[-1].stats
    figures: dict[str, Any] = {
        "articles": len(articles), "words": words, "repeat": args.repeat,
        "coded": last.coded, "copies": last.copies, "events": len(last.events_in_run),
        "bare_spacy_s": round(bare_s, 2), "eventcoder_s": round(e2e_s, 2),
        "bare_spacy_cpu_s": round(statistics.median(b.cpu for b in bare), 2),
        "eventcoder_cpu_s": round(statistics.median(c.cpu for c in coded), 2),
        "ratio": round(statistics.median(ratios), 3),
        "ratios": [round(x, 3) for x in ratios],
        "cpu_ratio": round(statistics.median(cpu_ratios), 3),
        "cpu_ratios": [round(x, 3) for x in cpu_ratios],
        "bare_articles_per_s": round(len(articles) / bare_s, 2),
        "articles_per_s": round(len(articles) / e2e_s, 2),
        "words_per_s": round(words / e2e_s),
        "stages_s": {k.strip(): round(v, 3) for k, v in stage_rows(last)},
        "peak_rss_mb_models_loaded": round(rss_loaded, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    print(f"\nbare spaCy    {bare_s:8.2f} s  {len(articles) / bare_s:7.2f} articles/s  "
          f"{words / bare_s:8.0f} words/s")
    print(f"eventcoder    {e2e_s:8.2f} s  {len(articles) / e2e_s:7.2f} articles/s  "
          f"{words / e2e_s:8.0f} words/s   ({last.coded} coded, {last.copies} copies, "
          f"{len(last.events_in_run)} events)")
    print(f"ratio         {figures['ratio']:.3f} wall (median of "
          f"{', '.join(map(str, figures['ratios']))}), {figures['cpu_ratio']:.3f} CPU (median of "
          f"{', '.join(map(str, figures['cpu_ratios']))}); target <= {TARGET_RATIO}")
    print("\ntime by stage (last eventcoder run; coding stages summed over articles):")
    for stage, seconds in stage_rows(last):
        print(f"  {stage:22} {seconds:8.2f} s  {100 * seconds / coded[-1].seconds:5.1f} %")
    print(f"\npeak RSS: {figures['peak_rss_mb']:.0f} MB in this process (models and gazetteer "
          f"loaded: {rss_loaded:.0f} MB)")

    one: Coded | None = None
    if args.workers > 1 and args.dask is None:
        one = time_one_fresh(articles, config)
        many = time_coding(articles, config, workers=args.workers)
        rss = many.worker_rss or {0: peak_rss_mb(resource.RUSAGE_CHILDREN)}
        figures["pool"] = {
            "workers": args.workers, "one_process_s": round(one.seconds, 2),
            "pool_s": round(many.seconds, 2),
            "one_articles_per_s": round(len(articles) / one.seconds, 2),
            "pool_articles_per_s": round(len(articles) / many.seconds, 2),
            "speedup": round(one.seconds / many.seconds, 3),
            "steady_speedup": (round(s1 / s2, 3) if (s1 := many.steady_rate()) and
                               (s2 := one.steady_rate()) else None),
            "worker_peak_rss_mb": sorted(round(v, 1) for v in rss.values()),
        }
        p = figures["pool"]
        print(f"\nprocess pool: 1 process {one.seconds:.2f} s ({p['one_articles_per_s']} "
              f"articles/s); {args.workers} workers {many.seconds:.2f} s "
              f"({p['pool_articles_per_s']} articles/s, workers' start-up included): "
              f"x{p['speedup']}; steady rate after the first batch x{p['steady_speedup']}")
        print(f"peak RSS per worker: {', '.join(f'{v:.0f} MB' for v in p['worker_peak_rss_mb'])}")

    if args.dask is not None:
        if not dask_supported():
            print("\ndask mode not available in this version")
        else:
            # the same articles through code_articles(dask=...): with --workers N (N > 1) on a
            # local cluster, against one process (the pool's, when measured just above)
            n = max(args.workers, 1)
            # cold: the run starts its cluster, whose workers load spaCy and the gazetteer
            dk = time_coding(articles, config, dask=args.dask, workers=n)
            # warm: the rate a long run settles at, on workers that have loaded them (a new
            # cluster each time), against one new process in the same state: --repeat pairs,
            # the order alternating, as the machine's speed drifts by a tenth over minutes
            ones: list[Coded] = [] if one is None else [one]
            warms: list[Coded] = []
            for r in range(args.repeat):
                for arm in (("one", "warm") if r % 2 == 0 else ("warm", "one")):
                    if arm == "warm":
                        warms.append(time_warm_dask(articles, config, args.dask, n))
                    elif len(ones) <= r:
                        ones.append(time_one_fresh(articles, config))
                print(f"  dask pair {r + 1}: one process {ones[r].seconds:.2f} s, {n} workers "
                      f"{warms[r].seconds:.2f} s: x{ones[r].seconds / warms[r].seconds:.3f}",
                      flush=True)
            speedups = [o.seconds / w.seconds for o, w in zip(ones, warms, strict=False)]
            one_s = statistics.median(o.seconds for o in ones)
            warm_s = statistics.median(w.seconds for w in warms)
            figures["dask"] = {"address": args.dask, "workers": n,
                               "one_process_s": round(one_s, 2),
                               "cold_s": round(dk.seconds, 2),
                               "cold_speedup": round(one_s / dk.seconds, 3),
                               "warm_s": round(warm_s, 2),
                               "warm_articles_per_s": round(len(articles) / warm_s, 2),
                               "warm_speedup": round(statistics.median(speedups), 3),
                               "warm_speedups": [round(x, 3) for x in speedups],
                               "worker_peak_rss_mb": sorted(round(v, 1)
                                                            for v in dk.worker_rss.values())}
            d = figures["dask"]
            print(f"\ndask ({args.dask}, {n} workers) against one new process ({one_s:.2f} s,"
                  f" {len(articles) / one_s:.2f} articles/s; median of {len(ones)}):")
            print(f"  cold (cluster start-up and model loading included): {dk.seconds:.2f} s, "
                  f"x{d['cold_speedup']}")
            print(f"  warm (workers already loaded): {warm_s:.2f} s, "
                  f"{d['warm_articles_per_s']} articles/s, x{d['warm_speedup']} (median of "
                  f"{', '.join(map(str, d['warm_speedups']))}; target x1.8)")
            if d["worker_peak_rss_mb"]:
                print("  peak RSS per Dask process: "
                      f"{', '.join(f'{v:.0f} MB' for v in d['worker_peak_rss_mb'])}")

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
