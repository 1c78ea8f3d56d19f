"""Stratified K-fold cross-validation of event typing on CASE 2021 task 2.

``eventcoder eval events --corpus case2021 --cv K`` parses and extracts every snippet once,
with the rules only and raw scores, and records for each mention, in order, the segment the
extractor's ``_classify`` step would see, the rule's type and the raw score (a recording
stand-in takes the classifier's place, so the record is exactly the classifier's input).
Then, for each fold, every learned part is fitted on the other folds only:

- the confidence calibration (:func:`eventcoder.eval.corpora.fit_calibration`), and
- the linear classifier (:func:`eventcoder.extract.classifier.fit`), trained on the first
  mention of each training snippet the rules give an event: features the segment's n-grams
  and ``rule=<type>``, label the gold ACLED type or ``NONE`` for CASE's out-of-ACLED labels;
  its override threshold is chosen by an inner K-fold on the training folds alone.

and the held-out fold is scored as the extractor would type it: a mention takes the
classifier's label when it differs from the rule's and its probability reaches the override
(what ``EventExtractor._classify`` does); with ``reject`` set, a mention whose ``NONE``
probability reaches it is dropped (the next mention, if any, then leads). The rules
themselves are not learned, so their pooled CV typing equals the plain dev figure; the folds
show its spread. The rules were written looking at this very file, so every figure here,
CV or not, is a development figure.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..extract.calibration import Calibrator
from ..extract.classifier import NONE_LABEL, LinearClassifier, fit
from ..taxonomy import SUB_EVENT_BY_CASE_LABEL, SUB_EVENT_TYPES

NONE = "(none)"
ACLED = frozenset(s.name for s in SUB_EVENT_TYPES)
OVERRIDE_GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never override


@dataclass
class CaseItem:
    """One snippet: its gold label (ACLED type name, or the CASE out-of-ACLED label) and its
    mentions in order as (segment, rule type, raw score)."""

    gold: str
    calls: list[tuple[str, str, float]] = field(default_factory=list)

    @property
    def target(self) -> str:
        """The classifier's label: the gold type, or NONE out of ACLED."""
        return self.gold if self.gold in ACLED else NONE_LABEL


class _Recorder:
    """Stands in for the classifier: records ``_classify``'s input and never overrides."""

    override = 2.0
    use_prior = True

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def predict(self, text: str, prior: str | None = None) -> tuple[str | None, float]:
        self.calls.append((text, prior or ""))
        return None, 0.0


def collect(rows: Sequence[tuple[str, str, str]], extractor: Any, docs: Sequence[Any]
            ) -> list[CaseItem]:
    """Rules-only extraction of CASE ``rows`` (id, snippet, label) on parsed ``docs``."""
    from ..schema import Article

    name = {lab: s.name for lab, s in SUB_EVENT_BY_CASE_LABEL.items()}
    saved = extractor.classifier, extractor.calibrator
    rec = _Recorder()
    extractor.classifier, extractor.calibrator = rec, Calibrator()
    items = []
    try:
        for (_, text, gold), doc in zip(rows, docs, strict=True):
            rec.calls = []
            ms = extractor.extract(doc, Article.from_text(text))
            if len(rec.calls) != len(ms):  # a mention made without the classifier step
                calls = [(m.sentence.text if m.sentence else text, m.sub_event_type,
                          m.confidence) for m in ms]
            else:
                calls = [(seg, m.sub_event_type, m.confidence)
                         for (seg, _), m in zip(rec.calls, ms, strict=True)]
            items.append(CaseItem(name.get(gold, gold), calls))
    finally:
        extractor.classifier, extractor.calibrator = saved
    return items


def stratified_folds(labels: Sequence[str], k: int, seed: int = 13) -> list[int]:
    """A fold number in [0, k) for each item: each label's items, shuffled with ``seed``,
    are dealt round the folds (continuing where the previous label stopped), so every fold
    gets a near-equal share of every label and the folds' sizes differ by at most one."""
    if k < 2:
        raise ValueError("--cv needs at least 2 folds")
    if k > len(labels):
        raise ValueError(f"{k} folds for {len(labels)} items")
    rng = random.Random(seed)
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        by_label[lab].append(i)
    fold = [0] * len(labels)
    pos = 0
    for lab in sorted(by_label):
        idx = by_label[lab]
        rng.shuffle(idx)
        for i in idx:
            fold[i] = pos % k
            pos += 1
    return fold


def classify(items: Sequence[CaseItem], clf: LinearClassifier | None
             ) -> list[list[tuple[str, float, str | None, float]]]:
    """Per item, per mention: (rule type, raw score, classifier label, its probability)."""
    out = []
    for it in items:
        row = []
        for seg, rule, score in it.calls:
            label, prob = clf.predict(seg, rule) if clf is not None else (None, 0.0)
            row.append((rule, score, label, prob))
        out.append(row)
    return out


def decide(items: Sequence[CaseItem], scored: Sequence[Sequence[tuple[str, float, str | None,
                                                                     float]]],
           override: float = 2.0, reject: float | None = None,
           calibrator: Calibrator | None = None) -> list[tuple[str, str, float]]:
    """(gold, predicted, confidence) of each item from :func:`classify`'s output: the lead
    mention's type, re-typed (and, with ``reject``, dropped) as the extractor would."""
    cal = calibrator or Calibrator()
    out = []
    for it, row in zip(items, scored, strict=True):
        pred, conf = NONE, 0.0
        for rule, score, label, prob in row:
            typ = rule
            if reject is not None and label == NONE_LABEL and prob >= reject:
                continue
            if label in ACLED and label != rule and prob >= override:
                typ, score = label, max(score, prob)
            pred, conf = typ, cal(score)
            break
        out.append((it.gold, pred, conf))
    return out


def predict(items: Sequence[CaseItem], clf: LinearClassifier | None = None,
            override: float = 2.0, reject: float | None = None,
            calibrator: Calibrator | None = None) -> list[tuple[str, str, float]]:
    """(gold, predicted, confidence) of each item (:func:`classify` then :func:`decide`)."""
    return decide(items, classify(items, clf), override, reject, calibrator)


def training_set(items: Sequence[CaseItem], extra: Sequence[tuple[str, str]] = ()
                 ) -> tuple[list[str], list[str | None], list[str]]:
    """Texts, rule types and labels to fit on: the lead mention of each item that has one,
    plus ``extra`` (label, text) examples with no rule type."""
    texts: list[str] = []
    priors: list[str | None] = []
    labels: list[str] = []
    for it in items:
        if it.calls:
            seg, rule, _ = it.calls[0]
            texts.append(seg)
            priors.append(rule)
            labels.append(it.target)
    for lab, text in extra:
        texts.append(text)
        priors.append(None)
        labels.append(lab)
    return texts, priors, labels


def fit_items(items: Sequence[CaseItem], extra: Sequence[tuple[str, str]] = (), *,
              C: float = 4.0, none_label: bool = True, override: float = 0.6
              ) -> LinearClassifier:
    """The classifier fitted on ``items`` (and ``extra``); ``none_label`` False leaves out the
    out-of-ACLED examples (a re-typer only)."""
    texts, priors, labels = training_set(items, extra)
    if not none_label:
        keep = [i for i, lab in enumerate(labels) if lab != NONE_LABEL]
        texts = [texts[i] for i in keep]
        priors = [priors[i] for i in keep]
        labels = [labels[i] for i in keep]
    return fit(texts, priors, labels, C=C, override=override)


def _wf1(pairs: list[tuple[str, str, float]]) -> float:
    from .corpora import score_pairs

    return score_pairs(pairs).weighted_f1


def choose_override(items: Sequence[CaseItem], k: int, seed: int,
                    extra: Sequence[tuple[str, str]] = (), *, C: float = 4.0,
                    none_label: bool = True, reject: float | None = None,
                    grid: Sequence[float] = OVERRIDE_GRID) -> float:
    """The override threshold of ``grid`` with the best weighted F1 under an inner K-fold
    of ``items`` (ties: the higher threshold, the one closer to the rules)."""
    folds = stratified_folds([it.gold for it in items], k, seed + 1)
    pairs: dict[float, list] = {t: [] for t in grid}
    for f in range(k):
        train = [it for it, g in zip(items, folds, strict=True) if g != f]
        test = [it for it, g in zip(items, folds, strict=True) if g == f]
        scored = classify(test, fit_items(train, extra, C=C, none_label=none_label))
        for t in grid:
            pairs[t] += decide(test, scored, t, reject)
    return max(grid, key=lambda t: (round(_wf1(pairs[t]), 6), t))


@dataclass
class FoldResult:
    """Held-out figures of one fold (or of the pooled predictions)."""

    n: int
    rules: Any  # CaseResult
    learned: Any | None = None  # CaseResult of rules + classifier
    override: float | None = None
    ece_fold: float = 0.0  # calibration error with the calibration fitted on the other folds
    ece_shipped: float = 0.0  # ... with the shipped calibration (fitted on all the file)


def calibration_error(pairs: list[tuple[str, str, float]], bins: int = 10) -> float:
    """Expected calibration error of the predictions' confidences (predictions only)."""
    preds = [(c, g == p) for g, p, c in pairs if p != NONE]
    if not preds:
        return 0.0
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        sel = [(c, ok) for c, ok in preds if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if sel:
            total += abs(sum(c for c, _ in sel) / len(sel) - sum(ok for _, ok in sel) / len(sel)
                         ) * len(sel)
    return total / len(preds)


def cross_validate(items: Sequence[CaseItem], k: int = 5, seed: int = 13, *,
                   classifier: bool = True, extra: Sequence[tuple[str, str]] = (),
                   C: float = 4.0, none_label: bool = True, reject: float | None = None,
                   override: float | None = None, shipped: Calibrator | None = None
                   ) -> tuple[list[FoldResult], FoldResult]:
    """Per-fold and pooled held-out results (see the module docstring). ``override`` None:
    chosen per fold by an inner K-fold on its training folds."""
    from .corpora import fit_calibration, score_pairs

    folds = stratified_folds([it.gold for it in items], k, seed)
    results = []
    pooled_rules: list = []
    pooled_learned: list = []
    for f in range(k):
        train = [it for it, g in zip(items, folds, strict=True) if g != f]
        test = [it for it, g in zip(items, folds, strict=True) if g == f]
        table = fit_calibration(predict(train))
        cal = Calibrator(table["x"], table["y"], table["mode"])
        rules = predict(test, calibrator=cal)
        res = FoldResult(len(test), score_pairs(rules), ece_fold=calibration_error(rules))
        if shipped is not None:
            res.ece_shipped = calibration_error(predict(test, calibrator=shipped))
        pooled_rules += rules
        if classifier:
            t = override if override is not None else choose_override(
                train, k, seed, extra, C=C, none_label=none_label, reject=reject)
            clf = fit_items(train, extra, C=C, none_label=none_label)
            learned = predict(test, clf, t, reject, cal)
            res.learned, res.override = score_pairs(learned), t
            pooled_learned += learned
        results.append(res)
    pooled = FoldResult(len(items), score_pairs(pooled_rules),
                        score_pairs(pooled_learned) if classifier else None,
                        ece_fold=calibration_error(pooled_rules))
    if shipped is not None:
        pooled.ece_shipped = calibration_error(predict(items, calibrator=shipped))
    return results, pooled
