"""Forces under fire, operations against a named group, communiqués' tolls, strikes told one
by one, a claim's seized weapons, mastheads over a count's headline, parent groups.

Each text is written for this file (wire style); the rules were read off development sets'
misses (docs/extraction.md, "Session 22")."""

from __future__ import annotations

from eventcoder.coding import code_text


def _rows(text: str, published: str = "2025-10-17") -> list:
    return code_text(text, published, min_confidence=0)


def test_forces_that_came_under_fire_fought_a_battle():
    """"soldiers came under fire from X": the soldiers were a side, not civilians."""
    rows = _rows("MOGADISHU, Oct 17 (Horn Wire) - Soldiers came under fire from al-Shabaab "
                 "fighters near Afgoye on Thursday, a military officer said.")
    assert [r.sub_event_type for r in rows] == ["Armed clash"]
    assert rows[0].actor1 == "Al Shabaab"
    assert rows[0].actor2 == "Military Forces of Somalia"


def test_an_operation_against_a_named_group_that_left_people_dead_is_a_battle():
    rows = _rows("SAO PAULO, Oct 17 (Southern Wire) - A police operation against members of "
                 "the Primeiro Comando da Capital in the east of Sao Paulo left four people "
                 "dead on Thursday, state officials said.")
    assert [r.sub_event_type for r in rows] == ["Armed clash"]
    assert rows[0].fatalities == 4


def test_an_operation_that_killed_civilians_stays_an_attack_on_them():
    """The rule reads "people" only: named civilians killed in the operation are its
    victims."""
    rows = _rows("SAO PAULO, Oct 17 (Southern Wire) - A police operation against members of "
                 "the Primeiro Comando da Capital in the east of Sao Paulo left four "
                 "schoolchildren dead on Thursday, state officials said.")
    assert [r.sub_event_type for r in rows] == ["Attack"]


def test_an_advanced_post_attacked_is_a_battle_and_a_communiques_martyrs_its_toll():
    """"attacked the advanced post of X" is no advance on territory; "six (6) martyrs" in
    the toll that follows counts six."""
    text = ("N'Djamena, 17 October 2025 - The General Staff of the Armies informs the public "
            "that in the night of 15 to 16 October 2025, terrorist elements attacked the "
            "advanced post of Bol, in the Lac province. Our forces repelled the attack.\n\n"
            "Toll: on our side, four (4) martyrs and nine (9) wounded.")
    rows = _rows(text)
    assert [r.sub_event_type for r in rows] == ["Armed clash"]
    assert rows[0].fatalities == 4


def test_strikes_told_one_by_one_are_two_events():
    text = ("BEIRUT, Oct 17 (Levant Wire) - Israeli drone strikes killed two people in "
            "southern Lebanon on Thursday. The first strike hit a car in Bint Jbeil. A second "
            "strike hit a motorcycle in the town of Nabatieh, the health ministry said.")
    rows = _rows(text)
    assert sorted(r.location for r in rows if r.sub_event_type == "Air/drone strike") == [
        "Bent Jbail", "Nabatiye et Tahta"]


def test_a_general_strike_hits_no_car():
    assert _rows("BEIRUT, Oct 17 (Levant Wire) - The general strike hit shops and banks in "
                 "Beirut on Thursday.") == []


def test_the_weapons_a_claimed_assault_took_are_its_detail_and_its_toll_climbs():
    text = ("Group claims Kaya assault as toll climbs to 26\n\n"
            "OUAGADOUGOU, Oct 17 (Sahel Wire) - The jihadist group JNIM on Thursday claimed "
            "Tuesday's assault on the army base in Kaya, saying its fighters had seized "
            "weapons and two pickup trucks. Security sources now put the number of soldiers "
            "killed at 26.")
    rows = _rows(text)
    assert [(r.sub_event_type, str(r.event_date), r.fatalities) for r in rows] == [
        ("Armed clash", "2025-10-14", 26)]


def test_a_headline_under_a_masthead_sums_up_the_count_below_it():
    text = ("FRONTIER GAZETTE | Friday, October 17, 2025\n\n"
            "Four policemen martyred in attacks in Bannu, Karak\n\n"
            "BANNU: Four policemen were martyred in two separate militant attacks in Bannu and "
            "Karak districts late on Thursday, police said.\n\n"
            "In Bannu, militants attacked a police post with heavy weapons, martyring three "
            "policemen.\n\n"
            "Around the same time, gunmen opened fire on a police station in Karak, killing a "
            "constable.")
    rows = _rows(text)
    assert sorted((r.location, r.fatalities) for r in rows) == [("Bannu", 3), ("Karak", 1)]
    assert {r.sub_event_type for r in rows} == {"Armed clash"}


def test_a_parent_group_named_before_its_affiliate_is_not_the_actor():
    rows = _rows("BAMAKO, Oct 17 (Sahel Wire) - Al Qaeda affiliate JNIM attacked an army "
                 "convoy near Nioro du Sahel on Thursday, killing five soldiers, a security "
                 "source said.")
    assert [r.actor1 for r in rows] == ["Jama'at Nusrat al-Islam wal-Muslimin (JNIM)"]


def test_children_killed_when_artillery_fire_hit_are_a_shelling_with_their_toll():
    """"artillery fire hit their neighbourhood" is the event (not a modifier of "fire"), and
    "three children, aged between 7 and 12, were killed" counts three."""
    rows = _rows("ADEN, Oct 17 (Gulf Wire) - Three children, aged between 7 and 12, were "
                 "killed when artillery fire hit their neighbourhood in Taiz on Thursday "
                 "afternoon, a children's charity said.")
    assert [(r.sub_event_type, r.fatalities) for r in rows] == [
        ("Shelling/artillery/missile attack", 3)]


def test_soldiers_who_fell_with_arms_in_hand_are_the_battles_toll():
    """"The toll on our side is nine (9) soldiers who fell with arms in hand": nine dead."""
    text = ("N'Djamena, 17 October 2025 - On Thursday 16 October 2025, a position of the "
            "Defence and Security Forces near Bol, in the province of Lac, was attacked by "
            "Boko Haram terrorists. The toll on our side is nine (9) soldiers who fell with "
            "arms in hand and twelve (12) wounded.")
    rows = _rows(text)
    assert [(r.sub_event_type, r.fatalities) for r in rows] == [("Armed clash", 9)]
