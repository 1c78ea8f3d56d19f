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
