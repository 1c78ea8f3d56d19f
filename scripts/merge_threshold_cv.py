"""Choose ``merge_threshold`` by leave-one-set-out cross-validation on the duplicate sets.

    python scripts/merge_threshold_cv.py eval/dedup/dd1.jsonl eval/dedup/dd2.jsonl ... \
        [--thresholds 0.45 0.5 0.55 0.6] [--min-precision 0.98] [--jobs 2]

Each set is coded into its own fresh store at each threshold (``eventcoder eval dedup`` with
``merge_threshold`` replaced). Then, for each set in turn, the threshold is chosen on the other
sets alone (the highest pooled pairwise recall among the thresholds whose pooled precision is at
least ``--min-precision``; the most precise one if none is) and the held-out set is scored at
it. The pooled figures of the held-out sets are the cross-validated ones: the threshold was
never chosen on the set it is scored on. Pass only development sets (never dd4 or dd14, the
held-out sets of docs/dedup-coding-guide.md).
"""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _score(job: tuple[str, float]) -> tuple[str, float, dict[str, int]]:
    from eventcoder.config import Config
    from eventcoder.eval.dedup import read_dedup, run_and_score

    path, threshold = job
    config = dataclasses.replace(Config.load(), merge_threshold=threshold)
    s = run_and_score(read_dedup(Path(path)), config)
    return path, threshold, {"correct": s.pairs_both, "merged": s.pairs_system,
                             "gold": s.pairs_gold}


def _pooled(rows: list[dict[str, int]]) -> tuple[float, float]:
    c: Counter[str] = Counter()
    for r in rows:
        c.update(r)
    return c["correct"] / max(1, c["merged"]), c["correct"] / max(1, c["gold"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="+", help="duplicate-set .jsonl files (development sets)")
    ap.add_argument("--thresholds", nargs="+", type=float, default=[0.45, 0.5, 0.55, 0.6])
    ap.add_argument("--min-precision", type=float, default=0.98)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    jobs = [(s, t) for t in args.thresholds for s in args.sets]
    with ProcessPoolExecutor(args.jobs) as pool:
        got = {(p, t): r for p, t, r in pool.map(_score, jobs)}
    print("threshold  pooled precision  recall   (each set in its own store)")
    for t in args.thresholds:
        p, r = _pooled([got[s, t] for s in args.sets])
        print(f"  {t:.2f}        {p:.3f}         {r:.3f}")
    print("\nleave one set out: threshold chosen on the others, scored on the set")
    held = []
    for s in args.sets:
        def key(t: float, s: str = s) -> tuple[bool, float]:
            p, r = _pooled([got[o, t] for o in args.sets if o != s])
            return (p >= args.min_precision, r if p >= args.min_precision else p)
        t = max(args.thresholds, key=key)
        held.append(got[s, t])
        p, r = _pooled([got[s, t]])
        print(f"  {Path(s).stem:6s} chose {t:.2f}: precision {p:.3f} recall {r:.3f}")
    p, r = _pooled(held)
    print(f"cross-validated (pooled over the held-out sets): precision {p:.3f} recall {r:.3f}")


if __name__ == "__main__":
    main()
