"""Official statements tell events in their own ways: a count of attacks dated once and then
told one by one ("carried out two attacks yesterday ... In Diyala ... In Anbar ..."), the
dead as martyrdom, a search operation whose clash is told in the next sentence ("During the
search, ..."), and tear gas told in the passive."""

from __future__ import annotations

import datetime as dt

from ec_testutils import every_event


def test_a_dated_count_of_attacks_dates_the_attacks_told_after_it():
    text = ("Security Media Cell\nStatement\n\nTerrorist remnants carried out two cowardly "
            "attacks yesterday, Wednesday.\n\nIn Diyala governorate, a terrorist group attacked "
            "a position of the Popular Mobilization Forces, which led to the martyrdom of three "
            "fighters.\n\nIn Anbar governorate, a terrorist group opened fire on an army patrol "
            "in the desert, which led to the martyrdom of two soldiers.")
    events = every_event(text, "2025-08-21")
    assert {e.event_date for e in events} == {dt.date(2025, 8, 20)}
    assert sorted(e.fatalities for e in events) == [2, 3]


def test_the_clash_during_a_dated_search_has_its_day():
    text = ("PRESS NOTE - Superintendent of Police, Bijapur\n\nOn 06.11.2025, on receiving "
            "information about armed Maoist cadres in the forest, a joint team of district "
            "police was dispatched for a search operation. During the search, Maoists opened "
            "fire on the security forces, who retaliated; the exchange of fire went on for "
            "hours.\n\nBijapur, 07.11.2025")
    clash = [e for e in every_event(text, "2025-11-07") if e.sub_event_type == "Armed clash"]
    assert [e.event_date for e in clash] == [dt.date(2025, 11, 6)]


def test_tear_gas_told_in_the_passive_is_an_intervention():
    text = ("Statement of the federation of peoples\n\nOur communities were peacefully gathered "
            "at the Otavalo junction on Tuesday. Tear gas canisters were fired directly at the "
            "crowd by the police; twenty people were injured.")
    assert [e.sub_event_type for e in every_event(text, "2025-09-24")] == [
        "Protest with intervention"]


def test_a_bomb_about_two_hours_later_in_a_counted_series_has_the_series_day():
    text = ("Two bombs kill four rangers in Narathiwat\n\nNARATHIWAT, 20 November 2025 (Bangkok "
            "Morning Post) - Four paramilitary rangers were killed in two roadside bomb attacks "
            "in Narathiwat province on Wednesday, police said.\n\nThe first bomb exploded as a "
            "ranger patrol passed through Rueso district at about 7.30am, killing two rangers. "
            "About two hours later, a second bomb struck a ranger pickup truck on a road in "
            "Sungai Padi district, about 50 km to the east, killing two more.")
    events = every_event(text, "2025-11-20")
    assert {e.event_date for e in events} == {dt.date(2025, 11, 19)}
    assert len(events) >= 2
    assert not any("Post" in (e.actor2 or "") for e in events)  # the credit is no target


def test_ages_and_names_beside_victims_are_not_counted_again():
    a = every_event("SALVADOR - On Wednesday night gunmen fired dozens of shots at a Military "
                    "Police base, killing Corporal Anderson Luis Pereira, 38, who was on duty.",
                    "2025-11-06")
    assert [e.fatalities for e in a] == [1]
    b = every_event("KANO - Gunmen killed a farmer, Musa Bello, and his two sons on Monday, "
                    "police said.", "2025-11-06")
    assert [e.fatalities for e in b] == [3]


def test_a_datelines_day_and_year_are_not_victims():
    # the parse takes the dateline's "4" (of "4 December 2025 - Four soldiers") for a second
    # subject of the killing: eight dead
    events = every_event("Four soldiers killed in Balcad bridge blast\n\nBalcad (Radio Risaala) "
                         "4 December 2025 - Four Somali National Army soldiers were killed and "
                         "two others injured on Thursday morning when a landmine planted by "
                         "Al-Shabaab struck their vehicle at the Balcad bridge, military "
                         "officials told Radio Risaala.", "2025-12-04")
    assert [e.fatalities for e in events] == [4]


def test_brazils_military_police_are_police():
    events = every_event("SALVADOR, Brazil, 6 November 2025 - Four suspects were killed in an "
                         "exchange of fire with Military Police officers during an operation in "
                         "the Valeria neighbourhood on Wednesday morning, the security "
                         "secretariat said.", "2025-11-06")
    assert any((e.actor1 or "").startswith("Police Forces") or
               (e.actor2 or "").startswith("Police Forces") for e in events)
    assert not any("Military Forces" in (e.actor1 or "") + (e.actor2 or "") for e in events)
