"""The multi-event article scenario: operations, a kidnapping, a killing, no background."""

from __future__ import annotations

import datetime as dt

ARTICLE = (
    "The Nineveh Operations Command launched an operation on Tuesday to clear Islamic State "
    "hideouts from the Badush valley up to the edge of Anbar province. Troops will sweep the "
    "desert in the coming days. ISIS gunmen abducted five shepherds on the road near Sinjar "
    "last week; the bodies of the five shepherds were found three days later in Duhok "
    "province. Separately, the Joint Operations Command launched 'Operation Steel Dawn' in "
    "Kirkuk and Diyala provinces. The group lost its last Iraqi territory in December 2017."
)


def _by_type(mentions):
    return {m.sub_event_type: m for m in mentions}


def test_scenario_events(run):
    ms = run(ARTICLE, dt.date(2025, 3, 13))
    types = [m.sub_event_type for m in ms]
    assert "Abduction/forced disappearance" in types
    assert "Attack" in types
    by = _by_type(ms)
    kid = by["Abduction/forced disappearance"]
    assert kid.actor1 is not None and kid.actor1.name.startswith("Islamic State")
    assert kid.actor1.inter == 2
    assert kid.actor2 is not None and kid.actor2.inter == 7
    assert kid.civilian_targeting
    assert kid.time_precision == 2
    assert kid.event_date == dt.date(2025, 3, 6)
    assert kid.place_span is not None and kid.place_span.text == "Sinjar"
    kill = by["Attack"]
    assert kill.fatalities == 5
    assert kill.fatalities_span is not None and kill.fatalities_span.text == "five"
    assert kill.place_span is not None and kill.place_span.text.startswith("Duhok")
    assert kill.civilian_targeting
    assert kill.actor1 is not None and kill.actor1.name.startswith("Islamic State")


def test_operations_are_documented_strategic_developments(run):
    ms = run(ARTICLE, dt.date(2025, 3, 13))
    ops = [m for m in ms if m.modality == "announced"]
    assert len(ops) == 2
    for m in ops:
        assert m.sub_event_type == "Change to group/activity"
        assert m.actor1 is not None and m.actor1.name == "Military Forces of Iraq"
        assert m.actor1.inter == 1
    assert ops[0].event_date == dt.date(2025, 3, 11)


def test_no_background_or_future_event(run):
    ms = run(ARTICLE, dt.date(2025, 3, 13))
    text_of = [ARTICLE[m.trigger.start:m.trigger.end] for m in ms]
    assert len(ms) == 4, text_of
    for m in ms:
        assert "2017" not in m.sentence.text or m.sentence.text.count(".") > 1
        assert "sweep" not in m.sentence.text


def test_spans_point_into_text(run):
    ms = run(ARTICLE, dt.date(2025, 3, 13))
    for m in ms:
        for sp in (m.sentence, m.trigger, m.date_span, m.place_span, m.fatalities_span):
            if sp is not None:
                assert ARTICLE[sp.start:sp.end] == sp.text
        for a in (m.actor1, m.actor2):
            if a is not None and a.span is not None:
                assert ARTICLE[a.span.start:a.span.end] == a.span.text


def test_lead_scenario(run):
    text = (
        "The Diyala Operations Command launched an operation on Sunday to clear Islamic State "
        "cells from the Hamrin mountains up to the border of Salahuddin province. IS militants "
        "kidnapped eight men on the highway near Tuz Khurmatu last week; the bodies of the "
        "eight men were found two days later in Kirkuk province. The group was defeated in "
        "Iraq in December 2017."
    )
    ms = run(text, dt.date(2025, 3, 10))
    by = _by_type(ms)
    assert set(by) == {"Change to group/activity", "Abduction/forced disappearance", "Attack"}
    assert by["Attack"].fatalities == 8
    assert by["Abduction/forced disappearance"].actor1.span.text == "IS militants"
    assert by["Change to group/activity"].actor1.name == "Military Forces of Iraq"


def test_no_publication_date_gives_no_event_date(run):
    ms = run("Gunmen kidnapped three farmers near Kirkuk.", None)
    assert len(ms) == 1
    assert ms[0].event_date is None
