"""A name is placed by the words around it: "the city of Saravan" is a town even when the
tagger calls it a nationality; "the Michoacan attorney general's office" names whose office,
not where the event happened; a ruling party's "youth league" is no sport."""

from __future__ import annotations

from eventcoder.coding import code_text


def test_a_town_after_the_city_of_whatever_the_tagger_says():
    events = code_text(
        "ZAHEDAN, Aug. 5 (Plateau Wire) - Three police officers were killed when gunmen "
        "attacked a police station in the city of Saravan in Sistan and Baluchestan province "
        "on Tuesday, the provincial police command said.", "2025-08-05", min_confidence=0)
    assert [e.location for e in events] == ["Saravan"]


def test_a_state_naming_an_office_is_not_where_it_happened():
    events = code_text(
        "MEXICO CITY, Nov 19 (Wire) - Drones dropped explosives on a farming community in the "
        "western state of Michoacan on Monday, killing two people, prosecutors said.\n\n"
        "The devices were dropped on houses in the municipality of Aguililla, the Michoacan "
        "attorney general's office said. A man and a girl were killed and four people were "
        "wounded.", "2025-11-19", min_confidence=0)
    assert "Aguililla" in {e.location for e in events}


def test_a_partys_youth_league_is_no_sport():
    events = code_text(
        "BUJUMBURA, June 15 - A member of an opposition party died after being beaten by "
        "members of the Imbonerakure, the youth league of the ruling party, on Saturday "
        "evening in Giteranyi commune, Muyinga province, witnesses said.", "2025-06-15",
        min_confidence=0)
    assert events and events[0].sub_event_type == "Attack"


def test_a_short_word_of_a_longer_name_is_no_far_town():
    events = code_text(
        "GUAYAQUIL, June 4 - At 23:05 on 3 June 2025, criminal elements attacked the Community "
        "Police Unit Guasmo Sur 3 in Guayaquil with firearms, killing two officers.",
        "2025-06-04", min_confidence=0)
    assert {e.country for e in events} == {"Ecuador"}


def test_the_valley_of_a_river_is_not_the_valley_anguilla():
    events = code_text(
        "LIMA, 22 April. Three soldiers were killed on Monday in an ambush by Shining Path "
        "remnants in the Valley of the Apurimac, Ene and Mantaro Rivers, the Defence Ministry "
        "said.", "2025-04-22", min_confidence=0)
    assert events and {e.country for e in events} == {"Peru"}
