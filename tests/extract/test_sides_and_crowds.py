"""Who was hit decides between a battle and an attack on civilians, and a crowd's purpose is
not a plan: soldiers killed in an attack on their post are a side of an armed clash (ACLED),
a post stormed and held for hours is a battle, not a take-over; people who "gathered to
protest" protested; tear gas that injures is an intervention, not excessive force; a crowd
that "dispersed peacefully" went home."""

from __future__ import annotations

import datetime as dt

from eventcoder.coding import code_text

DATE = dt.date(2026, 4, 14)


def _types(text: str) -> list[str]:
    return [e.sub_event_type for e in code_text(text, DATE, min_confidence=0)]


def test_soldiers_killed_in_an_attack_on_their_post_are_a_battle():
    text = ("NIAMEY, April 14 (Sahel Wire) - Eighteen soldiers and militiamen lost their lives "
            "in the attack that targeted the army detachment of Makalondi on Sunday, security "
            "sources said.")
    assert _types(text) == ["Armed clash"]


def test_a_stormed_base_held_for_hours_is_a_battle_not_a_takeover():
    text = ("OUAGADOUGOU, April 14 (Sahel Wire) - Hundreds of jihadist fighters stormed a "
            "military base in Djibo on Sunday and fought troops for several hours before "
            "withdrawing, two security sources said.")
    assert _types(text) == ["Armed clash"]


def test_people_who_gathered_to_protest_protested():
    text = ("MOSUL, Iraq, April 14 (Tigris Wire) - Hundreds of teachers gathered outside the "
            "provincial council in Mosul on Monday to protest against unpaid salaries, and "
            "dispersed peacefully in the afternoon, witnesses said.")
    assert _types(text) == ["Peaceful protest"]


def test_tear_gas_that_injures_is_an_intervention():
    text = ("MOSUL, Iraq, April 14 (Tigris Wire) - Police fired tear gas and water cannon to "
            "disperse teachers protesting outside the provincial council in Mosul on Tuesday, "
            "injuring at least five people, witnesses said.")
    assert _types(text) == ["Protest with intervention"]


def test_live_fire_that_injures_is_excessive_force():
    text = ("MOSUL, Iraq, April 14 (Tigris Wire) - Police opened fire on teachers protesting "
            "outside the provincial council in Mosul on Tuesday, injuring at least five people, "
            "witnesses said.")
    assert _types(text) == ["Excessive force against protesters"]



def test_who_told_the_story_is_not_who_was_hit():
    # "according to local sources": the locals reported, the defenders were hit
    text = ("OUAGADOUGOU, April 14 (Sahel Wire) - Eleven defenders were killed during the attack "
            "that targeted the detachment and the positions of the VDP in Djibo on Sunday "
            "morning, according to local sources.")
    assert _types(text) == ["Armed clash"]


def test_a_civilian_militia_is_an_armed_side():
    text = ("The group said its fighters attacked positions of the VDP civilian militia in "
            "Diapaga on Sunday, killing six of them.")
    assert _types(text) == ["Armed clash"]


def test_an_attack_the_troops_repelled_is_a_battle():
    # the headline's "repel" tells that the forces fought back, whoever the lead counts dead
    text = ("Troops repel ISWAP attacks on Dikwa\n\nMAIDUGURI, April 14 (Lake Chad Wire) - Ten "
            "people, including a captain, were killed when ISWAP fighters launched coordinated "
            "attacks on military formations in Dikwa on Sunday, the army said.")
    assert _types(text) == ["Armed clash"]


def test_an_attack_carried_out_with_drones_is_a_drone_strike():
    text = ("The army condemned the terrorist attack carried out with drones by the armed group "
            "against a battalion base in the municipality of Tibu on Sunday.")
    assert _types(text) == ["Air/drone strike"]


def test_an_assault_foiled_is_a_battle_a_bomb_foiled_is_not():
    text = ("BANNU, April 14 (Frontier Post) - Police foiled an attack by militants on a police "
            "station in the district on Sunday night, officials said.")
    assert _types(text) == ["Armed clash"]
    bomb = ("BANNU, April 14 (Frontier Post) - Police foiled an attack on a police station on "
            "Sunday by defusing a bomb planted at its gate, officials said.")
    assert "Armed clash" not in _types(bomb)


def test_a_rally_after_deadly_clashes_is_peaceful():
    # the clashes the rally answers, two days before, are not the rally's own violence
    text = ("Residents rally against militias after deadly clashes\n\n"
            "MISRATA, April 14 (Maghreb Wire) - Hundreds of residents gathered in the main "
            "square of Misrata on Tuesday evening to demand that armed groups leave the city, "
            "two days after clashes in a southern district killed at least six people. The "
            "rally ended peacefully.")
    assert "Peaceful protest" in _types(text)
    assert "Violent demonstration" not in _types(text)


def test_marches_marking_a_day_against_violence_broken_up_are_an_intervention():
    text = ("ANKARA, April 14 (Anatolia Wire) - Police detained around 30 people on Tuesday as "
            "they broke up marches in Ankara marking the international day against violence "
            "towards women, rights groups said.")
    assert _types(text) == ["Protest with intervention"]


def test_groups_that_fight_for_control_tell_what_they_do_not_a_battle():
    # "fight for control" in the present tells a region's story; the killing is the event,
    # and "were fighting for control of the town" still is a battle
    text = ("LIMA, April 14 (Andes Wire) - Gunmen killed seven mine workers in Pataz on Sunday, "
            "police said, in a region where criminal groups fight for control of illegal gold.")
    assert _types(text) == ["Attack"]
    text = ("MOGADISHU, April 14 (Horn Wire) - Government troops and al-Shabaab fighters were "
            "fighting for control of the town of Bulo Burde on Sunday, residents said.")
    assert _types(text) == ["Armed clash"]


def test_a_clash_between_two_parties_supporters_is_mob_violence():
    text = ("Bogura, 14 April: Two people were killed in a clash between BNP and Jamaat "
            "supporters at the bus terminal in Bogra town this afternoon, police said.")
    assert _types(text) == ["Mob violence"]
