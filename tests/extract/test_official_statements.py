"""Armies' and police forces' own statements tell events in their own words: "the IDF struck
and eliminated a commander", "three terrorists were neutralised in an air operation", dates
in digits ("On 06.11.2025"), "clashes took place on 25 January". Each is an event; the enemy
dead a side claims to have "eliminated" are not counted (docs/audit-coding-guide.md)."""

from __future__ import annotations

import datetime as dt

from eventcoder.coding import code_text
from eventcoder.extract.dates import DateResolver

DATE = dt.date(2025, 11, 7)


def _events(text: str, date: dt.date = DATE):
    return code_text(text, date, min_confidence=0)


def test_an_army_that_struck_and_eliminated_a_commander_made_an_air_strike():
    text = ("IDF statement\n\nEarlier today, the IDF struck and eliminated a Hezbollah commander "
            "in the area of Tyre in southern Lebanon. The commander had directed rocket fire "
            "at Israeli territory.")
    (e,) = _events(text)
    assert e.sub_event_type == "Air/drone strike"
    assert e.actor1 == "Military Forces of Israel"
    assert e.fatalities == 0  # the side's own claim of the enemy it killed


def test_fighters_neutralised_tell_a_strike_but_are_not_counted():
    text = ("Ministry of National Defence, weekly briefing, 7 November 2025\n\nIn an air "
            "operation carried out in the Gara region of northern Iraq, four PKK terrorists "
            "were neutralised.")
    (e,) = _events(text)
    assert e.sub_event_type == "Air/drone strike"
    assert e.fatalities == 0


def test_a_date_in_digits_is_read_day_first_when_that_is_the_recent_one():
    r = DateResolver()
    assert r.resolve("06.11.2025", DATE).date == dt.date(2025, 11, 6)
    assert r.resolve("11/6/2025", DATE).date == dt.date(2025, 11, 6)
    # only one reading is a date: 13 November (after the report, but no other way to read it)
    assert r.resolve("13.11.2025", DATE).date == dt.date(2025, 11, 13)


def test_a_police_release_dated_in_digits():
    text = ("PRESS NOTE - District Police\n\nOn 05.11.2025, Maoists opened fire on a police "
            "patrol near the village of Gangaloor in Bijapur district, and two constables were "
            "killed in the exchange of fire.")
    events = _events(text)
    assert [e.event_date for e in events] == [dt.date(2025, 11, 5)]


def test_clashes_that_took_place_are_no_comment():
    text = ("Fighting near Sittwe\n\nClashes between the Arakan Army and junta troops took place "
            "on 25 January near Sittwe, residents said, with the military using gunboats.")
    events = _events(text, dt.date(2025, 1, 27))
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert events[0].event_date == dt.date(2025, 1, 25)
