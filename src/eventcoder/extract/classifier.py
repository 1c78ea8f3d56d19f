"""A small linear text classifier over hashed n-grams, applied with numpy only.

Trained by ``scripts/train_event_classifier.py`` (scikit-learn at training time only, the
``train`` extra) and exported to ``eventcoder/data/extract/classifier.npz``: ``W`` (classes x
buckets, float16), ``b`` (classes), ``labels``, ``n_buckets``, ``override`` (the probability
above which the classifier's label replaces the rule label) and, in models that read it,
``use_prior`` (the rule's own type is a feature, ``rule=<type>``).

:func:`fit` (scikit-learn) is what both the training script and the cross-validation of
``eventcoder eval events --corpus case2021 --cv K`` fit with, so the figures measured are
those of the weights shipped.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")

#: The label of "no ACLED event" (CASE's out-of-ACLED snippets, the templates' NONE).
NONE_LABEL = "NONE"


def _bucket(gram: str, n_buckets: int) -> int:
    return zlib.crc32(gram.encode("utf-8")) % n_buckets


def features(text: str, n_buckets: int, prior: str | None = None,
             prior_weight: float = 1.0) -> dict[int, float]:
    """Hashed unigram+bigram counts of ``text`` (lower-cased, digits folded), l2-normalised;
    with ``prior`` (the rule's type), one more feature ``rule=<prior>`` of ``prior_weight``."""
    toks = ["0" if t.isdigit() else t for t in _TOKEN.findall(text.lower())]
    grams = toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]
    out: dict[int, float] = {}
    for g in grams:
        h = _bucket(g, n_buckets)
        out[h] = out.get(h, 0.0) + 1.0
    norm = sum(v * v for v in out.values()) ** 0.5 or 1.0
    out = {k: v / norm for k, v in out.items()}
    if prior:
        h = _bucket(f"rule={prior}", n_buckets)
        out[h] = out.get(h, 0.0) + prior_weight
    return out


class LinearClassifier:
    """Softmax over hashed n-gram features (and, with ``use_prior``, the rule's type)."""

    def __init__(self, W: np.ndarray, b: np.ndarray, labels: list[str], n_buckets: int,
                 override: float = 0.6, use_prior: bool = False) -> None:
        self.W = W.astype(np.float32)
        self.b = b.astype(np.float32)
        self.labels = labels
        self.n_buckets = n_buckets
        self.override = override
        self.use_prior = use_prior

    @classmethod
    def load(cls, path: Path) -> LinearClassifier:
        """Load weights exported by the training script."""
        with np.load(path, allow_pickle=False) as z:
            use_prior = bool(z["use_prior"]) if "use_prior" in z.files else False
            return cls(z["W"], z["b"], [str(x) for x in z["labels"]], int(z["n_buckets"]),
                       float(z["override"]), use_prior)

    def save(self, path: Path) -> None:
        """Write the weights in the layout :meth:`load` reads (W as float16)."""
        np.savez_compressed(path, W=self.W.astype(np.float16), b=self.b.astype(np.float32),
                            labels=np.array(self.labels, dtype=str),
                            n_buckets=np.int64(self.n_buckets),
                            override=np.float32(self.override),
                            use_prior=np.bool_(self.use_prior))

    def proba(self, text: str, prior: str | None = None) -> np.ndarray:
        """Class probabilities for ``text`` (``prior``: the rule's type, if the model reads it)."""
        f = features(text, self.n_buckets, prior if self.use_prior else None)
        idx = np.fromiter(f.keys(), dtype=np.int64, count=len(f))
        val = np.fromiter(f.values(), dtype=np.float32, count=len(f))
        z = self.W[:, idx] @ val + self.b
        z = z - z.max()
        e = np.exp(z)
        return e / e.sum()

    def predict(self, text: str, prior: str | None = None) -> tuple[str | None, float]:
        """The best label and its probability."""
        p = self.proba(text, prior)
        i = int(p.argmax())
        return self.labels[i], float(p[i])


def matrix(texts: Sequence[str], priors: Sequence[str | None] | None, n_buckets: int
           ) -> csr_matrix:
    """Sparse (scipy) feature matrix of ``texts`` (with ``priors``: the rule types)."""
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for i, t in enumerate(texts):
        for k, v in features(t, n_buckets, priors[i] if priors is not None else None).items():
            rows.append(i)
            cols.append(k)
            vals.append(v)
    return csr_matrix((vals, (rows, cols)), shape=(len(texts), n_buckets), dtype=np.float32)


def fit(texts: Sequence[str], priors: Sequence[str | None] | None, labels: Sequence[str], *,
        n_buckets: int = 2 ** 15, C: float = 4.0, override: float = 0.6,
        weights: Sequence[float] | None = None) -> LinearClassifier:
    """A multinomial logistic regression (scikit-learn, lbfgs, deterministic) over
    :func:`features`; ``priors`` None: n-grams only. Needs the ``train`` extra."""
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("fitting the classifier needs scikit-learn: "
                          "pip install -e '.[train]'") from err
    X = matrix(texts, priors, n_buckets)
    y = list(labels)
    if len(set(y)) < 2:
        raise ValueError("need at least two labels to fit a classifier")
    clf = LogisticRegression(C=C, max_iter=3000)
    clf.fit(X, y, sample_weight=None if weights is None else np.asarray(weights, float))
    W, b = clf.coef_.astype(np.float32), clf.intercept_.astype(np.float32)
    if W.shape[0] == 1:  # two classes: one logit, as softmax over (0, w.x + b)
        W, b = np.vstack([np.zeros_like(W), W]), np.concatenate([np.zeros_like(b), b])
    return LinearClassifier(W, b, [str(c) for c in clf.classes_], n_buckets, override,
                            priors is not None)
