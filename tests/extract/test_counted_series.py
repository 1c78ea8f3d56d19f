"""A count of events told one by one after it ("Two roadside bombs exploded in X, killing
five. The first blast struck a truck ... Hours later a second device ...") is not an event of
its own: ACLED codes the parts. The count's toll (their sum) goes to no part, its place goes
to the parts placed only from their surroundings, and a count only retold ("The blasts also
wounded 30") stays the event."""

from __future__ import annotations

import datetime as dt

from ec_testutils import every_event

DATE = "2026-03-12"
TWO_BLASTS = (
    "BAIDOA, March 12 (Wire) - Two roadside bombs exploded in the town of Wanlaweyn on "
    "Wednesday, killing four soldiers and three civilians, police said.\n\n"
    "The first blast hit an army pickup at a checkpoint on the main road in the morning, "
    "killing four soldiers, a police officer said.\n\n"
    "Hours later a second device, hidden under a fruit stall, went off near the bus station "
    "as travellers gathered, killing three civilians, witnesses said.")


def test_the_parts_are_the_events_not_the_count() -> None:
    events = [e for e in every_event(TWO_BLASTS, DATE)
              if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert sorted(e.fatalities for e in events) == [3, 4]  # not 7 and 3
    assert {e.event_date for e in events} == {dt.date(2026, 3, 11)}
    # the second part names no place: it takes the count's ("in the town of Wanlaweyn")
    assert {e.location for e in events} == {"Wanlaweyn"}
    assert all(e.geo_precision == 1 for e in events)
    # the count's sentence is cited by no event
    assert not any(v.text.startswith("Two roadside bombs") for e in events
                   for v in e.evidence if v.field == "sentence")


def test_the_count_says_why_it_is_no_event() -> None:
    from eventcoder.coding import code_text
    from eventcoder.config import Config
    from eventcoder.pipeline import Pipeline
    from eventcoder.schema import Article

    del code_text
    pipe = Pipeline(Config.load().with_(min_confidence=0))
    res = pipe.process(Article.from_text(TWO_BLASTS, id="a", language="en",
                                         published=dt.date.fromisoformat(DATE)))
    count = next(c for c in res.candidates if c.sentence.text.startswith("Two roadside"))
    assert count.status == "generic" and count.event_id is None
    assert "a count of 2 events told one by one" in count.reason


def test_a_count_only_retold_stays_the_event() -> None:
    text = ("BAIDOA, March 12 (Wire) - Two roadside bombs exploded in the town of Wanlaweyn "
            "on Wednesday, killing seven people, police said.\n\n"
            "The blasts also wounded at least 20 people at the market, a doctor said.")
    events = [e for e in every_event(text, DATE)
              if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert len(events) == 1 and events[0].fatalities == 7


def test_a_separate_event_told_after_a_count_is_no_part_of_it() -> None:
    # one part told, then an event told as separate: the count stays with its first part
    text = ("BAIDOA, March 12 (Wire) - Two roadside bombs exploded in the town of Wanlaweyn "
            "on Wednesday, killing seven people, police said.\n\n"
            "The first blast hit an army pickup at a checkpoint in the morning, a police "
            "officer said.\n\n"
            "In a separate incident, a bomb planted on a motorbike exploded in Afgooye on "
            "Wednesday evening, killing two traders.")
    events = sorted((e for e in every_event(text, DATE)
                     if e.sub_event_type == "Remote explosive/landmine/IED"),
                    key=lambda e: e.fatalities)
    assert [e.fatalities for e in events] == [2, 7]
