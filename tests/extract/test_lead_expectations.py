"""Added by the LEAD (not by the extraction engineer): cases the lead's end-to-end tests
(tests/test_end_to_end.py, tests/test_examples_gold.py) found failing. Please make them pass by
general fixes (nominal triggers with "by" agents, found bodies, summed death counts, one event
per protest, "strikes" after air strikes) -- do not delete or weaken them; keep this file.
"""

from __future__ import annotations

KIDNAP = ("The official said the operation followed the kidnapping of eight men by Islamic "
          "State militants on the highway near Tuz Khurmatu last week.")
BODIES = KIDNAP + " The bodies of the eight men were found two days later in Kirkuk province, " \
                  "police said."


def _types(mentions):
    return [(m.sub_event_type, m.actor1.name if m.actor1 else None, m.fatalities)
            for m in mentions]


def test_nominal_kidnapping_takes_its_by_agent_as_actor1(run):
    ms = [m for m in run(KIDNAP) if m.sub_event_type == "Abduction/forced disappearance"]
    assert ms, _types(run(KIDNAP))
    assert ms[0].actor1 is not None and "Islamic State" in ms[0].actor1.name, _types(ms)


def test_found_bodies_of_civilians_are_an_attack_with_fatalities(run):
    ms = [m for m in run(BODIES) if m.fatalities == 8]
    assert ms, _types(run(BODIES))
    assert ms[0].sub_event_type == "Attack", _types(ms)
    alone = run("The bodies of five men were found in an orchard near Baquba on Monday.")
    assert [m.sub_event_type for m in alone if m.fatalities == 5] == ["Attack"], _types(alone)


def test_death_counts_of_both_sides_are_summed(run):
    text = ("Unidentified gunmen attacked an army checkpoint west of Kirkuk on Monday night, "
            "sparking a clash that killed two soldiers and three attackers, a police officer "
            "said.")
    ms = run(text)
    assert [m.fatalities for m in ms if m.sub_event_type == "Armed clash"] == [5], _types(ms)


def test_one_protest_is_one_event(run):
    peaceful = run("Hundreds of people protested in the city of Sweida on Friday, demanding "
                   "better living conditions. The demonstration ended peacefully, organisers "
                   "said.")
    assert [m.sub_event_type for m in peaceful] == ["Peaceful protest"], _types(peaceful)
    dispersed = run("Police fired tear gas to disperse hundreds of protesters who had gathered "
                    "outside the provincial council building in Basra on Wednesday to demand "
                    "jobs. Several protesters were injured, medical sources said.")
    assert [m.sub_event_type for m in dispersed] == ["Protest with intervention"], _types(
        dispersed)


def test_strikes_after_an_air_strike_are_not_a_riot(run):
    text = ("Warplanes carried out air strikes on the town of Maarat al-Numan in Idlib province "
            "on Tuesday, killing at least 12 civilians. The strikes also destroyed a market and "
            "a school building, residents said.")
    types = [m.sub_event_type for m in run(text)]
    assert "Violent demonstration" not in types and "Peaceful protest" not in types, types
    assert "Air/drone strike" in types
