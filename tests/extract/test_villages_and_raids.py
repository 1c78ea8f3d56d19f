"""Villages the gazetteer lacks told in the ways reports tell them ("at Kodogo, a village in
the Kolofata district"; "the weekly market of Tessaoua-Gari (Dogondoutchi department, Dosso
region)"), a neighbourhood told with the city's name before it ("in the city's North Bank
area"), a raid told with its shooting ("stormed the village, shooting residents and burning
homes": an attack, not a take-over), and "Later in the day"."""

from __future__ import annotations

import datetime as dt

from ec_testutils import every_event


def test_a_village_told_by_an_apposition_is_a_locality() -> None:
    text = ("Maroua, 14 March 2026 - Three herders were killed on Thursday evening at "
            "Ngodeni-Kaya, a village in the Kolofata district, by gunmen described as members "
            "of Boko Haram, local sources said.")
    events = every_event(text, "2026-03-14")
    assert events and events[0].location == "Ngodeni-Kaya"
    assert events[0].country == "Cameroon" and events[0].geo_precision == 2
    assert "known by name only" in events[0].location_reason


def test_a_village_before_its_units_in_brackets_is_the_place() -> None:
    text = ("FLASH UPDATE - Dosso region, Niger\n\nOn 9 March 2026, a non-state armed group "
            "attacked the weekly market of Tessaoua-Gari (Dogondoutchi department, Dosso "
            "region). Four civilians were killed, according to local authorities.")
    events = [e for e in every_event(text, "2026-03-10") if e.fatalities]
    assert events and events[0].location == "Tessaoua-Gari"
    assert events[0].admin1 == "Dosso"
    # the bracket is no part of an actor's name
    assert all("(" not in (e.actor2 or "").split(" (")[0] for e in events)
    assert not any("Tessaoua-Gari (" in (e.actor1 or "") + (e.actor2 or "") for e in events)


def test_a_part_of_the_city_named_after_the_citys_is_in_the_city() -> None:
    text = ("MAKURDI, Nigeria (Wire) - Hundreds of women marched to Government House in "
            "Makurdi on Monday to demand protection after attacks on farming villages.\n\n"
            "Later in the day, youths blocked a road in the city's North Bank area and threw "
            "stones at police, who fired tear gas to disperse them.")
    events = every_event(text, "2026-03-10")
    riot = [e for e in events if e.event_type == "Riots" or "intervention" in e.sub_event_type]
    assert riot and riot[0].country == "Nigeria" and riot[0].location == "Makurdi"
    # "Later in the day": Monday, the day of the march told before it
    assert riot[0].event_date == dt.date(2026, 3, 9)


def test_a_raid_that_shoots_residents_is_an_attack() -> None:
    text = ("Gunmen stormed Akpagidigbo village in Benue state late on Sunday, shooting "
            "residents and burning homes, a council official said. Seven people were killed.")
    events = every_event(text, "2026-03-10")
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_a_town_told_as_the_main_town_of_its_province_is_the_place() -> None:
    text = ("OUAGADOUGOU, March 9 (Wire) - At least ten soldiers were killed on Sunday when "
            "armed men attacked a military camp in Djibo, the main town of Burkina Faso's "
            "northern Soum province, security sources said.")
    events = every_event(text, "2026-03-09")
    assert events and events[0].location == "Djibo" and events[0].geo_precision == 1


def test_a_village_told_in_its_province_is_the_place_also_in_the_headline() -> None:
    # "in Koumbri, in the province of Soum": a village the gazetteer lacks; the headline's
    # "Koumbri" (the model's organisation) is that village too; "the same day as" is the day
    # of the last event told with a date, not of the undated burning told in between
    text = ("Soum: six civilians killed in Koumbri\n\nDjibo, 9 March (Radio Soum) - Six "
            "civilians were killed yesterday afternoon in Koumbri, in the province of Soum, by "
            "unidentified armed men, residents said. Shops and granaries were set on fire."
            "\n\nThe attack came on the same day as the "
            "assault on the gendarmerie post in Djibo, in which four gendarmes were killed.")
    events = every_event(text, "2026-03-09")
    attack = next(e for e in events if e.fatalities == 6)
    assert attack.location == "Koumbri" and attack.event_date == dt.date(2026, 3, 8)
    # "on the same day as the assault on the gendarmerie post in Djibo": another event, of
    # that day
    other = [e for e in events if e is not attack]
    assert other and other[0].location == "Djibo"
    assert other[0].event_date == dt.date(2026, 3, 8)


def test_a_village_told_as_a_rural_commune_is_a_locality() -> None:
    from eventcoder.config import Config
    from eventcoder.pipeline import Pipeline

    text = ("The same day, another group of armed men entered Tongomayel, a rural commune about "
            "twenty kilometres east of Djibo, and killed five men, a local official said on "
            "Monday.")
    pipe = Pipeline(Config.load())
    places = pipe.geoparser.parse(pipe.nlp(text))
    assert any(p.text == "Tongomayel" and p.feature_class is None for p in places)


def test_a_town_and_its_province_named_one_after_the_other_are_places() -> None:
    # the small model calls "Butig" a person and "Lanao del Sur" an organisation
    text = ("Marawi City, 28 July 2026 - One soldier and three members of the Dawlah Islamiyah "
            "were killed in an encounter in the hinterlands of Butig, Lanao del Sur, on "
            "Sunday, the army said.")
    events = every_event(text, "2026-07-28")
    assert events and events[0].location == "Butig"


def test_an_aircraft_of_the_army_that_dropped_bombs_made_an_air_strike() -> None:
    text = ("STATEMENT\n\nOn 22 January 2026, at about 10:50 am, a Yak-130 aircraft of the "
            "military council dropped two bombs on Nyaung Pin village, Kanbalu Township, "
            "Sagaing Region, killing 12 civilians.")
    events = every_event(text, "2026-01-24")
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


def test_the_rural_area_of_a_municipality_is_that_municipality() -> None:
    text = ("Press release - Cúcuta, 18 March 2026\n\nThe Second Division rejects the attack "
            "perpetrated on 17 March by the ELN against troops who were protecting the "
            "population in the rural area of the municipality of Tibú, Norte de Santander. "
            "Three soldiers were killed.")
    events = every_event(text, "2026-03-18")
    assert events and events[0].location == "Tibu"
