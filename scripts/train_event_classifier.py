"""Train the event-type classifier and export it for numpy-only inference.

Fits a multinomial logistic regression (scikit-learn, the ``train`` extra:
``pip install -e '.[train]'``) with :func:`eventcoder.extract.classifier.fit`, the same fit
``eventcoder eval events --corpus case2021 --cv K`` cross-validates, and writes
``src/eventcoder/data/extract/classifier.npz`` (W as float16, b, labels, n_buckets, override,
use_prior).

Two sources of examples:

- ``training/*.tsv`` (label<TAB>text, written for eventcoder; see training/README.md):
  n-gram features only;
- ``--case TSV`` (a CASE 2021 task 2 file): the rules are run on every snippet and the
  first mention's segment and rule type (feature ``rule=<type>``) are the input, the gold
  ACLED type (or NONE for the out-of-ACLED labels) the label; with ``--case`` the
  templates are added only with ``--templates``.

Ship weights only when ``eval events --corpus case2021 --cv 5`` shows that rules +
classifier beat the rules alone (training/README.md has the current figures: they do not,
so no weights are shipped).

Usage:
    python training/generate.py
    python scripts/train_event_classifier.py [--override 0.6] [--eval CASE_TSV]
    python scripts/train_event_classifier.py --case ../shared/data/events/case2021-task2-dev.tsv

``--eval`` prints the classifier's own accuracy on a CASE 2021 TSV (measurement only).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventcoder" / "data" / "extract" / "classifier.npz"


def load_examples(folder: Path) -> tuple[list[str], list[str]]:
    """Texts and labels of every ``*.tsv`` in ``folder``."""
    texts, labels = [], []
    for path in sorted(folder.glob("*.tsv")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            label, sep, text = line.partition("\t")
            if not sep:
                raise SystemExit(f"{path}:{n}: expected label<TAB>text")
            labels.append(label.strip())
            texts.append(text.strip())
    return texts, labels


def case_examples(path: Path) -> tuple[list[str], list[str | None], list[str]]:
    """(segment, rule type, label) of the lead mention of each CASE snippet with one."""
    from eventcoder.config import Config
    from eventcoder.eval.case_cv import collect, training_set
    from eventcoder.eval.corpora import read_case2021
    from eventcoder.extract import EventExtractor
    from eventcoder.nlp import load_nlp

    rows = read_case2021(path)
    nlp = load_nlp(Config.load().model)
    items = collect(rows, EventExtractor(use_classifier=False), list(nlp.pipe(r[1] for r in rows)))
    return training_set(items)


def main() -> None:
    """Train, export, optionally measure."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--buckets", type=int, default=2 ** 15)
    ap.add_argument("--C", type=float, default=4.0)
    ap.add_argument("--override", type=float, default=0.6)
    ap.add_argument("--case", type=Path, default=None, help="train on a CASE 2021 TSV")
    ap.add_argument("--templates", action="store_true", help="with --case: add training/*.tsv")
    ap.add_argument("--eval", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    from eventcoder.extract.classifier import LinearClassifier, fit

    priors: list[str | None] | None = None
    texts: list[str] = []
    labels: list[str] = []
    if args.case is not None:
        texts, priors, labels = case_examples(args.case)
    if args.case is None or args.templates:
        t, lab = load_examples(ROOT / "training")
        texts += t
        labels += lab
        if priors is not None:
            priors += [None] * len(t)
    model = fit(texts, priors, labels, n_buckets=args.buckets, C=args.C,
                override=args.override)
    model.save(args.out)
    print(f"{len(texts)} examples, {len(model.labels)} classes -> {args.out} "
          f"({args.out.stat().st_size / 1e6:.2f} MB)")
    if args.eval is not None:
        from eventcoder.taxonomy import SUB_EVENT_BY_CASE_LABEL

        model = LinearClassifier.load(args.out)
        with args.eval.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
        ok = n = 0
        for row in rows:
            gold = SUB_EVENT_BY_CASE_LABEL.get(row[-1].strip())
            gold_name = gold.name if gold else "NONE"
            pred, _ = model.predict(row[1])
            ok += pred == gold_name
            n += 1
        print(f"classifier alone on {args.eval.name}: accuracy {ok / n:.3f} ({n} snippets)")


if __name__ == "__main__":
    main()
