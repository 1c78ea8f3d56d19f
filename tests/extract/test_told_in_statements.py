"""An attack told only inside a condemnation or a claim of responsibility is news: "UNAMA
condemns yesterday's suicide attack on a mosque in ...", "IS claimed responsibility for
Friday's bombing at ...". A condemnation or a claim of attacks in general is not. Gangs in
Haiti, Mexico or Colombia are armed groups as ACLED codes them; a gang elsewhere is crime."""

from __future__ import annotations

import datetime as dt

from eventcoder.coding import code_text

DATE = dt.date(2026, 5, 10)


def _events(text: str):
    return code_text(text, DATE, min_confidence=0)


def test_a_condemned_attack_is_an_event():
    text = ("UN mission condemns attack on market in Bunia\n\nKINSHASA, 10 May 2026 - The United "
            "Nations mission condemns in the strongest terms yesterday's attack on the central "
            "market of Bunia, in Ituri province. According to preliminary information, at least "
            "seven traders were killed and a dozen wounded.")
    events = _events(text)
    assert [e.sub_event_type for e in events] == ["Attack"]
    assert events[0].event_date == dt.date(2026, 5, 9)
    assert events[0].fatalities == 7


def test_a_claimed_bombing_is_an_event_of_the_claimant():
    text = ("KABUL, May 10 (Asia Wire) - Islamic State Khorasan Province has claimed "
            "responsibility for Friday's suicide bombing at a Shia mosque in the western city "
            "of Herat, in a statement on its Amaq agency. Hospital officials put the toll at "
            "eleven.")
    events = _events(text)
    assert [e.sub_event_type for e in events] == ["Suicide bomb"]
    assert events[0].actor1 == "Islamic State Khorasan Province (ISKP)"
    assert events[0].event_date == dt.date(2026, 5, 8)


def test_a_condemnation_of_attacks_in_general_is_no_event():
    text = ("GENEVA, 10 May 2026 - The UN human rights chief condemned attacks on civilians and "
            "on places of worship, which she said were serious violations of international law, "
            "and urged all parties to protect civilians.")
    assert _events(text) == []


def test_a_claim_of_many_attacks_is_no_event():
    text = ("BAMAKO, May 10 (Sahel Wire) - JNIM has claimed dozens of attacks on the army this "
            "year, according to a tally by a security analyst, who said the group had grown "
            "stronger since 2024.")
    assert _events(text) == []


def test_gang_killings_in_haiti_are_political_violence():
    text = ("Haiti: outcry over gang killings in Mirebalais\n\nPORT-AU-PRINCE, May 10 (Caribbean "
            "Wire) - Rights groups condemned the killing of at least eight people by gangs in "
            "the central town of Mirebalais on Saturday. Residents said gang members went from "
            "house to house, shooting people and burning homes.")
    events = _events(text)
    assert [e.sub_event_type for e in events] == ["Attack"]
    assert events[0].fatalities == 8


def test_a_gang_robbery_elsewhere_is_crime():
    text = ("MANCHESTER, England, May 10 (Wire) - A gang armed with knives robbed a jewellery "
            "shop in the city centre on Saturday and stabbed a security guard, police said.")
    assert _events(text) == []
