"""Issue 12, item 1: near-duplicate articles (MinHash signatures, LSH band keys).

The texts (tests/data/near): ``original.txt``, a 335-word wire report; ``copy.txt``, the
same report republished with a new headline, one paragraph dropped and the byline and
editing line changed; ``other.txt``, another outlet's own report of the same bombing.
The store and run-path tests, on SQLite and PostgreSQL, are in tests/store/test_near_store.py
(the PostgreSQL fixture lives in tests/ec_postgres.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.config import Config
from eventcoder.dedup import near

DATA = Path(__file__).resolve().parents[1] / "data" / "near"
ORIGINAL, COPY, OTHER = (
    (DATA / f"{name}.txt").read_text(encoding="utf-8") for name in ("original", "copy", "other"))


def _sig(text: str) -> bytes:
    sig = near.signature(text)
    assert sig is not None
    return sig


def test_signature_is_stable_across_processes() -> None:
    code = ("import sys; from eventcoder.dedup import near; "
            "sys.stdout.write(near.signature(sys.stdin.read()).hex())")
    runs = {subprocess.run([sys.executable, "-c", code], input=ORIGINAL, capture_output=True,
                           text=True, check=True, env=None).stdout for _ in range(2)}
    assert runs == {_sig(ORIGINAL).hex()}
    assert len(_sig(ORIGINAL)) == near.NUM_PERM * 4


def test_signature_ignores_case_and_spacing() -> None:
    assert _sig(ORIGINAL) == _sig("  " + ORIGINAL.upper().replace(" ", "\n "))


def test_a_light_edit_is_a_copy_and_another_report_is_not() -> None:
    threshold = Config().near_duplicate_threshold
    assert near.similarity(_sig(ORIGINAL), _sig(COPY)) >= threshold
    assert near.similarity(_sig(ORIGINAL), _sig(OTHER)) < 0.2
    assert near.similarity(_sig(COPY), _sig(OTHER)) < 0.2
    # the exact Jaccard similarity of the shingles, which the signatures estimate
    a, b = near.shingles(ORIGINAL), near.shingles(COPY)
    assert a is not None and b is not None
    assert 0.75 < len(a & b) / len(a | b) < 0.9


def test_short_texts_are_never_copies() -> None:
    words = near.words(ORIGINAL)
    short = " ".join(words[:near.MIN_WORDS - 1])
    assert near.shingles(short) is None and near.signature(short) is None
    assert near.signature(" ".join(words[:near.MIN_WORDS])) is not None


def test_band_keys() -> None:
    keys = near.band_keys(_sig(ORIGINAL))
    assert [b for b, _ in keys] == list(range(near.BANDS))
    assert all(-2**63 <= k < 2**63 for _, k in keys)
    assert near.BANDS * near.ROWS == near.NUM_PERM
    shared = set(keys) & set(near.band_keys(_sig(COPY)))
    assert shared and not set(keys) & set(near.band_keys(_sig(OTHER)))
    with pytest.raises(ValueError):
        near.band_keys(b"\0" * 12)


def test_best_match_takes_the_most_similar_at_or_above_the_threshold() -> None:
    o, c, x = _sig(ORIGINAL), _sig(COPY), _sig(OTHER)
    assert near.best_match(c, [("x", x), ("o", o)], 0.7) == near.Match(
        "o", near.similarity(c, o))
    assert near.best_match(c, [("x", x)], 0.7) is None
    assert near.best_match(o, [("b", o), ("a", o)], 0.7) == near.Match("a", 1.0)  # ties


def test_band_index_finds_only_articles_sharing_a_band() -> None:
    index = near.BandIndex()
    index.add("original", _sig(ORIGINAL))
    index.add("other", _sig(OTHER))
    assert [k for k, _ in index.candidates(_sig(COPY))] == ["original"]
    index.remove("original")
    assert index.candidates(_sig(COPY)) == [] and len(index) == 1
    index.remove("missing")  # nothing to do


@pytest.mark.shared
def test_no_two_audit_articles_are_copies(shared_data: Path) -> None:
    """The audit sets hold no copies, but templated reports of different days: the coalition's
    daily strike releases (re3d, from the shared data) share about half their 5-grams and must
    stay apart."""
    from eventcoder.eval.gold import read_gold

    repo = Path(__file__).resolve().parents[2]
    arts = [a for name in ("audit", "audit-holdout")
            for a in read_gold(repo / "eval" / name, shared_data)]
    index = near.BandIndex()
    best = 0.0
    for a in arts:
        sig = near.signature(a.text)
        if sig is None:
            continue
        best = max([best, *(near.similarity(sig, o) for _, o in index.candidates(sig))])
        index.add(a.id, sig)
    assert len(index) > 500
    assert 0.4 < best < Config().near_duplicate_threshold - 0.1
