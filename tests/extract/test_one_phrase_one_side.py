"""One actor phrase is one side: "the massacre committed by the Rapid Support Forces militia"
names who killed, and a second reading of the same words (the tagger's entity over the
dictionary's name) is not the side they fought."""

from __future__ import annotations

from eventcoder.coding import code_text

STATEMENT = (
    "Statement by a medical network, 4 May 2025\n\nThe network condemns in the strongest "
    "terms the massacre committed today by the Rapid Support Forces militia in the village of "
    "Abu Gouta, east of Kosti in White Nile State.\n\nFighters on motorcycles stormed the "
    "village this morning, shooting at residents. Our teams have counted 17 civilians killed.")


def test_a_massacre_by_a_named_militia_is_one_attack_on_civilians():
    events = code_text(STATEMENT, "2025-05-04", min_confidence=0)
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Attack", "Rapid Support Forces", "Civilians (Sudan)", 17)]


def test_no_event_has_one_phrase_on_both_sides():
    for e in code_text(STATEMENT, "2025-05-04", min_confidence=0):
        assert not (e.actor2 and e.actor1 and e.actor2.startswith(e.actor1))
