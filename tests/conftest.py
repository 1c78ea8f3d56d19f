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
    """The production pipeline: what ``Pipeline``, the CLI and ``eventcoder.extract`` parse with.

    Every test that needs a parse or entities uses this one, never ``spacy.load`` (which would
    skip the paragraph component and test another pipeline). ``load_nlp`` caches per process,
    so this is also the very object those code paths use. A missing model is an error, not a
    skip: it is a declared dependency.
    """
    from eventcoder.config import DEFAULT_MODEL
    from eventcoder.nlp import load_nlp

    return load_nlp(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def pipeline(nlp):
    from eventcoder.pipeline import Pipeline

    return Pipeline(nlp=nlp)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
