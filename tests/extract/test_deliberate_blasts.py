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
