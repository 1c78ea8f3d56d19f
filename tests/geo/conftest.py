"""Shared fixtures of the geoparser tests: one default geoparser (the ``nlp`` they parse with is
the production pipeline of tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ec_testutils import shared_data_dir


def shared_data() -> Path:
    """Where ../shared/data is (or $EVENTCODER_SHARED_DATA)."""
    return shared_data_dir()


@pytest.fixture(scope="session")
def geoparser():
    from eventcoder.geo import Geoparser

    return Geoparser.default()
