"""Fatalities in short, headline-style reports (UCDP GED source headlines).

All example sentences are made up for these tests.
"""

from __future__ import annotations

import pytest

from eventcoder.extract.numbers import fatality_candidates


def _fat(ms):
    return min((m.fatalities for m in ms if m.fatalities), default=0)


@pytest.mark.parametrize("headline,value", [
    ("Gunmen kill teacher, his driver in northern province - police", 2),
    ("Bandits kill farmer and son in Zamfara", 2),
    ("Air strike kills rebel commander, 3 others in west Darfur", 4),
    ("A soldier and 6 militants killed in attack on army camp", 7),
    ("Militants attack village; a policeman and two civilians killed, three wounded", 3),
    ("Boko Haram kills three soldiers, overruns army base", 3),
    ("Twelve members of the security forces were killed in the ambush", 12),
    ("Three Rebel \u2018Commanders\u2019 Killed In Eastern Region", 3),
    ("Militants assassinate two policemen in Kandahar", 2),
    ("Two soldiers killed, five wounded in ambush near the border", 2),
])
def test_headline_fatalities(run, headline, value):
    assert _fat(run(headline)) == value


def test_killed_and_wounded_is_not_a_death_count(run):
    # the five are the dead and the wounded together: at least one death
    assert _fat(run("Five soldiers killed and wounded in rocket attack on outpost")) == 1


def test_money_is_not_a_count():
    assert fatality_candidates("Rebel carrying reward of Rs 5 lakh killed in gunfight") == []
    assert fatality_candidates("Commander with $10,000 bounty killed") == []


def test_part_of_a_later_figure():
    # "three of the ten": three is a part, ten the whole
    cands = fatality_candidates("They identify three of the ten bodies found in the well")
    assert sorted(v for v, _, _ in cands) == [3, 10]


def test_a_part_is_not_the_figure(run):
    ms = run("Gunmen killed ten villagers in Kafr Aya on Monday. Police identified three of the "
             "ten bodies found.")
    assert ms and ms[0].fatalities == 10


def test_read_count_replaces_aggregate_placeholder(run):
    ms = run("The death toll in the war tops 50,000. Twelve soldiers were killed during "
             "clashes near the town of Morak.")
    assert 12 in [m.fatalities for m in ms]


def test_rising_toll_of_one_event_is_its_count(run):
    ms = run("Car bomb death toll rises to 12 in Kabul.")
    assert ms and ms[0].fatalities == 12 and ms[0].fatalities_span.text == "12"


def test_rising_toll_of_a_war_is_not_an_event_count(run):
    assert all(m.fatalities <= 1 for m in run("Country's war death toll rises to 4,500 as "
                                               "fighting rages near the capital."))


def test_toll_sentence_without_trigger_completes_previous_event(run):
    ms = run("A car bomb exploded in Kabul on Monday. The death toll rose to 12.")
    assert len(ms) == 1 and ms[0].fatalities == 12


def test_martyrs_count_as_dead(run):
    ms = run("Air raids on Kafr Aya leave 6 martyrs in the bombing of a market.")
    assert ms and ms[0].fatalities == 6


def test_number_attached_through_the_parse(run):
    ms = run("18 militants, including a commander named Bashir, were killed in operations "
             "near Zherai on Tuesday.")
    assert ms and ms[0].fatalities == 18


def test_deadly_event_counts_one(run):
    ms = run("Deadly raid between army troops and rebels in Zabul.")
    assert ms and ms[0].fatalities == 1 and ms[0].fatalities_span.text == "Deadly raid"


def test_found_body_counts_one(run):
    ms = run("Villagers find a body with signs of torture after gunmen raid the village.")
    assert ms and ms[0].fatalities == 1


@pytest.mark.parametrize("headline", [
    "In less than 12 hours, three people were murdered in the city.",
    "Forty insurgents killed in four provinces, the ministry says.",
    "Nine soldiers killed within a day in the north.",
])
def test_totals_over_periods_and_provinces_are_not_one_event(run, headline):
    ms = run(headline)
    assert ms and ms[0].fatalities == 1 and ms[0].fatalities_span is None


def test_killings_noun_is_an_event(run):
    ms = run("Army killings of 6 civilians in Tamaulipas unjustified, says rights body.")
    assert ms and ms[0].fatalities == 6


def test_a_month_as_a_whole_is_a_total(run):
    from eventcoder.extract.extractor import AGGREGATE

    assert AGGREGATE.search("Conflicts claim more than 150 lives in the north in August")
    assert not AGGREGATE.search("Gunmen killed five villagers on August 3")
    assert not AGGREGATE.search("Gunmen killed five villagers, police said, as they may return")
    ms = run("Insurgent casualties for November estimated at 449 deaths after gunmen raided "
             "villages.")
    assert all(m.fatalities <= 1 for m in ms)


@pytest.mark.parametrize("headline,value", [
    ("At least 30 militants and a soldier killed in clash in Helmand.", 31),
    ("Twenty-two rebels and a policeman killed in clash in Helmand.", 23),
    ("A dozen rebels and a policeman killed in clash in Helmand.", 13),
])
def test_numbers_with_quantifiers_in_victim_lists(run, headline, value):
    assert _fat(run(headline)) == value


def test_deadly_attacks_without_actors_are_attacks(run):
    ms = run("Northern Burkina Faso hit by two new deadly attacks.")
    assert ms and ms[0].sub_event_type == "Attack" and ms[0].fatalities == 1


def test_deadly_only_when_it_describes_this_event(run):
    ms = run("Hundreds of students marched peacefully in Charlotte over the deadly shooting of a "
             "man by police last week.")
    assert ms and ms[0].fatalities == 0


def test_a_dateline_is_not_a_victim(run):
    ms = run("Khartoum, More than 35 protesters were killed on Monday when soldiers broke up a "
             "sit-in.")
    assert ms and ms[0].fatalities == 35


def test_shot_dead_has_a_shooter(run):
    ms = run("Policeman shot dead in Srinagar.")
    assert ms and ms[0].fatalities == 1 and ms[0].fatalities_span.text == "shot dead"


def test_single_victim_span_names_the_victim(run):
    ms = run("Gunmen killed a local farmer in Zamfara.")
    assert ms and ms[0].fatalities_span.text == "killed a local farmer"


def test_casualties_anchor_a_clash_but_count_no_deaths(run):
    ms = run("Insurgents suffer casualties in Faryab clashes.")
    assert ms and ms[0].sub_event_type == "Armed clash" and ms[0].fatalities == 0


def test_a_dateline_year_before_a_dash_is_no_count():
    # "2025 - Seven people ... were killed": the dash is no word of the victims' noun phrase
    from eventcoder.extract.numbers import fatality_candidates

    text = ("CUCUTA, 3 August 2025 - Seven people, among them two civilians, were killed on "
            "Saturday in clashes in the rural area of Tibu.")
    assert [v for v, _a, _b in fatality_candidates(text)] == [7]


def test_a_toll_since_the_war_began_is_not_the_count_of_the_event_before(run):
    ms = run("Air strikes on a market in the town of Ye-U killed civilians on Thursday, rescue "
             "workers said. More than 6,000 civilians have been killed by the military since "
             "the coup, according to a rights group.")
    assert ms and all(m.fatalities < 100 for m in ms)
