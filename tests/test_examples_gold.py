"""Every event a human coder would code in the bundled examples is found, and nothing else.

The expectations below were written by hand from the example articles (which were themselves
written for this project). Each accepts ACLED's reasonable alternatives.
"""

from __future__ import annotations

import pytest

from ec_testutils import fold
from eventcoder.ingest import Skipped, iter_articles

# the bundled examples through the Pipeline: full model and default gazetteer
pytestmark = pytest.mark.e2e

# article id (or origin suffix) -> list of expected events:
#   (allowed sub-event types, admin1 name fragments, fatalities or None, actor1 fragment or None)
EXPECTED: dict[str, list[tuple[set[str], tuple[str, ...], int | None, str | None]]] = {
    "syr-001": [({"Air/drone strike"}, ("idlib",), 12, None)],
    "syr-002": [({"Peaceful protest"}, ("suwayda", "sweida", "suwaida"), 0, "protest")],
    "syr-003": [({"Remote explosive/landmine/IED"}, ("deir", "dayr"), 2, None)],
    "qamishli": [({"Air/drone strike"}, ("hasak", "hasec"), 3, "turkey")],
    "mosul-arrests": [({"Arrests"}, ("nin",), 0, "iraq")],
    "kirkuk-checkpoint": [({"Armed clash", "Attack"}, ("kirkuk",), 5, None)],
    "basra-protest": [({"Protest with intervention", "Excessive force against protesters"},
                       ("basra", "basrah"), 0, "protest")],
    "rockets-baghdad": [({"Shelling/artillery/missile attack"}, ("baghdad",), 0, None)],
}


def _key(article) -> str:
    for key in EXPECTED:
        if any(key in (x or "").lower() for x in (article.id, article.url, article.origin,
                                                   article.text)):
            return key
    return article.id


@pytest.fixture(scope="module")
def coded(examples_dir, pipeline):
    out = {}
    for item in iter_articles([examples_dir]):
        if isinstance(item, Skipped) or item.language not in (None, "en"):
            continue
        out[_key(item)] = pipeline.process(item).events
    return out


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_expected_events_found(coded, key):
    assert key in coded, f"example {key} not read; read: {sorted(coded)}"
    events = coded[key]
    for types, admin1s, fatalities, actor in EXPECTED[key]:
        matches = [e for e in events if e.sub_event_type in types
                   and any(a in fold(e.admin1) for a in admin1s)
                   and (fatalities is None or e.fatalities == fatalities)
                   and (actor is None or actor in fold(e.actor1))]
        assert matches, (types, admin1s, fatalities, actor,
                         [(e.sub_event_type, e.admin1, e.fatalities, e.actor1) for e in events])
