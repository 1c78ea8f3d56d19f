"""Cross-validation of CASE typing (``eval events --corpus case2021 --cv K``): folds, per-fold
fitting of the calibration and the classifier on a tiny synthetic set, and a CV floor on the
shared CASE 2021 dev file when it is present."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from ec_testutils import shared_data_dir
from eventcoder.eval.case_cv import (
    NONE,
    CaseItem,
    cross_validate,
    predict,
    stratified_folds,
    training_set,
)


def _synthetic() -> list[CaseItem]:
    """Rules that call every 'grenade' snippet an Attack, right on the rest."""
    items = []
    for i in range(12):
        items.append(CaseItem("Grenade", [(f"a grenade was hurled at house {i}", "Attack", 0.6)]))
        items.append(CaseItem("Attack", [(f"gunmen shot villager number {i}", "Attack", 0.8)]))
        items.append(CaseItem("Arrests", [(f"police arrested suspect {i}", "Arrests", 0.9)]))
        items.append(CaseItem("NATURAL_DISASTER", [] if i % 3 else
                              [(f"floods killed {i} people", "Attack", 0.5)]))
    return items


def test_stratified_folds_are_balanced_and_fixed():
    labels = [it.gold for it in _synthetic()]
    folds = stratified_folds(labels, 4, seed=7)
    assert folds == stratified_folds(labels, 4, seed=7)
    assert folds != stratified_folds(labels, 4, seed=8)
    assert sorted(Counter(folds).values()) == [12, 12, 12, 12]
    for lab in set(labels):
        per = Counter(f for f, g in zip(folds, labels, strict=True) if g == lab)
        assert max(per.values()) - min(per.values()) <= 1
    with pytest.raises(ValueError):
        stratified_folds(labels, 1)


def test_rules_only_cv_fits_calibration_per_fold():
    items = _synthetic()
    folds, pooled = cross_validate(items, 4, 7, classifier=False)
    assert len(folds) == 4 and sum(f.n for f in folds) == len(items)
    assert all(f.learned is None for f in folds)
    # the rules are not learned: pooled typing is the plain typing of every item
    from eventcoder.eval.corpora import score_pairs

    assert pooled.rules.weighted_f1 == pytest.approx(score_pairs(predict(items)).weighted_f1)
    assert pooled.rules.kept_out == 8 and pooled.rules.non_acled == 12
    # the calibration was fitted on the other folds: confidences are no longer the raw scores
    confs = {c for _, p, c in pooled.rules.pairs if p != NONE}
    assert confs and confs - {0.5, 0.6, 0.8, 0.9} and all(0 <= c <= 1 for c in confs)


def test_training_set_uses_the_lead_mention_and_none():
    texts, priors, labels = training_set(_synthetic()[:4], [("NONE", "a match was played")])
    assert priors == ["Attack", "Attack", "Arrests", "Attack", None]
    assert labels == ["Grenade", "Attack", "Arrests", "NONE", "NONE"]


def test_classifier_cv_learns_what_the_rules_miss():
    pytest.importorskip("sklearn", reason="fitting the classifier needs the train extra")
    items = _synthetic()
    folds, pooled = cross_validate(items, 4, 7, C=50.0, override=0.4)
    assert pooled.learned is not None
    assert pooled.learned.per_class["Grenade"][2] > pooled.rules.per_class["Grenade"][2]
    assert pooled.learned.weighted_f1 > pooled.rules.weighted_f1
    assert all(f.override == 0.4 for f in folds)


@pytest.mark.e2e
@pytest.mark.shared
@pytest.mark.slow
def test_case2021_cv_floor(nlp):
    path = shared_data_dir() / "events" / "case2021-task2-dev.tsv"
    if not path.exists():
        pytest.skip(f"shared CASE 2021 dev file not found at {path} (../shared/data absent)")
    from eventcoder.eval.corpora import command

    args = ["--corpus", "case2021", "--cv", "5", "--json", str(path)]
    try:
        import sklearn  # noqa: F401
        args[4:4] = ["--cv-override", "0.6"]  # fixed threshold: no inner CV (faster)
    except ImportError:
        args[4:4] = ["--no-classifier"]
    res = CliRunner().invoke(command, args)
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout[res.stdout.index("{"):])
    assert "written looking at this very file" in out["caveat"]
    rules = out["pooled"]["rules"]
    assert rules["weighted_f1"] >= 0.78
    assert rules["kept_out_share"] >= 0.85
    assert min(f["rules"]["weighted_f1"] for f in out["per_fold"]) >= 0.72
    if out["pooled"]["rules_classifier"] is not None:
        assert out["pooled"]["rules_classifier"]["weighted_f1"] >= 0.78
