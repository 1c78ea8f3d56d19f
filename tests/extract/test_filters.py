"""What is and is not an event: types of common reports, and the non-event filters."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.parametrize("text,expected", [
    ("Government troops clashed with rebels near the town of Kidal on Monday.", "Armed clash"),
    ("Warplanes struck a market in the town of Ariha, killing nine civilians.",
     "Air/drone strike"),
    ("Rebels shelled residential areas of the city with mortars on Friday.",
     "Shelling/artillery/missile attack"),
    ("A roadside bomb hit an army convoy on the road to Gao.",
     "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu.", "Suicide bomb"),
    ("Unknown attackers threw a grenade at a police station in Srinagar.", "Grenade"),
    ("Gunmen shot dead three farmers in their fields in Plateau state.", "Attack"),
    ("Militants abducted a teacher from his home in Zamfara.",
     "Abduction/forced disappearance"),
    ("Hundreds of students marched peacefully through the capital demanding free tuition.",
     "Peaceful protest"),
    ("Police fired tear gas to disperse demonstrators outside parliament.",
     "Protest with intervention"),
    ("Protesters hurled stones and set tyres on fire on the main road.",
     "Violent demonstration"),
    ("Security forces arrested five suspected members of the cell in Basra.", "Arrests"),
    ("Army troops recaptured the town of Palma from insurgents.",
     "Government regains territory"),
    ("Al-Shabaab militants seized control of the village of El Ade.",
     "Non-state actor overtakes territory"),
    ("Police defused an improvised explosive device planted near a school.",
     "Disrupted weapons use"),
    ("A mob lynched a man accused of blasphemy in the village.", "Mob violence"),
])
def test_common_types(run, text, expected):
    ms = run(text)
    assert ms, text
    assert ms[0].sub_event_type == expected, (text, ms[0].sub_event_type)


@pytest.mark.parametrize("text", [
    "Soldiers did not attack the village, officials said.",
    "The army will launch an offensive against the rebels next week.",
    "Militants threatened to attack polling stations.",
    "If the talks fail, the rebels could attack the capital.",
    "An upcoming protest is planned for the weekend.",
    "Floods killed twelve people after heavy rain hit the region.",
    "A gas cylinder explosion at a restaurant killed two people.",
    "Robbers shot a shopkeeper during a robbery at a jewellery store.",
    "The foreign minister condemned the missile tests and called for new sanctions.",
    "The Islamic State claimed responsibility for the bombing.",
])
def test_non_events(run, text):
    assert run(text) == [], text


def test_background_date_is_not_an_event(run):
    ms = run("The town was captured by militants in June 2016.", dt.date(2025, 3, 10))
    assert ms == []


def test_outcome_sentence_adds_fatalities_to_previous_event(run):
    ms = run("A car bomb exploded at a busy market in Baquba on Sunday. Seven people were "
             "killed.")
    assert len(ms) == 1
    assert ms[0].sub_event_type == "Remote explosive/landmine/IED"
    assert ms[0].fatalities == 7
    assert ms[0].sentence.text.endswith("killed.")


def test_conservative_fatalities(run):
    ms = run("Dozens of villagers were killed when gunmen raided the village.")
    assert ms and ms[0].fatalities == 12


def test_no_killing_means_zero(run):
    ms = run("Gunmen attacked a checkpoint near Tikrit, wounding two soldiers.")
    assert ms and ms[0].fatalities == 0


def test_date_defaults_to_publication_week(run):
    ms = run("Gunmen attacked a checkpoint near Tikrit.", dt.date(2025, 3, 10))
    assert ms[0].event_date == dt.date(2025, 3, 10) and ms[0].time_precision == 2
    assert ms[0].date_span is None


def test_confidence_is_probability(run):
    for m in run("Warplanes struck a market in Ariha, killing nine civilians."):
        assert 0.0 <= m.confidence <= 1.0


def test_doc_must_match_article(blank_nlp, extractor):
    from eventcoder.schema import Article

    # the text check comes before any use of the parse: a Doc of the blank pipeline will do
    with pytest.raises(ValueError, match="E201"):
        extractor.extract(blank_nlp("one text"), Article.from_text("another text"))


def test_coordinated_victims_are_summed(run):
    ms = run("Gunmen attacked a checkpoint near Hawija on Monday night, killing four soldiers "
             "and two attackers, an officer said.")
    assert ms and ms[0].fatalities == 6


def test_parts_are_not_added(run):
    ms = run("An air strike killed 15 people, including 6 children, in the village of Kafr "
             "Nabl on Tuesday.")
    assert ms and ms[0].fatalities == 15


def test_report_source_is_not_an_actor(run):
    ms = run("The bodies of four shepherds were found near Kirkuk on Sunday, police said.")
    assert ms and ms[0].sub_event_type == "Attack"
    assert ms[0].actor2 is not None and ms[0].actor2.inter == 7


def test_demand_for_release_of_detainees_is_not_an_intervention(run):
    ms = run("Hundreds of people protested in Aleppo on Friday, demanding the release of "
             "detainees.")
    assert [m.sub_event_type for m in ms] == ["Peaceful protest"]


@pytest.mark.parametrize("text,expected", [
    ("The militants were pushed back from their strongholds near Hama by army units.",
     "Government regains territory"),
    ("The town of Bama fell to Boko Haram fighters on Sunday.",
     "Non-state actor overtakes territory"),
    ("Police arrested nine activists in the capital on Tuesday.", "Arrests"),
    ("Police arrested dozens of protesters during a march in the capital.",
     "Protest with intervention"),
])
def test_territory_direction_and_arrest_context(run, text, expected):
    ms = run(text)
    assert ms and ms[0].sub_event_type == expected, [m.sub_event_type for m in ms]


@pytest.mark.parametrize("text", [
    "Sergeant Ruiz, an artillery crewmember, said the exercise went well.",
    "His death will degrade the group's ability to plan attacks, said the terror attack "
    "planners' former associate.",
    "We will continue to support their efforts in the fight against the group.",
])
def test_weapon_words_naming_things_are_not_events(run, text):
    assert run(text) == [], [m.sub_event_type for m in run(text)]


def test_looting_spree_is_an_event(run):
    ms = run("Hundreds of residents went on a looting spree in the market district on Monday.")
    assert ms and ms[0].sub_event_type in ("Looting/property destruction", "Violent demonstration",
                                           "Mob violence")


@pytest.mark.parametrize("text", [
    "The minister condemned the attacks and called for calm.",
    "Such violence requires a strong response from the international community.",
])
def test_opinion_about_events_is_not_an_event(run, text):
    assert run(text) == [], [m.sub_event_type for m in run(text)]


@pytest.mark.parametrize("text", [
    "The foreign ministry lodged an official protest with the neighbouring government.",
    "The rebels said they were willing to withdraw from the town.",
])
def test_diplomatic_protest_and_offers_are_not_events(run, text):
    assert run(text) == [], [m.sub_event_type for m in run(text)]


def test_territory_taken_after_withdrawal_is_a_transfer(run):
    ms = run("Rebel fighters took control of the town of Marka on Monday after government "
             "troops withdrew.")
    assert ms and ms[0].sub_event_type == "Non-violent transfer of territory"


def test_seized_weapons_are_not_territory(run):
    ms = run("Troops seized rifles and ammunition in the village of Dar on Sunday.")
    assert ms and ms[0].sub_event_type == "Disrupted weapons use"


def test_reported_with_announced_is_not_an_intention(run):
    ms = run("Twelve fighters surrendered to the army in the district on Friday, the military "
             "announced.")
    assert ms and ms[0].sub_event_type == "Agreement"


def test_police_chasing_demonstrators_is_an_intervention(run):
    ms = run("Riot police chased demonstrators through the centre of the capital on Tuesday.")
    assert ms and ms[0].sub_event_type == "Protest with intervention"


def test_aggregate_toll_is_not_one_events_count(run):
    ms = run("A wave of bombings across the country killed 58 people on Sunday.")
    assert ms and ms[0].fatalities == 1 and ms[0].fatalities_span is None


def test_attacks_against_protesters_are_not_their_grievance(run):
    ms = run("Two people were killed in attacks by soldiers against peaceful protesters in the "
             "capital on Friday.")
    assert ms and ms[0].sub_event_type == "Excessive force against protesters"


def test_without_fighting_negates_the_clash(run):
    ms = run("Government troops withdrew from the base and rebel forces entered the town "
             "without fighting on Monday.")
    assert ms and ms[0].sub_event_type == "Non-violent transfer of territory"


def test_new_armed_unit_set_up_is_a_change_to_group(run):
    ms = run("A new brigade of the militia has been set up in the province, its commander said "
             "on Sunday.")
    assert ms and ms[0].sub_event_type == "Change to group/activity"
