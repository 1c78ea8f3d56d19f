"""A bomb is an attack whatever else its sentence names: "killing five policemen on their way to
guard a polio vaccination team" is no health story (a disaster cue), the bomb was planted."""

from __future__ import annotations

import datetime as dt

from eventcoder.coding import code_text


def test_a_planted_bomb_is_no_accident() -> None:
    text = ("The bomb, planted on a motorcycle, went off next to a police van in Peshawar on "
            "Wednesday morning, killing four policemen who were escorting a polio vaccination "
            "team, a police official said.")
    events = code_text(text, dt.date(2025, 11, 5), min_confidence=0)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [
        ("Remote explosive/landmine/IED", 4)]


def test_a_mine_hit_the_same_day_is_a_second_event_and_a_post_attacked_a_battle() -> None:
    text = ("FADA N'GOURMA - Armed men attacked the detachment of Kantchari on Tuesday, 5 "
            "August, at around 2 pm, according to local sources; the provisional toll is about "
            "ten soldiers killed.\n\nThe same day, a supply convoy hit a mine a few kilometres "
            "from Kantchari, killing three soldiers, according to the same sources.")
    events = code_text(text, dt.date(2025, 8, 6), min_confidence=0)
    got = sorted((e.sub_event_type, e.fatalities) for e in events)
    assert got == [("Armed clash", 10), ("Remote explosive/landmine/IED", 3)]
    clash = next(e for e in events if e.sub_event_type == "Armed clash")
    # the soldiers "killed" are the side hit, not the initiator
    assert clash.actor1 is not None and clash.actor1.startswith("Unidentified Armed Group")
