"""Place names the tagger cuts or mislabels, read whole from their context: a two-word state
opening a bulletin ("Cabo Delgado Weekly Brief"), a city whose name holds a person's ("Dera
Ismail Khan"), a hyphenated town ("Pul-i-Khumri"), Portuguese names with "da", Nigeria's
"X State" and "Y Local Government Area", and an all-capitals dateline closed by a colon; and
the town inside the province a report names first ("In Diyala governorate, ... Muqdadiyah
district")."""

from __future__ import annotations

import datetime as dt

from eventcoder.coding import code_text


def _places(nlp, geoparser, text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    """text -> (country code, feature code, name) of each place the geoparser reads."""
    return {p.text: (p.country_code, p.feature_code, p.name)
            for p in geoparser.parse(nlp(text))}


def test_a_two_word_state_opening_a_bulletin_is_the_state_not_its_last_word(nlp, geoparser):
    text = ("Cabo Delgado Security Digest - Weekly Update, 3-9 March 2025\n\nInsurgents burned "
            "houses in two villages of Macomia district this week.")
    doc = nlp(text)
    doc.ents = [e for e in doc.ents if e.start_char > 20]  # as when the tagger misses it
    places = {p.text: p.country_code for p in geoparser.parse(doc)}
    assert places.get("Cabo Delgado") == "MZ"
    assert "Delgado" not in places  # (a town of that name in El Salvador)


def test_a_city_whose_name_holds_a_persons_name(nlp, geoparser):
    text = ("PESHAWAR: Gunmen shot dead two policemen at a checkpoint in Dera Ismail Khan on "
            "Friday, officials said.")
    places = _places(nlp, geoparser, text)
    assert places.get("Dera Ismail Khan", (None,))[0] == "PK"
    assert places.get("PESHAWAR", (None,))[0] == "PK"  # a dateline closed by a colon


def test_a_hyphenated_town_is_read_whole(nlp, geoparser):
    text = ("A bomb exploded outside a school in the northern Afghan city of Pul-i-Khumri on "
            "Monday, police said.")
    places = _places(nlp, geoparser, text)
    assert places.get("Pul-i-Khumri", (None,))[0] == "AF"
    assert "Pul" not in places  # (an alternate name of Poole, England)


def test_portuguese_names_with_da(nlp, geoparser):
    text = "Insurgents attacked a village in Mocimboa da Praia district on Sunday."
    places = _places(nlp, geoparser, text)
    assert any(t.startswith("Mocimboa da Praia") and v[0] == "MZ" for t, v in places.items())


def test_nigerian_states_and_local_government_areas(nlp, geoparser):
    text = ("Bandits abducted 14 travellers on a road in Malumfashi Local Government Area of "
            "Katsina State on Tuesday.")
    places = _places(nlp, geoparser, text)
    assert places.get("Katsina State", (None, None))[:2] == ("NG", "ADM1")
    assert places.get("Malumfashi Local Government Area", (None, None))[:2] == ("NG", "ADM2")


def test_ohio_state_is_still_no_state_word(nlp, geoparser):
    places = _places(nlp, geoparser, "Ohio State beat Michigan in Columbus on Saturday.")
    assert "Ohio State" not in places


def test_the_town_inside_the_province_named_first():
    text = ("In Diyala governorate, gunmen attacked a checkpoint in the orchards of Muqdadiyah "
            "district on Monday, killing two fighters of the Popular Mobilization Forces.")
    events = code_text(text, dt.date(2025, 8, 20), min_confidence=0)
    assert [(e.location, e.admin1, e.geo_precision) for e in events] == [
        ("Al Miqdadiyah", "Diyala", 1)]


def test_the_district_before_the_province_that_holds_it():
    text = ("Gunmen killed five civilians in an attack in Mocimboa da Praia district, in "
            "Mozambique's northern province of Cabo Delgado, on Sunday.")
    events = code_text(text, dt.date(2025, 8, 20), min_confidence=0)
    assert [(e.location, e.geo_precision) for e in events] == [("Mocimboa da Praia", 1)]


def test_where_travellers_were_going_is_not_where_it_happened():
    text = ("MEKELE, March 3 - A drone struck the bus station in Adigrat on Sunday, killing nine "
            "people, most of them travellers waiting for buses to Mekele.")
    events = code_text(text, dt.date(2025, 3, 3), min_confidence=0)
    assert [e.location for e in events] == ["Adigrat"]


def test_run_together_names_and_an_attackers_demonym(nlp, geoparser):
    # "Petion-Ville" is GeoNames' "Petionville"; "an Israeli drone" says whose drone, not where
    # the report is, so it does not drop a Lebanese town known by another spelling
    places = _places(nlp, geoparser, "Displaced families sheltered in schools in Pétion-Ville.")
    assert places.get("Pétion-Ville", (None,))[0] == "HT"
    text = ("An Israeli drone struck a car in the town of Bint Jbeil on Tuesday afternoon, "
            "killing two people.")
    events = code_text(text, dt.date(2025, 11, 4), min_confidence=0)
    assert [e.country for e in events] == ["Lebanon"]


def test_a_headline_town_named_as_its_state_and_a_village_in_its_district():
    text = ("Gunmen kidnap 15 worshippers in Katsina village\n\nArmed bandits on Friday night "
            "stormed a mosque in Yargoje village in Kankara Local Government Area of Katsina "
            "State and abducted 15 worshippers, residents said.")
    events = code_text(text, dt.date(2025, 8, 16), min_confidence=0)
    # one event, at the village (put at the point of the district it lies in), not at the
    # state's capital the headline's "Katsina" reads as
    assert [(e.location, e.geo_precision) for e in events] == [("Yargoje", 2)]
    assert abs(events[0].latitude - 11.93) < 0.1


def test_a_headline_town_and_the_district_named_after_it_are_one_event():
    text = ("IED kills four policemen in Maharashtra's Gadchiroli\n\nFour policemen were "
            "killed on Tuesday when Maoists blew up their vehicle with an improvised explosive "
            "device in Gadchiroli district, officials said.")
    events = code_text(text, dt.date(2025, 8, 16), min_confidence=0)
    assert len(events) == 1 and events[0].event_date == dt.date(2025, 8, 12)


def test_far_readings_of_a_name_give_way_to_the_places_the_text_means(nlp, geoparser):
    # "Mora" is Mora, Cameroon (an exact name of 60,000), not Bilimora, India (whose alternate
    # name it is); "the Al-Safa district of El-Obeid" is in El-Obeid, not Al Safa, Dubai
    text = ("Boko Haram fighters shot dead three traders in the town of Mora on Tuesday "
            "evening, residents said.")
    assert {p.country_code for p in geoparser.parse(nlp(text)) if p.text == "Mora"} == {"CM"}
    text = ("A drone attack on a funeral in the Al-Safa district of El-Obeid killed 12 people "
            "on Saturday, the local health office said.")
    assert "AE" not in {p.country_code for p in geoparser.parse(nlp(text))}


def test_a_dateline_with_a_states_abbreviation_sets_the_country(nlp, geoparser):
    text = ("Chilpancingo, Gro., October 16 - Students clashed yesterday with state police "
            "outside the state Congress, leaving 12 officers injured.")
    places = geoparser.parse(nlp(text))
    assert any(p.text == "Chilpancingo" and p.country_code == "MX" for p in places)
    assert "US" not in {p.country_code for p in places}  # (Congress, Arizona)


def test_a_district_of_the_city_the_report_is_about():
    text = ("Russian drones struck Kharkiv on Saturday evening, killing four people, officials "
            "said.\n\nOn Friday night, a drone struck a residential building in the Kyivskyi "
            "district, killing three people; a woman died of her injuries in hospital on "
            "Saturday, officials said.")
    events = code_text(text, dt.date(2025, 10, 26), min_confidence=0)
    assert sorted((str(e.event_date), e.admin1) for e in events) == [
        ("2025-10-24", "Kharkivska oblast"), ("2025-10-25", "Kharkivska oblast")]


def test_a_border_country_and_a_way_of_retreat_are_not_the_place():
    text = ("Boko Haram militants killed four civilians in an overnight raid on the village of "
            "Gakara in Cameroon's Far North region, near the border with Nigeria, a local "
            "official said on Wednesday. The fighters looted shops before withdrawing towards "
            "Nigeria.")
    events = code_text(text, dt.date(2025, 9, 11), min_confidence=0)
    assert events and {e.country for e in events} == {"Cameroon"}
    assert {e.admin1 for e in events} == {"Far North"}
