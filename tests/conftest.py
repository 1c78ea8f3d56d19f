"""Fixtures shared by the whole suite.

Three kinds of test, three kinds of resource:

* ``nlp`` -- the production spaCy pipeline, built exactly as eventcoder builds it
  (:func:`eventcoder.nlp.load_nlp` with the default model: tagger, parser, NER *and* the
  paragraph component). Every test that needs a parse or entities uses this one, never
  ``spacy.load`` (which would skip the paragraph component and test another pipeline).
* ``blank_nlp`` -- ``spacy.blank("en")`` plus the eventcoder components that need no trained
  model (the paragraph component, then a rule-based sentencizer): for unit tests that need a
  ``Doc`` (tokens, offsets, sentences) but no parse or entities.
* ``tiny_gazetteer`` -- a gazetteer of a few dozen real GeoNames places (Iraqi and Syrian towns,
  their governorates, a few far homonyms, countries), built once per session from
  ``tests/data/gazetteer/`` by eventcoder's own builder; for geo unit tests that need only
  those places, instead of the 105 MB default gazetteer.

Tests that run whole articles or a corpus through the full model (and mostly the default
gazetteer: extract, the pipeline, the CLI's extract and the evaluation commands) carry the
``e2e`` marker; ``python -m pytest -m "not e2e"`` is the fast loop, plain ``python -m pytest``
runs everything.

Hypothesis profiles (the property tests of tests/fuzz/): ``fast``, the default, runs 60
examples per test with the same examples every run (a stable suite); ``long`` runs 2,000
random ones per test. Choose with ``--hypothesis-profile=long`` or
``EVENTCODER_HYPOTHESIS_PROFILE=long``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ec_testutils import shared_data_dir

#: db_url and pg_cluster: SQLite and a throwaway PostgreSQL, for the store and API tests
pytest_plugins = ("ec_postgres",)

try:
    from hypothesis import HealthCheck, settings
except ImportError:  # the dev extra is not installed: tests/fuzz/ skips itself
    pass
else:
    _SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
    # deadline off: the machine may be loaded, and a reader's first call imports its libraries
    settings.register_profile("fast", max_examples=60, deadline=None, derandomize=True,
                              database=None, suppress_health_check=_SLOW_OK)
    settings.register_profile("long", max_examples=2000, deadline=None,
                              suppress_health_check=_SLOW_OK)
    # --hypothesis-profile (hypothesis' pytest plugin) is applied after this and wins
    settings.load_profile(os.environ.get("EVENTCODER_HYPOTHESIS_PROFILE", "fast"))

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"
TINY_GAZETTEER = Path(__file__).resolve().parent / "data" / "gazetteer"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"evaluation data not found at {path} (set EVENTCODER_SHARED_DATA)")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The production pipeline: what ``Pipeline``, the CLI and ``eventcoder.extract`` parse with.

    ``load_nlp`` caches per process, so this is also the very object those code paths use.
    A missing model is an error, not a skip: it is a declared dependency.
    """
    from eventcoder.config import DEFAULT_MODEL
    from eventcoder.nlp import load_nlp

    return load_nlp(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def blank_nlp():
    """A pipeline without a trained model: tokeniser, paragraph breaks, rule-based sentences.

    The paragraph component runs first so the sentencizer keeps its sentence starts (it only
    fills in tokens nobody has marked), as the parser does in the production pipeline.
    """
    import spacy

    # the private helper is the one place that registers the component; calling it keeps this
    # fixture on the production component instead of a copy of it
    from eventcoder.nlp import PARAGRAPHS, _register_paragraphs

    _register_paragraphs()
    nlp = spacy.blank("en")
    nlp.add_pipe(PARAGRAPHS)
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="session")
def pipeline(nlp):
    from eventcoder.pipeline import Pipeline

    return Pipeline(nlp=nlp)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def build_tiny_gazetteer(out: Path) -> Path:
    """Build ``out`` from tests/data/gazetteer/ with eventcoder's builder, in the order the
    ``eventcoder gazetteer build --base none`` command uses (places, countries, admin codes,
    then the admin areas and countries made findable places)."""
    from eventcoder.geo.gazetteer import (
        GazetteerWriter,
        finish_admin_places,
        ingest_admin_codes,
        ingest_country_info,
        ingest_geonames,
    )

    writer = GazetteerWriter(out)
    ingest_geonames(writer, TINY_GAZETTEER / "geonames.txt")
    ingest_country_info(writer, TINY_GAZETTEER / "countryInfo.txt")
    ingest_admin_codes(writer, TINY_GAZETTEER / "admin1CodesASCII.txt", level=1)
    finish_admin_places(writer)
    writer.close({"source": "tests/data/gazetteer (base: none)"})
    return out


@pytest.fixture(scope="session")
def tiny_gazetteer_path(tmp_path_factory) -> Path:
    return build_tiny_gazetteer(tmp_path_factory.mktemp("gazetteer") / "tiny.sqlite")


@pytest.fixture(scope="session")
def tiny_gazetteer(tiny_gazetteer_path):
    """The tiny gazetteer, without any overlay."""
    from eventcoder.geo.gazetteer import Gazetteer

    return Gazetteer(tiny_gazetteer_path)


@pytest.fixture(scope="session")
def tiny_geoparser(tiny_gazetteer_path):
    """A geoparser over the tiny gazetteer with the shipped overlay and ranker, as
    ``Geoparser.load(gazetteer=...)`` makes it."""
    from eventcoder.geo import Geoparser

    return Geoparser.load(gazetteer=tiny_gazetteer_path)
