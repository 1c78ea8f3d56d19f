"""Train the event-type classifier and export it for numpy-only inference.

Reads ``training/*.tsv`` (label<TAB>text; examples written for eventcoder, see
training/README.md), fits a multinomial logistic regression over the hashed n-gram features of
``eventcoder.extract.classifier.features`` (scikit-learn, needed only here) and writes
``src/eventcoder/data/extract/classifier.npz`` (W as float16, b, labels, n_buckets, override).

Usage:
    python training/generate.py
    python scripts/train_event_classifier.py [--override 0.6] [--eval CASE_TSV]

``--eval`` prints the classifier's own accuracy on a CASE 2021 TSV (measurement only: never
train on it).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

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


def matrix(texts: list[str], n_buckets: int):
    """Sparse feature matrix of ``texts``."""
    from scipy.sparse import csr_matrix

    from eventcoder.extract.classifier import features

    rows, cols, vals = [], [], []
    for i, t in enumerate(texts):
        for k, v in features(t, n_buckets).items():
            rows.append(i)
            cols.append(k)
            vals.append(v)
    return csr_matrix((vals, (rows, cols)), shape=(len(texts), n_buckets), dtype=np.float32)


def main() -> None:
    """Train, export, optionally measure."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--buckets", type=int, default=2 ** 15)
    ap.add_argument("--C", type=float, default=4.0)
    ap.add_argument("--override", type=float, default=0.6)
    ap.add_argument("--eval", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression

    texts, labels = load_examples(ROOT / "training")
    X = matrix(texts, args.buckets)
    clf = LogisticRegression(C=args.C, max_iter=2000)
    clf.fit(X, labels)
    np.savez_compressed(args.out, W=clf.coef_.astype(np.float16),
                        b=clf.intercept_.astype(np.float32),
                        labels=np.array(clf.classes_, dtype=str),
                        n_buckets=np.int64(args.buckets), override=np.float32(args.override))
    print(f"{len(texts)} examples, {len(clf.classes_)} classes -> {args.out} "
          f"({args.out.stat().st_size / 1e6:.2f} MB)")
    if args.eval is not None:
        from eventcoder.extract.classifier import LinearClassifier
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
