"""Fixtures of the extraction tests: a shared extractor over the suite's ``nlp`` (the production
pipeline of tests/conftest.py, paragraph component included)."""

from __future__ import annotations

import datetime as dt

import pytest


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
