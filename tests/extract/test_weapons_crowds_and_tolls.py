"""Small codings read off the development duplicate sets (session 21): bullets told as
"firearm projectiles" and a ground attack's "heavy weapons" are no shelling; youths fighting
the police are a riot; a state's toll "since then" is no event's toll; "in a separate
statement" does not make an event separate; "kill six in two attacks" counts two attacks."""

from __future__ import annotations

from eventcoder.coding import code_text


def _coded(text: str, date: str) -> list[tuple]:
    return [(e.sub_event_type, e.actor1, e.actor2, e.fatalities)
            for e in code_text(text, date, min_confidence=0)]


def test_firearm_projectiles_are_bullets_not_shells():
    coded = _coded("HERMOSILLO, Sonora, 8 March 2025 - The state prosecutor's office said two men "
                   "were killed by firearm projectiles on Friday night outside a bar in the "
                   "centre of the city.", "2025-03-08")
    assert [c[0] for c in coded] == ["Attack"]


def test_heavy_weapons_of_a_close_fight_make_a_battle():
    coded = _coded("PESHAWAR, March 5 (Frontier Wire) - Militants opened fire with heavy weapons "
                   "on a police checkpoint in Lakki Marwat late on Tuesday and fought officers "
                   "for two hours, killing four policemen, officials said.", "2025-03-05")
    assert [(c[0], c[2], c[3]) for c in coded] == [
        ("Armed clash", "Police Forces of Pakistan", 4)]


def test_youths_clashing_with_police_are_a_riot_against_the_police():
    coded = _coded("Two dead as youths clash with police in Bamako\n\nBAMAKO, June 3 (Sahel Wire) "
                   "- Two young men were shot dead on Tuesday as youths clashed with police in "
                   "the Kalaban Coura district of Bamako, witnesses said. The youths burned tyres "
                   "and threw stones at officers, who fired tear gas.", "2025-06-03")
    assert coded == [("Violent demonstration", "Rioters (Mali)", "Police Forces of Mali", 2)]


SERIES = (
    "Gunmen kill six in two attacks in Mexico's Celaya\n\nMEXICO CITY, March 9 (Americas Wire) - "
    "Gunmen killed six people in two separate attacks in the Mexican city of Celaya on Saturday, "
    "authorities said.\n\nIn the first attack, shortly after noon, armed men opened fire on "
    "customers at a tyre shop, killing four, the Guanajuato state prosecutor's office said.\n\n"
    "About six hours later, gunmen shot dead two men outside a pharmacy in another district, "
    "the office said in a separate statement.\n\nCelaya has been gripped by fighting between "
    "rival cartels since 2020. More than 1,500 people have been killed in the state since "
    "then, according to official figures.")


def test_two_attacks_counted_in_a_headline_and_told_one_by_one():
    tolls = sorted(c[3] for c in _coded(SERIES, "2025-03-09"))
    assert tolls == [2, 4]  # not 6 (the count) nor 1,500 (the state's toll since 2020)
