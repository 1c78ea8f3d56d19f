"""Multi-event articles written for these tests: every expected event, nothing else."""

from __future__ import annotations

import datetime as dt

SAHEL = (
    "GAO, Mali - Suspected jihadists attacked an army post near the town of Ansongo on "
    "Saturday, killing four soldiers and wounding six, a military source said. The army said "
    "its helicopters then struck the attackers as they fled towards the Niger border.\n\n"
    "On Sunday, a roadside bomb hit a bus on the road between Gao and Bourem, killing seven "
    "passengers. No group has claimed the blast.\n\n"
    "In the capital Bamako, hundreds of traders marched peacefully on Monday to demand better "
    "protection on the roads. Organisers said another march will be held next week.\n\n"
    "The region has been plagued by violence since 2012, when separatist rebels seized the "
    "north. The government has vowed to retake every village from the militants."
)

CITY = (
    "Police fired tear gas and arrested at least 30 people on Tuesday as thousands of "
    "students protested in the city of Lahore against a rise in tuition fees. Several "
    "protesters were treated for breathing problems, doctors said.\n\n"
    "Separately, gunmen on motorcycles shot dead a local councillor outside his home in "
    "Peshawar late on Monday. Police did not say who was behind the killing.\n\n"
    "Officials denied reports that troops had shelled villages near the border. The minister "
    "said the army would not hesitate to respond if attacked."
)


def test_sahel_article(run):
    ms = run(SAHEL, dt.date(2024, 5, 14))  # a Tuesday
    types = [m.sub_event_type for m in ms]
    assert types == ["Armed clash", "Air/drone strike", "Remote explosive/landmine/IED",
                     "Peaceful protest"], types
    clash, strike, ied, march = ms
    assert clash.fatalities == 4 and clash.event_date == dt.date(2024, 5, 11)
    assert clash.actor2 is not None and clash.actor2.name == "Military Forces of Mali"
    assert strike.actor1 is not None and strike.actor1.inter == 1
    assert ied.fatalities == 7 and ied.civilian_targeting
    assert ied.event_date == dt.date(2024, 5, 12)
    assert march.event_date == dt.date(2024, 5, 13)
    assert march.actor1 is not None and march.actor1.inter == 6


def test_city_article(run):
    ms = run(CITY, dt.date(2024, 5, 15))  # a Wednesday
    types = [m.sub_event_type for m in ms]
    assert types == ["Protest with intervention", "Attack"], types
    protest, killing = ms
    assert protest.actor2 is not None and protest.actor2.name.startswith("Police Forces")
    assert protest.event_date == dt.date(2024, 5, 14)
    assert killing.fatalities == 1
    assert killing.actor2 is not None and killing.actor2.inter == 7
    assert killing.event_date == dt.date(2024, 5, 13)
    assert killing.place_span is not None and killing.place_span.text == "Peshawar"


def test_accident_story_stays_out_of_scope(run):
    text = ("A storage tank at a chemical plant exploded on Monday night, injuring four workers. "
            "It is believed the blast occurred in a tank of solvents. A wide area was evacuated.")
    assert run(text, dt.date(2024, 5, 14)) == []


def test_conflict_after_an_unrelated_lead_is_kept(run):
    text = ("Heavy rain caused floods in the north on Monday. Separately, gunmen attacked a "
            "police checkpoint near Kidal on Tuesday, killing two officers.")
    ms = run(text, dt.date(2024, 5, 15))
    assert [m.sub_event_type for m in ms] == ["Armed clash"]


def test_separately_ends_the_accident_story(run):
    text = ("Floods killed three people in the north on Monday. Separately, gunmen attacked a "
            "police checkpoint near Kidal on Tuesday, killing two officers. Gunmen also "
            "kidnapped a trader near Gao.")
    ms = run(text, dt.date(2024, 5, 15))
    assert [m.sub_event_type for m in ms] == ["Armed clash", "Abduction/forced disappearance"]


def test_the_attack_told_again_is_one_event(run):
    text = ("Gunmen attacked a police checkpoint near Kidal on Monday, killing two officers. "
            "Residents said the town was calm on Tuesday. The attack was the third on the "
            "checkpoint this year.")
    ms = run(text, dt.date(2024, 5, 15))
    assert [m.sub_event_type for m in ms] == ["Armed clash"]


def test_two_events_in_one_sentence(run):
    text = ("Taliban fighters seized a district centre in Faryab province on Saturday, while a "
            "roadside bomb at an army base in Helmand killed at least five soldiers.")
    ms = run(text, dt.date(2024, 5, 13))
    assert [m.sub_event_type for m in ms] == ["Non-state actor overtakes territory",
                                              "Remote explosive/landmine/IED"]
    assert ms[1].fatalities == 5 and ms[0].fatalities == 0
