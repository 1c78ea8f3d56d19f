"""Armed groups ACLED names (gangs of Brazil and Haiti, rebels of South Sudan, the Central
African Republic, West Papua ...) are their own actors, so a report that names one codes it,
and a group named as the one who attacked is never its own target."""

from __future__ import annotations

import datetime as dt

from eventcoder.coding import code_text
from eventcoder.extract.actors import ActorDictionary

DATE = dt.date(2026, 4, 14)


def _rows(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.sub_event_type, e.actor1, e.actor2) for e in code_text(text, DATE, min_confidence=0)]


def test_named_groups_are_known_by_their_other_names():
    actors = ActorDictionary()
    assert actors.canonical("SPLA-IO") == actors.canonical("SPLM-IO") == \
        "Sudan People's Liberation Movement/Army-In Opposition (SPLM/A-IO)"
    assert actors.canonical("Red Command") == "Comando Vermelho (CV)"
    # a longer name that contains another group's is its own group
    assert actors.canonical("West Papua National Liberation Army") != \
        actors.canonical("National Liberation Army")


def test_an_attack_carried_out_by_a_named_gang_is_the_gangs_attack_on_civilians():
    text = ("CAP-HAITIEN, April 14 (Caribbean Wire) - The United Nations condemned the attack "
            "carried out on Saturday by members of the Gran Grif gang in the town of Saint-Marc, "
            "which killed at least nine people, including two children, according to figures "
            "gathered by its Human Rights Service.")
    assert _rows(text) == [("Attack", "Gran Grif", "Civilians (Haiti)")]


def test_a_named_gang_makes_a_police_raid_political_violence():
    text = ("RIO DE JANEIRO, April 14 (Atlantic Wire) - A police operation against drug "
            "traffickers of the Comando Vermelho in a favela complex in the north of Rio de "
            "Janeiro left four people dead on Monday, police said.")
    # (without the gang known, "drug traffickers" made it ordinary crime: no row); an
    # operation against the named gang whose dead are only "people" is a battle of the police
    # and the gang (ACLED's Battles), not an attack on civilians
    assert _rows(text) == [("Armed clash", "Police Forces of Brazil", "Comando Vermelho (CV)")]


def test_civilians_shot_are_the_attack_on_civilians_not_the_battle_told_after_it():
    text = ("BANGUI, April 14 (Global Wire) - Rebels from the 3R group killed at least five "
            "civilians in north-western Central African Republic on Sunday, and government "
            "troops clashed with the group the following day, local officials said.\n\n"
            "The civilians were shot near Bocaranga in Ouham-Pende prefecture, a local "
            "official said.")
    rows = {e.sub_event_type: e for e in code_text(text, DATE, min_confidence=0)}
    assert rows["Attack"].location == "Bocaranga"
    assert rows["Armed clash"].location != "Bocaranga"


def test_party_supporters_who_clash_are_rioters_at_the_town_inside_the_district():
    text = ("One killed in party clash in Lakshmipur's Ramganj\n\n"
            "A party activist was killed and at least 15 people were injured in a clash between "
            "supporters of two rival parties in Ramganj upazila of Lakshmipur on Sunday "
            "afternoon, police said. Several shops were set on fire.")
    rows = code_text(text, DATE, min_confidence=0)
    assert [(e.sub_event_type, e.actor1, e.location) for e in rows] == [
        ("Mob violence", "Rioters (Bangladesh)", "Ramganj")]


def test_rival_militias_that_clash_are_still_a_battle():
    text = ("MOGADISHU, April 14 (Horn Wire) - Fighters of two rival clan militias clashed "
            "over grazing land near Galkayo on Sunday, killing six, elders said.")
    assert [e.sub_event_type for e in code_text(text, DATE, min_confidence=0)] == ["Armed clash"]


def test_a_patrol_that_struck_a_bomb_was_hit_and_its_dead_succumbed():
    text = ("NAIROBI, April 14 (Coast Wire) - A police truck carrying officers of a border "
            "patrol unit struck an Improvised Explosive Device on the road outside Mandera on "
            "Monday morning. Three officers succumbed to their injuries in hospital.")
    rows = code_text(text, DATE, min_confidence=0)
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in rows] == [
        ("Remote explosive/landmine/IED", "Unidentified Armed Group (Kenya)",
         "Police Forces of Kenya", 3)]


def test_a_post_that_came_under_attack_fought_its_attackers():
    text = ("NAIROBI, April 14 (Coast Wire) - A police post in Mandera came under attack by a "
            "group of heavily armed al-Shabaab fighters on Monday night, police said.")
    rows = code_text(text, DATE, min_confidence=0)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in rows] == [
        ("Armed clash", "Al Shabaab", "Police Forces of Kenya")]


def test_a_patrol_attacked_is_a_battle_and_a_tapper_shot_by_gunmen_an_attack():
    text = ("CULIACAN, April 14 (Pacific Wire) - A military patrol was attacked by gunmen "
            "travelling in two pickup trucks near the highway south of Culiacan on Sunday, "
            "prosecutors said.")
    assert [e.sub_event_type for e in code_text(text, DATE, min_confidence=0)] == ["Armed clash"]
    text = ("PATTANI, April 14 (Gulf Wire) - A 52-year-old rubber tapper was shot dead by two "
            "gunmen on a motorcycle in Yarang district of Pattani on Monday evening, police said.")
    rows = code_text(text, DATE, min_confidence=0)
    assert [(e.sub_event_type, e.actor2) for e in rows] == [("Attack", "Civilians (Thailand)")]


def test_a_blast_hours_earlier_is_another_event():
    text = ("GUAYAQUIL, April 14 (Andes Wire) - Gunmen opened fire on spectators at a "
            "cockfighting ring in the north of Guayaquil on Saturday night, killing six people, "
            "police said. Hours earlier, a car loaded with explosives blew up outside a police "
            "station in the south of the city, damaging the building.")
    types = sorted(e.sub_event_type for e in code_text(text, DATE, min_confidence=0))
    assert types == ["Attack", "Remote explosive/landmine/IED"]
