"""Validate audit gold files: ``python scripts/audit_check.py eval/audit [more.jsonl ...]``."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from eventcoder.eval.gold import GoldError, read_gold


def main(argv: list[str]) -> int:
    total: list = []
    for p in argv or ["eval/audit"]:
        try:
            arts = read_gold(Path(p))
        except GoldError as exc:
            print(f"error: {exc}")
            return 1
        total += arts
    kinds = Counter(a.kind for a in total)
    corpora = Counter(a.corpus for a in total)
    n_events = sum(len(a.events) for a in total)
    print(f"{len(total)} articles ({dict(kinds)}), {n_events} events, corpora {dict(corpora)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
