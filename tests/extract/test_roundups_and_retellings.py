"""Roundups by country, counts of attacks told one by one, tolls that rise, plans and habits,
and the places and actors of such reports.

Each text is written for this file (wire style); the rules were read off development sets'
misses (docs/extraction.md, "Session 23")."""

from __future__ import annotations

from eventcoder.coding import code_text


def _rows(text: str, published: str = "2025-10-20") -> list:
    return code_text(text, published, min_confidence=0)


ROUNDUP = (
    "Regional Security Digest - 20 October 2025\n\n"
    "NIGERIA. Bandits attacked the village of Dansadau in Zamfara on 16 October, killing "
    "seven farmers, local officials said.\n\n"
    "PAKISTAN. Two bombings hit Peshawar on 17 October. A motorcycle bomb targeting a police "
    "van on Kohat Road killed four people. In the evening, a remote-controlled device exploded "
    "near a checkpoint on Ring Road, killing two soldiers.\n\n"
    "ECUADOR. On 18 October, gunmen opened fire in a bar in Esmeraldas, killing five people, "
    "police said.\n")


def test_a_roundup_codes_each_country_with_its_own_actors_and_places():
    rows = _rows(ROUNDUP)
    by_country = {}
    for r in rows:
        by_country.setdefault(r.country, []).append(r)
    assert set(by_country) == {"Nigeria", "Pakistan", "Ecuador"}
    # the police of the Pakistan section are Pakistan's, the target of the bomb
    peshawar = sorted(by_country["Pakistan"], key=lambda r: -r.fatalities)
    assert [r.fatalities for r in peshawar] == [4, 2]
    assert peshawar[0].actor2 == "Police Forces of Pakistan"
    assert all(r.location == "Peshawar" for r in peshawar)
    # the bandits of the Nigeria section are not the Ecuadorian gunmen
    assert by_country["Ecuador"][0].actor1 == "Unidentified Armed Group (Ecuador)"


def test_a_count_told_one_by_one_gives_two_events_even_in_one_town():
    """"Two armed attacks ... left seven dead", then each attack: two rows, not the count,
    even where the two are alike (one city, one day, the same kind)."""
    rows = _rows("Two attacks leave seven dead in Hermosillo\n\n"
                 "Hermosillo, Sonora, October 19.- Two armed attacks in different parts of the "
                 "city left seven people dead on Saturday.\n\n"
                 "At around 4 pm, armed men opened fire on customers at a tyre shop in colonia "
                 "Las Minitas, killing four men.\n\n"
                 "That night, at about 11 pm, a commando burst into a party at a home in "
                 "colonia Villa de Seris and opened fire; three people died.\n")
    attacks = sorted((r for r in rows if r.sub_event_type == "Attack"),
                     key=lambda r: -r.fatalities)
    assert [r.fatalities for r in attacks] == [4, 3]
    assert {r.location for r in attacks} == {"Hermosillo"}  # (colonias are the city's)
    assert {str(r.event_date) for r in attacks} == {"2025-10-18"}  # (not the dateline's day)


def test_the_toll_of_an_earlier_attack_goes_to_that_attack():
    rows = _rows("MOGADISHU, Oct 20 (Horn Wire) - Fresh fighting erupted on Sunday evening in "
                 "Jowhar, in southern Somalia's Middle Shabelle region, a day after al-Shabaab "
                 "militants stormed an army base in the town.\n\n"
                 "The militants attacked a checkpoint on the edge of the town at around 7 p.m., "
                 "killing two soldiers.\n\n"
                 "The toll from Saturday's assault on the base rose to nine soldiers after two "
                 "wounded men died in hospital, an officer said.")
    clashes = sorted((r for r in rows if r.sub_event_type == "Armed clash"),
                     key=lambda r: r.event_date)
    assert [(str(r.event_date), r.fatalities) for r in clashes] == [("2025-10-18", 9),
                                                                  ("2025-10-19", 2)]
    assert {r.location for r in clashes} == {"Jawhar"}


def test_promised_offensives_and_likely_strikes_are_no_events():
    rows = _rows("The government has promised a new offensive against the rebels in the north "
                 "before the end of the year. Further air strikes on rebel-held towns are likely "
                 "in the coming weeks, analysts said.")
    assert rows == []


def test_a_habit_of_shelling_is_no_event():
    rows = _rows("Residents said troops based in the town have been shelling residential wards "
                 "almost daily.")
    assert rows == []


def test_a_whole_toll_and_its_breakdown_count_once():
    rows = _rows("KISMAYO, Oct 20 (Horn Wire) - Nine people, seven soldiers and two civilians, "
                 "were killed in Sunday's suicide car bombing at a checkpoint in Kismayo, "
                 "officials said.")
    assert [r.fatalities for r in rows] == [9]


def test_a_fifth_victim_is_not_one_dead():
    rows = _rows("TIJUANA, Oct 20 (Wire) - Gunmen killed four men at a car wash in Tijuana on "
                 "Sunday afternoon, and a fifth victim died later in hospital, police said.")
    assert [r.fatalities for r in rows] == [4]


def test_the_first_of_two_forces_named_together_leads():
    rows = _rows("PEMBA, Oct 20 (Wire) - Mozambican and Rwandan forces clashed with insurgents "
                 "near Mocimboa da Praia on Sunday, a military source said.")
    assert rows[0].actor1 == "Military Forces of Mozambique"


def test_forces_of_a_country_outside_the_curated_list_are_named():
    rows = _rows("QUITO, Oct 20 (Wire) - Ecuadorian police fired tear gas at hundreds of "
                 "students protesting against fuel prices in Quito on Sunday.")
    assert [r.actor2 for r in rows] == ["Police Forces of Ecuador"]


def test_the_junta_is_the_military():
    rows = _rows("The junta bombed and shelled Hpakant on Saturday, killing nine civilians, "
                 "residents said.")
    assert rows[0].actor1 == "Military Forces of Myanmar"


def test_a_newspaper_named_after_a_city_is_no_place():
    rows = _rows("At least 11 people were killed when a jet bombed a market in Kalay on Sunday "
                 "morning, a trader told the Mandalay Free Press.")
    assert len(rows) == 1 and rows[0].location in ("Kalay", "Kalemyo")


def test_a_town_told_before_its_province_possessed_by_the_country():
    rows = _rows("MOGADISHU, Oct 20 (Wire) - Fighting erupted on Sunday in Afgooye, in "
                 "southern Somalia's Lower Shabelle region, residents said.")
    assert rows[0].location in ("Afgooye", "Afgoye")
    assert rows[0].geo_precision == 1


def test_a_hospital_named_after_a_faraway_city_is_in_the_story_s_town():
    rows = _rows("MOGADISHU, Oct 20 (Wire) - A suicide car bomb killed six soldiers near a "
                 "military academy in Mogadishu on Sunday. The wounded were taken to Madina "
                 "hospital, a doctor said.")
    assert {r.country for r in rows} == {"Somalia"}


def test_a_macro_region_in_a_comment_is_not_the_event_s_place():
    rows = _rows("QUITO, Oct 20 (Wire) - Los Lobos gunmen killed five people in an attack on "
                 "a pool hall in the Ecuadorean port city of Esmeraldas on Sunday night, police said, the "
                 "latest in a wave "
                 "of gang violence that has made the country one of the most violent in Latin "
                 "America.\n\nThe killings are driven by fighting between armed gangs linked to "
                 "drug trafficking networks over routes to the Pacific ports.")
    assert [(r.location, r.fatalities) for r in rows] == [("Esmeraldas", 5)]


def test_the_toll_of_another_day_s_attack_is_that_attack_s():
    rows = _rows("PORT-AU-PRINCE, Oct 20 (Wire) - Gang members returned to the town of Mirebalais "
                 "on Sunday, killing four people, local officials said.\n\n"
                 "The toll from Friday's attack on the town rose to eleven after three bodies "
                 "were found in burned houses, an official said.")
    assert sorted((str(r.event_date), r.fatalities) for r in rows) == [("2025-10-17", 11),
                                                                       ("2025-10-19", 4)]


def test_party_supporters_fighting_under_a_dateline_line_are_one_mob_violence():
    rows = _rows("Two killed as party supporters clash in Bogura\n"
                 "Bogura, October 20\n\n"
                 "Two men were killed and 25 people injured yesterday when supporters of the "
                 "Bangladesh Nationalist Party (BNP) and Jamaat-e-Islami clashed in Bogura town "
                 "over a market, police said.")
    assert [(r.sub_event_type, str(r.event_date)) for r in rows] == [
        ("Mob violence", "2025-10-19")]


def test_two_crowds_fighting_are_rioters_on_both_sides():
    rows = _rows("BOGURA, Oct 20 (Wire) - A man was killed when supporters of the Bangladesh "
                 "Nationalist Party (BNP) and Jamaat-e-Islami clashed in Bogura town on Sunday, "
                 "police said.")
    assert [(r.sub_event_type, r.actor1, r.actor2) for r in rows] == [
        ("Mob violence", "Rioters (Bangladesh)", "Rioters (Bangladesh)")]
