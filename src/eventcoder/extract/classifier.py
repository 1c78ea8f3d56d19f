"""A small linear text classifier over hashed n-grams, applied with numpy only.

Trained by ``scripts/train_event_classifier.py`` (scikit-learn at training time only) on the
examples in ``training/`` and exported to ``eventcoder/data/extract/classifier.npz``:
``W`` (classes x buckets, float16), ``b`` (classes), ``labels``, ``n_buckets`` and
``override`` (the probability above which the classifier's label replaces the rule label).
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import numpy as np

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")


def features(text: str, n_buckets: int) -> dict[int, float]:
    """Hashed unigram+bigram counts of ``text`` (lower-cased, digits folded), l2-normalised."""
    toks = ["0" if t.isdigit() else t for t in _TOKEN.findall(text.lower())]
    grams = toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]
    out: dict[int, float] = {}
    for g in grams:
        h = zlib.crc32(g.encode("utf-8")) % n_buckets
        out[h] = out.get(h, 0.0) + 1.0
    norm = sum(v * v for v in out.values()) ** 0.5 or 1.0
    return {k: v / norm for k, v in out.items()}


class LinearClassifier:
    """Softmax over hashed n-gram features."""

    def __init__(self, W: np.ndarray, b: np.ndarray, labels: list[str], n_buckets: int,
                 override: float = 0.6) -> None:
        self.W = W.astype(np.float32)
        self.b = b.astype(np.float32)
        self.labels = labels
        self.n_buckets = n_buckets
        self.override = override

    @classmethod
    def load(cls, path: Path) -> LinearClassifier:
        """Load weights exported by the training script."""
        with np.load(path, allow_pickle=False) as z:
            return cls(z["W"], z["b"], [str(x) for x in z["labels"]], int(z["n_buckets"]),
                       float(z["override"]))

    def proba(self, text: str) -> np.ndarray:
        """Class probabilities for ``text``."""
        f = features(text, self.n_buckets)
        idx = np.fromiter(f.keys(), dtype=np.int64, count=len(f))
        val = np.fromiter(f.values(), dtype=np.float32, count=len(f))
        z = self.W[:, idx] @ val + self.b
        z = z - z.max()
        e = np.exp(z)
        return e / e.sum()

    def predict(self, text: str, prior: str | None = None) -> tuple[str | None, float]:
        """The best label and its probability."""
        p = self.proba(text)
        i = int(p.argmax())
        return self.labels[i], float(p[i])
