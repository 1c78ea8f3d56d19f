"""A report that tells two attacks of one kind on one day keeps them apart: "On the same day,
another group attacked the market of X" is a second event even when X, a village the gazetteer
lacks, is put at the point of the town near it (under its own name, precision 2); its day is
the first one's ("On the same day", "Hours later"); and "nine (9) civilians" are nine."""

from __future__ import annotations

import datetime as dt

from eventcoder.coding import code_text

DATE = dt.date(2026, 6, 9)
COMMUNIQUE = (
    "COMMUNIQUE OF THE MINISTRY OF DEFENCE\n\nOn Sunday 7 June 2026, at about 9 am, a group of "
    "armed bandits on motorcycles attacked herders near Ouallam, in the Tillaberi region. The "
    "provisional toll is six (6) civilians killed and two (2) wounded.\n\nOn the same day, at "
    "about 5 pm, another group of armed bandits attacked the weekly market of Kolmabou, "
    "killing four (4) civilians and taking away cattle.")


def _events(text: str):
    return code_text(text, DATE, min_confidence=0)


def test_another_group_on_the_same_day_is_a_second_event():
    events = _events(COMMUNIQUE)
    assert sorted(e.fatalities for e in events) == [4, 6]
    assert {e.event_date for e in events} == {dt.date(2026, 6, 7)}


def test_a_village_the_gazetteer_lacks_keeps_its_name():
    second = next(e for e in _events(COMMUNIQUE) if e.fatalities == 4)
    assert second.location == "Kolmabou" and second.geo_precision == 2
    assert second.latitude is not None  # the point of the place near it
    assert "known by name only" in second.location_reason


def test_hours_later_is_the_day_of_the_event_told_before():
    text = ("MAIDUGURI, June 9 (Wire) - A suicide bomber killed five people at a market in "
            "Bama on Sunday morning, residents said.\n\nHours later, a second bomber blew "
            "himself up at a checkpoint on the edge of the town, killing two soldiers, a "
            "militia leader said.")
    events = _events(text)
    assert len(events) == 2
    assert {e.event_date for e in events} == {dt.date(2026, 6, 7)}


def test_events_with_one_key_stay_apart_when_the_report_tells_another():
    from eventcoder.dedup.merge import merge_events
    from eventcoder.schema import Event, Evidence

    def event(i: int, sentence: str, start: int) -> Event:
        return Event(event_id=f"ev-{i}", article_ids=["a"], event_date=dt.date(2026, 6, 7),
                     time_precision=1, disorder_type="Political violence",
                     event_type="Violence against civilians", sub_event_type="Attack",
                     actor1="Unidentified Armed Group (Niger)", actor2="Civilians (Niger)",
                     location="Ouallam", latitude=14.3, longitude=2.1, geo_precision=2,
                     geonames_id=2440371, fatalities=3,
                     evidence=[Evidence(article_id="a", field="sentence", start=start,
                                        end=start + len(sentence), text=sentence)])

    first = event(1, "Gunmen attacked herders near Ouallam on Sunday.", 0)
    again = event(2, "The attackers fled north after the attack near Ouallam.", 60)
    other = event(3, "On the same day another group of gunmen attacked a market.", 120)
    assert [e.event_id for e in merge_events([first, again])] == ["ev-1"]
    assert [e.event_id for e in merge_events([first, other])] == ["ev-1", "ev-3"]
