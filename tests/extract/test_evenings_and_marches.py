"""A sit-in and the night's riot are two events; a march through two cities is two rows and
takes no toll from the disaster it marks. Texts written for this file."""

from __future__ import annotations

from eventcoder.coding import code_text


def _rows(text: str) -> list[tuple[str, str, int]]:
    return sorted((e.sub_event_type, e.location, e.fatalities)
                  for e in code_text(text, "2025-10-21", min_confidence=0))


def test_the_riot_after_nightfall_is_not_the_afternoon_sit_in():
    text = ("Karak: sit-in over fuel prices gives way to a night of unrest\n\n"
            "KARAK, October 21, 2025 (Jordan Desk) - Several hundred residents held a sit-in "
            "outside the governorate building in Karak on Monday afternoon to protest against "
            "fuel prices, in a gathering that ended peacefully.\n\n"
            "After nightfall, however, groups of youths blocked streets with burning tyres and "
            "threw stones at gendarmerie vehicles and set fire to a council truck, prompting "
            "the gendarmerie to fire tear gas, witnesses said.")
    assert [t for t, _, _ in _rows(text)] == ["Peaceful protest", "Violent demonstration"]


def test_a_march_through_two_cities_is_two_rows_without_the_disasters_toll():
    text = ("ZAGREB, Oct 20 (Balkan Wire) - Thousands of people marched through Zagreb and Split "
            "on Saturday, a week before the anniversary of a bridge collapse that killed 12 "
            "people and set off months of protests against the government.\n\nIn Zagreb, "
            "students walked from the university to the main square, blowing whistles. In "
            "Split, several thousand people stood in silence on the waterfront.")
    assert _rows(text) == [("Peaceful protest", "Split", 0), ("Peaceful protest", "Zagreb", 0)]


def test_places_joined_after_a_country_are_two_rows_and_the_toll_goes_where_it_is_told():
    text = ("The Mission in Libya is alarmed by the armed clashes that broke out today, 20 "
            "October 2025, in the Souq al-Juma neighbourhood of Tripoli and in the city of Misrata. "
            "According to initial reports, at least three civilians were killed in Tripoli.")
    assert _rows(text) == [("Armed clash", "Misratah", 0), ("Armed clash", "Tripoli", 3)]


def test_who_the_marchers_are_is_no_event_of_its_own():
    """"relatives of people who disappeared during the war marched": the relative clause
    says who marched; the march is the event."""
    text = ("BATTICALOA, Oct 21 - Several hundred relatives of people who disappeared during "
            "the war marched through Batticaloa town on Monday, calling on the government to "
            "reveal what happened to their loved ones. The march passed off peacefully.")
    assert [t for t, _, _ in _rows(text)] == ["Peaceful protest"]


def test_an_attack_told_as_a_vehicle_that_exploded_is_a_blast():
    text = ("MOGADISHU, Oct 21 - The government condemns the cowardly attack carried out this "
            "morning by al-Shabaab at a security checkpoint in Mogadishu, in which four "
            "soldiers were killed. The vehicle exploded before reaching the main checkpoint.")
    assert [(t, n) for t, _, n in _rows(text)] == [("Remote explosive/landmine/IED", 4)]
