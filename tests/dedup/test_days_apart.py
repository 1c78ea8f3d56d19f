"""Days told apart: two events one report dates a day apart, each by its calendar date, are
two events (in-article linking), and settle which of them another report's event is (cross-
article merging); the day of a dateline is no count of the dead."""

from __future__ import annotations

import datetime as dt

from eventcoder.coding import code_text
from eventcoder.dedup.cross import best_match, same_event
from eventcoder.schema import Event, Evidence

TOWN = dict(country="Cameroon", iso3="CMR", admin1="Far North", location="Kolofata",
            latitude=11.167, longitude=14.0, geo_precision=1)
RAID = "Insurgents raided the town at night, killing villagers and burning their huts."


def ev(article: str, day: int, text: str = RAID) -> Event:
    return Event(event_id=f"ev-{article}-{day}", article_ids=[article],
                 event_date=dt.date(2025, 4, day), time_precision=1,
                 disorder_type="Political violence", event_type="Violence against civilians",
                 sub_event_type="Attack", actor1="Boko Haram", actor2="Civilians (Cameroon)",
                 fatalities=4, confidence=0.8, evidence=[
                     Evidence(article_id=article, field="sentence", start=0, end=len(text),
                              text=text),
                     Evidence(article_id=article, field="event_date", start=0, end=6,
                              text="Monday")], **TOWN)


def test_the_day_settles_which_of_two_events_at_one_place_a_report_tells() -> None:
    # one report tells Monday's raid and Tuesday's in the same town, both about as like
    # another report's telling of Monday's: the day says which one that is
    monday = ev("b", 14)
    tuesday = ev("b", 15, "Insurgents killed four people in a raid on the town, residents "
                          "said.")
    report = ev("a", 14, "Boko Haram insurgents killed four people in Kolofata during a night "
                         "raid, residents said.")
    assert same_event(report, monday).same and same_event(report, tuesday).same
    found = best_match(report, [monday, tuesday])
    assert found is not None and found[0].event_id == monday.event_id


def test_two_calendar_days_in_one_bulletin_are_two_events() -> None:
    text = ("Weekly security brief, 3-9 March 2025\n\nMilitant activity was concentrated in "
            "Macomia district this week. On 4 March, militants raided Chicomo, killing three "
            "civilians and burning houses.\n\nOn 5 March, militants clashed with soldiers near "
            "Nacoba, about 30 km north of Chicomo. Two soldiers were killed.")
    events = code_text(text, dt.date(2025, 3, 10), min_confidence=0)
    assert sorted(str(e.event_date) for e in events) == ["2025-03-04", "2025-03-05"]


def test_a_datelines_day_is_no_count_of_the_dead() -> None:
    text = ("Drone strike kills three fighters near Manbij\n\n12 January 2025 - Three fighters "
            "of the Syrian Democratic Forces were killed on Sunday when a Turkish drone hit "
            "their vehicle on a road east of Manbij, local sources said.")
    events = code_text(text, dt.date(2025, 1, 12), min_confidence=0)
    assert events and {e.fatalities for e in events} == {3}


def test_possessive_days_are_dates() -> None:
    from eventcoder.extract.dates import DateResolver

    resolve = DateResolver().resolve
    pub = dt.date(2025, 10, 2)  # a Thursday
    assert resolve("Monday's", pub).date == dt.date(2025, 9, 29)  # "Monday's attack"
    assert resolve("last week\u2019s", pub).precision == 2
    assert resolve("the morning", pub).needs_event  # a time of day: the day told before


def test_two_times_of_one_day_are_two_events() -> None:
    text = ("Residents said the town came under attack twice on Thursday. In the morning, the "
            "army fired artillery shells into the town of Dangila, killing five people. Around "
            "midday, a drone struck the market, killing eight traders.")
    events = code_text(text, dt.date(2025, 10, 31), min_confidence=0)
    assert sorted(e.sub_event_type for e in events) == [
        "Air/drone strike", "Shelling/artillery/missile attack"]
    assert {e.event_date for e in events} == {dt.date(2025, 10, 30)}


def test_a_blast_does_not_retell_a_shooting_and_a_cue_is_its_clauses() -> None:
    text = ("A roadside bomb killed three soldiers in the town of Bamenda on Monday, and hours "
            "later gunmen shot dead a trader in another part of the town, officials said.\n\n"
            "The device went off under an army truck on patrol, an officer said. Around 40 "
            "passers-by were also wounded.")
    events = code_text(text, dt.date(2025, 11, 4), min_confidence=0)
    kinds = sorted((e.sub_event_type, e.fatalities) for e in events)
    assert kinds == [("Attack", 1), ("Remote explosive/landmine/IED", 3)]
