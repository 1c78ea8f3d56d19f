"""Is this row a true event? A small logistic model over what the pipeline knows of an event.

The rules find candidates; many rows they write are still false (crime, retellings the linker
missed, generic statements, a US local story read as a war). This model turns what the pipeline
knows about each event -- its type, whether its actors are named, whether it has its own date
and place, how many sentences tell it, how much of the article is about armed conflict or
ordinary crime -- into the probability that a careful coder would write the row. That
probability is the event's ``confidence``.

It is trained on the hand-coded audit set (``eval/audit``, docs/audit-coding-guide.md) by
``eventcoder eval audit --fit-truth``, and its figures are cross-validated by article
(``--cv K``): it is never scored on the articles it was fit on. Weights ship in
``data/extract/truth.json``; numpy only.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import ConfigError
from ..schema import Candidate, Event, EventMention
from ..taxonomy import CONTEXT_KINDS, EVENT_TYPES, FIXED_KIND, SUB_EVENTS
from ..wordscan import WordStartScanner

DATA = Path(__file__).resolve().parents[1] / "data" / "extract" / "truth.json"

_CONFLICT = re.compile(
    r"\b(?:militants?|insurgents?|rebels?|jihadi\w*|fighters?|troops|soldiers?|army|military|"
    r"forces|airstrikes?|air\s+strikes?|shelling|mortar|artillery|suicide|bomb\w*|ied|"
    r"explosive|ambush\w*|offensive|militia\w*|gunmen|clash\w*|protest\w*|demonstrat\w+|"
    r"rally|rallies|riot\w*|coalition|islamic\s+state|isis|isil|daesh|taliban|al-?qaeda|"
    r"al-?shabaab|boko\s+haram|houthis?|hezbollah|hamas)\b", re.IGNORECASE)
_CRIME = re.compile(
    r"\b(?:suspects?|charged|charges|court|judge|jury|trial|sentenced|prison|jail\w*|"
    r"robber\w*|burglar\w*|theft|stolen|drugs?|narcotics|homicide|murder\w*|arraign\w*|"
    r"indict\w*|felony|misdemeanor|sheriff|deputies|bail|custody|detective|investigators?|"
    r"victim'?s?\s+family|domestic|accident|crash\w*|fire\s+department)\b", re.IGNORECASE)
_QUOTE = re.compile(r"[\"\u201c\u201d]")

FEATURES: tuple[str, ...] = (
    "bias",
    *(f"type={t}" for t in EVENT_TYPES),
    "actor1_named", "actor1_unidentified", "actor1_state", "actor1_missing", "actor2_missing",
    "civilian_target", "has_date", "date_days_before",
    "geo_precision", "no_place", "place_attached",
    "mentions", "fatalities", "lead", "position",
    "conflict_density", "crime_density", "crime_vs_conflict", "quote_density",
    "rejected_share", "events_in_article", "rule_score", "log_chars",
    "kind_fixed", "kind_violence", "kind_clash", "kind_outcome", "kind_territory",
    "kind_protest", "kind_operation", "main_predicate", "trigger_noun",
)


@lru_cache(maxsize=1)
def _word_scanner() -> WordStartScanner:
    return WordStartScanner([_CONFLICT, _CRIME])


@lru_cache(maxsize=16)
def _text_stats(text: str) -> tuple[int, int, int, int]:
    """Words, conflict words, crime words and quote marks of an article (once per article).
    The two word lists are counted as findall would, tried only at the word starts where
    they can match (:mod:`eventcoder.wordscan`)."""
    conflict, crime = _word_scanner().scan(text)
    return (max(len(text.split()), 1), len(conflict), len(crime), len(_QUOTE.findall(text)))


def features(text: str, event: Event, *, n_mentions: int, candidates: Sequence[Candidate],
             n_events: int, published: object | None, rule_score: float,
             mentions: Sequence[EventMention] = ()) -> np.ndarray:
    """The feature vector of one event (see :data:`FEATURES`); ``mentions`` are the mentions
    that tell it (the lead first)."""
    f = dict.fromkeys(FEATURES, 0.0)
    for m in mentions:
        k = m.kind
        if k in SUB_EVENTS:
            f[FIXED_KIND.truth_feature] = 1.0
        elif k in CONTEXT_KINDS:
            f[CONTEXT_KINDS[k].truth_feature] = 1.0
        f["main_predicate"] = max(f["main_predicate"], float(m.main_predicate))
    if mentions:
        f["trigger_noun"] = float(mentions[0].trigger_pos in ("NOUN", "PROPN"))
    f["bias"] = 1.0
    f[f"type={event.event_type}"] = 1.0
    a1 = (event.actor1 or "").lower()
    f["actor1_missing"] = float(not a1)
    f["actor1_unidentified"] = float(a1.startswith("unidentified"))
    f["actor1_state"] = float(event.inter1 == 1)
    f["actor1_named"] = float(bool(a1) and not a1.startswith("unidentified") and
                              event.inter1 in (2, 4))
    f["actor2_missing"] = float(not event.actor2)
    f["civilian_target"] = float(event.civilian_targeting)
    f["has_date"] = float(bool(event.evidence_for("event_date")))
    if published is not None and event.event_date is not None:
        days = (published - event.event_date).days  # type: ignore[operator]
        f["date_days_before"] = min(max(days, 0), 60) / 30.0
    # (whether the user gave a publication date says nothing about the event: no feature for
    # it, or the gold's habit, dated own articles and undated corpus ones, would be learnt)
    f["geo_precision"] = (event.geo_precision - 1) / 2.0
    f["no_place"] = float(event.latitude is None)
    f["place_attached"] = float("attached" in (event.location_reason or ""))
    f["mentions"] = math.log1p(n_mentions)
    f["fatalities"] = math.log1p(event.fatalities)
    sent = event.evidence_for("sentence")
    start = sent[0].start if sent else 0
    f["lead"] = float(start < 400)
    f["position"] = start / max(len(text), 1)
    words, conflict, crime, quotes = _text_stats(text)
    f["conflict_density"] = min(conflict / words * 100, 10) / 10
    f["crime_density"] = min(crime / words * 100, 10) / 10
    f["crime_vs_conflict"] = (crime - conflict) / (crime + conflict + 1)
    f["quote_density"] = min(quotes / words * 100, 5) / 5
    f["rejected_share"] = (sum(c.status != "reported" for c in candidates) /
                           len(candidates)) if candidates else 0.0
    f["events_in_article"] = math.log1p(n_events)
    f["rule_score"] = rule_score
    f["log_chars"] = math.log1p(len(text)) / 10
    return np.array([f[k] for k in FEATURES], dtype=np.float64)


class TruthModel:
    """Logistic regression: ``predict(X)`` is the probability that each row is a true event."""

    def __init__(self, weights: np.ndarray, names: Sequence[str] = FEATURES,
                 threshold: float = 0.5, meta: dict | None = None) -> None:
        if list(names) != list(FEATURES):
            raise ConfigError("E210 truth model features do not match this version")
        self.w = np.asarray(weights, dtype=np.float64)
        self.threshold = threshold
        self.meta = meta or {}

    @classmethod
    def load(cls, path: Path = DATA) -> TruthModel | None:
        if not path.is_file():
            return None
        d = json.loads(path.read_text(encoding="utf-8"))
        return cls(np.array(d["weights"]), d["features"], d.get("threshold", 0.5),
                   d.get("meta"))

    def save(self, path: Path = DATA) -> None:
        path.write_text(json.dumps({
            "features": list(FEATURES), "weights": [round(float(x), 6) for x in self.w],
            "threshold": self.threshold, "meta": self.meta}, indent=1) + "\n",
            encoding="utf-8")

    def predict(self, X: np.ndarray) -> np.ndarray:
        z = np.atleast_2d(X) @ self.w
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    @classmethod
    def fit(cls, X: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 500,
            threshold: float = 0.5) -> TruthModel:
        """Fit by Newton's method with an L2 penalty (not on the bias)."""
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        w = np.zeros(X.shape[1])
        reg = np.full(X.shape[1], l2)
        reg[0] = 1e-6
        for _ in range(iters):
            p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
            g = X.T @ (p - y) + reg * w
            H = (X * (p * (1 - p))[:, None]).T @ X + np.diag(reg)
            step = np.linalg.solve(H, g)
            w -= step
            if np.abs(step).max() < 1e-8:
                break
        return cls(w, FEATURES, threshold)
