"""The Python API: eventcoder.code_text(text, date=...)."""

from __future__ import annotations

import datetime as dt

import pytest

import eventcoder
from eventcoder.extract import EventExtractor


def test_each_name_means_one_thing():
    # code_text is the one-article API; eventcoder.extract is only the stage's package
    from eventcoder.coding import code_text

    assert eventcoder.code_text is code_text
    assert eventcoder.extract.EventExtractor is EventExtractor
    assert not callable(eventcoder.extract)


@pytest.mark.e2e
def test_code_text_returns_dated_events_with_evidence():
    text = "Militants kidnapped five farmers near Kirkuk on Monday, police said."
    (event,) = eventcoder.code_text(text, date=dt.date(2025, 3, 12), id="a1")
    assert event.sub_event_type == "Abduction/forced disappearance"
    assert event.event_date == dt.date(2025, 3, 10) and event.time_precision == 1
    assert event.article_ids == ["a1"]
    assert all(text[e.start:e.end] == e.text for e in event.evidence)


def test_bad_input_is_a_clear_error():
    with pytest.raises(ValueError, match="E030"):
        eventcoder.code_text("Gunmen attacked a checkpoint.", date="12/03/2025")
    with pytest.raises(ValueError, match="E031 article not processed: empty text"):
        eventcoder.code_text("   ")


def test_non_english_text_is_the_documented_error(examples_dir):
    # as `eventcoder extract` skips it ("skipped ...: language 'fr' not processed"), and
    # before any model is loaded
    french = (examples_dir / "rapport-fr.txt").read_text(encoding="utf-8")
    with pytest.raises(eventcoder.EventcoderError,
                       match=r"^E031 article not processed: language 'fr' not processed "
                             r"\(languages: en\)$"):
        eventcoder.code_text(french, date="2025-03-10")
    from eventcoder.errors import InputError

    with pytest.raises(InputError, match="E031"):
        eventcoder.code_text("Глава района сообщил о взрыве в центре города.")
    assert "E031" in (eventcoder.code_text.__doc__ or "")


def test_spacy_component_warns_and_skips_a_non_english_doc(examples_dir):
    import spacy

    # a blank pipeline is enough: the document is refused before anything reads its parse
    blank = spacy.blank("en")
    blank.add_pipe("eventcoder", config={"date": "2025-03-12"})
    french = (examples_dir / "rapport-fr.txt").read_text(encoding="utf-8")
    with pytest.warns(UserWarning, match="E031 article not processed: language 'fr'"):
        doc = blank(french)
    assert doc._.events == [] and doc._.places == []
    assert doc._.skipped == "language 'fr' not processed (languages: en)"
    doc = blank.make_doc(french)
    doc._.published = "10/03/2025"
    with pytest.raises(eventcoder.EventcoderError, match="E030"):
        blank(doc)


def test_pipe_with_dates_refuses_worker_processes():
    import spacy

    from eventcoder.spacy_component import pipe_with_dates

    # spaCy cannot send Event and Place objects back from its worker processes
    blank = spacy.blank("en")
    with pytest.raises(eventcoder.EventcoderError, match="E032"):
        next(pipe_with_dates(blank, [("Gunmen attacked a checkpoint.", None)], n_process=2))
