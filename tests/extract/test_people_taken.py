"""People seized or taken away are abducted (not a place seized), and a dateline whose agency
credit is long ("(West Africa Newswire/Abuja Ledger)") is still the day of filing, not the day of
the event."""

from __future__ import annotations

import datetime as dt

from eventcoder.coding import code_text


def test_people_seized_or_taken_away_are_abducted() -> None:
    for sentence in ("Armed men on motorcycles stormed the village of Tudun Wada in Zamfara "
                     "state on Monday and seized 17 people, mostly women and children.",
                     "Gunmen raided a church in Kagara in Niger state during an evening service "
                     "on Monday and took away nine worshippers, a local official said."):
        events = code_text(sentence, dt.date(2025, 10, 15), min_confidence=0)
        assert [e.sub_event_type for e in events] == ["Abduction/forced disappearance"]
    # a town seized is still territory
    events = code_text("Rebels seized the town of Kalehe on Monday after heavy fighting.",
                       dt.date(2025, 10, 15), min_confidence=0)
    assert "Abduction/forced disappearance" not in {e.sub_event_type for e in events}


def test_a_long_agency_credit_closes_a_dateline() -> None:
    text = ("KADUNA, Oct 15 (West Africa Newswire/Abuja Ledger) - Gunmen kidnapped 21 "
            "travellers on a highway in Kaduna state on Monday, police said.")
    events = code_text(text, dt.date(2025, 10, 15), min_confidence=0)
    assert [e.event_date for e in events] == [dt.date(2025, 10, 13)]


def test_bandit_raids_counted_by_villages_in_north_west_nigeria() -> None:
    text = ("Gunmen kill 25 in attacks on two villages in Nigeria's Katsina state\n\n"
            "KANO, Nigeria, Oct 20 (Wire) - Armed gangs killed at least 25 people in attacks on "
            "two villages in Nigeria's northwestern Katsina state on Sunday, residents said.\n\n"
            "In the first raid, gunmen on motorcycles stormed a village in Faskari local "
            "government area, killing 15 people. Later on Sunday, another gang attacked a "
            "settlement on the outskirts of Funtua, killing 10 people.\n\n"
            "Armed gangs known locally as bandits have killed thousands in the region in recent "
            "years, and kidnappings for ransom are common.")
    events = code_text(text, dt.date(2025, 10, 20), min_confidence=0)
    # armed gangs there are armed groups, not crime; the lead and the headline count the two
    # raids told one by one; the habit told last is no event
    assert sorted(e.fatalities for e in events) == [10, 15]
    assert {e.event_date for e in events} == {dt.date(2025, 10, 19)}
