"""Second events told in one sentence, the people of an event told before, and what is history
rather than news. Every article here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.config import Config
from eventcoder.extract.dates import DateResolver
from eventcoder.pipeline import Pipeline
from eventcoder.schema import Article

D = dt.date(2025, 9, 12)


@pytest.fixture(scope="module")
def pipe(nlp) -> Pipeline:
    return Pipeline(Config.load(min_confidence=0.0), nlp=nlp)


def _events(pipe: Pipeline, text: str, published: dt.date | None = D):
    r = pipe.process(Article.from_text(text, published=published))
    return r, r.events


def _status_of(r, word: str) -> str:
    hits = [c for c in r.candidates if word in c.sentence.text]
    assert hits, [(c.sentence.text, c.status) for c in r.candidates]
    return hits[0].status


@pytest.mark.e2e
def test_a_second_clause_with_its_own_subject_and_place_is_a_second_event(pipe):
    text = ("KHARTOUM, Sept 12 (Wire) - Paramilitary fighters shelled a market in El Obeid on "
            "Wednesday, killing seven civilians, medics said, and army drones struck a fuel "
            "depot in the town of Nyala the following day.")
    _, evs = _events(pipe, text)
    kinds = {e.sub_event_type for e in evs}
    assert "Shelling/artillery/missile attack" in kinds and "Air/drone strike" in kinds, \
        [(e.sub_event_type, e.location) for e in evs]
    places = {e.sub_event_type: e.location for e in evs}
    assert places["Air/drone strike"] != places["Shelling/artillery/missile attack"]


@pytest.mark.e2e
def test_a_clause_with_only_its_toll_stays_with_its_event(pipe):
    text = ("A roadside bomb hit a police vehicle near Baqubah on Tuesday, and two officers "
            "were killed, police said.")
    _, evs = _events(pipe, text)
    assert len(evs) == 1, [(e.sub_event_type, e.location) for e in evs]
    assert evs[0].fatalities == 2


@pytest.mark.e2e
def test_the_people_of_an_event_told_before_are_not_a_new_event(pipe):
    text = ("GUSAU, Nigeria, Sept 12 (Wire) - Gunmen stormed a village near Tsafe in Zamfara "
            "state on Monday and kidnapped 20 farmers, police said.\n\n"
            "The kidnappers called relatives on Wednesday to demand a ransom, a community "
            "leader said.\n\nThe attackers had arrived on motorcycles shortly after dusk.")
    r, evs = _events(pipe, text)
    abductions = [e for e in evs if e.sub_event_type == "Abduction/forced disappearance"]
    assert len(abductions) == 1, [(e.sub_event_type, e.event_date) for e in evs]
    assert abductions[0].event_date == dt.date(2025, 9, 8)
    assert all(c.status == "reported" for c in r.candidates if "kidnappers" in c.sentence.text)


@pytest.mark.e2e
def test_the_past_perfect_with_an_earlier_date_is_background(pipe):
    text = ("Government troops recaptured the town of Bulo Burte on Thursday after a gunfight "
            "with al Shabaab fighters, a regional official said.\n\n"
            "The militants had seized the town last month when the army pulled out.")
    r, evs = _events(pipe, text)
    assert _status_of(r, "had seized") == "background"
    # a fight for the town is a battle, though the losers withdrew in the end
    assert [e.sub_event_type for e in evs] == ["Government regains territory"], \
        [(e.sub_event_type, e.event_date) for e in evs]


@pytest.mark.e2e
def test_reported_to_have_killed_is_reported_not_hypothetical(pipe):
    text = ("On Sunday, members of the militia are reported to have killed 14 villagers in "
            "the village of Mahagi, a UN official said.")
    r, evs = _events(pipe, text)
    assert _status_of(r, "reported to have") == "reported"
    assert evs and evs[0].fatalities == 14


@pytest.mark.e2e
def test_a_drone_strike_that_set_a_depot_on_fire_is_a_strike_not_a_fire(pipe):
    text = ("Russian drones attacked the port of Izmail late on Thursday, setting several "
            "warehouses on fire and injuring two workers, the regional governor said.")
    r, evs = _events(pipe, text)
    assert [e.sub_event_type for e in evs] == ["Air/drone strike"], \
        [(c.status, c.reason) for c in r.candidates]


@pytest.mark.e2e
def test_a_boxing_bout_and_habitual_fighting_are_not_events(pipe):
    bout = ("ACCRA, Sept 12 - The Ghanaian champion destroyed his challenger in three rounds "
            "on Saturday to keep his lightweight title.")
    _, evs = _events(pipe, bout)
    assert evs == []
    habit = ("The two armies have clashed repeatedly along the disputed frontier since "
             "2023, officials say.")
    _, evs = _events(pipe, habit)
    assert evs == []


@pytest.mark.e2e
def test_with_no_publication_date_a_much_older_dated_killing_is_background(pipe):
    text = ("Investigators reopened the case of a lynching on July 25, 1946, the sheriff's "
            "office said on March 3, 2009.\n\nA crowd killed four people near the river on "
            "July 25, 1946, according to the files.")
    r, evs = _events(pipe, text, published=None)
    assert evs == [], [(e.sub_event_type, e.event_date) for e in evs]


def test_month_of_last_year_resolves_to_that_month():
    r = DateResolver().resolve("in March last year", dt.date(2025, 7, 8))
    assert r is not None and (r.date, r.precision) == (dt.date(2024, 3, 1), 3)


@pytest.mark.e2e
def test_a_dateline_and_its_country_as_the_only_places_do_not_break_the_article(pipe):
    # the dateline's town and country were both set aside, leaving nothing to choose from
    text = ("KABUL, Afghanistan (Wire) - Gunmen shot dead two aid workers on Monday, "
            "officials said.\n\nThe killings were condemned by the United Nations.")
    r = pipe.process(Article.from_text(text, published=D))
    assert r.skipped is None
    assert r.events and r.events[0].sub_event_type == "Attack"


@pytest.mark.e2e
@pytest.mark.parametrize(("text", "sub_event_type"), [
    # rocket-propelled grenade fire is a gun battle's, not shelling
    ("Soldiers came under machine gun and rocket-propelled grenade fire from militants in a "
     "school in the town of Baiji on Wednesday, the army said.", "Armed clash"),
    # the arrest of a party's members is political
    ("Police in Tbilisi arrested seven people affiliated with the former speaker's party on "
     "Monday on weapons charges, the Interior Ministry said.", "Arrests"),
    # an exchange of fire that killed civilians stays a clash
    ("Afghan and Pakistani border forces exchanged heavy fire at Spin Boldak on Tuesday, "
     "killing three civilians, officials said.", "Armed clash"),
])
def test_one_sentence_one_event_of_its_type(pipe, text, sub_event_type):
    _, evs = _events(pipe, text)
    assert [e.sub_event_type for e in evs] == [sub_event_type], \
        [(e.sub_event_type, e.notes) for e in evs]


@pytest.mark.e2e
def test_shelling_range_is_no_event(pipe):
    _, evs = _events(pipe, "The village lies within shelling range of the front line, about "
                           "10 km away, residents said.")
    assert evs == []


@pytest.mark.e2e
def test_a_small_town_of_the_article_s_country_beats_a_far_homonym(pipe):
    text = ("ADEN, Yemen, Dec 9 (Wire) - Houthi fighters attacked government positions north "
            "of the city of Ad Dali on Sunday, triggering clashes that killed four soldiers, "
            "a military official said.\n\nThe group holds much of the north of Yemen, "
            "including Sanaa, and has fought government forces near Taiz and Marib.")
    _, evs = _events(pipe, text)
    assert evs and all(e.country == "Yemen" for e in evs), \
        [(e.location, e.country) for e in evs]


@pytest.mark.e2e
def test_exercises_tests_and_trials_are_not_events(pipe):
    drill = ("MANILA, May 2 (Wire) - Philippine and US forces fired missiles at a "
             "decommissioned cargo ship off Zambales on Friday during their annual joint "
             "exercises.\n\nThe ship sank within an hour, the navy said.")
    launch = ("NEW DELHI, Jan 8 (Wire) - The army said on Wednesday it had carried out a "
              "successful test launch of a surface-to-surface missile from an island off "
              "Odisha.")
    trial = ("KAMPALA, Nov 20 (Wire) - A court on Thursday sentenced three men convicted of "
             "organising the 2021 bombings in Kampala to life in prison.\n\nThe two blasts "
             "near the parliament killed four people, prosecutors said.")
    for text in (drill, launch, trial):
        r, evs = _events(pipe, text, published=dt.date(2025, 11, 20))
        assert evs == [], [(e.sub_event_type, c.reason) for e in evs for c in r.candidates]


@pytest.mark.e2e
def test_aerial_bombs_on_a_district_of_a_city_are_an_air_strike_on_the_city(pipe):
    text = ("KYIV, March 5 (Wire) - Russian guided aerial bombs struck an industrial district "
            "of Zaporizhzhia on Wednesday, killing three people and setting a warehouse on "
            "fire, the regional governor said.")
    _, evs = _events(pipe, text, published=dt.date(2026, 3, 5))
    assert [e.sub_event_type for e in evs] == ["Air/drone strike"]
    assert evs[0].geo_precision <= 2 and evs[0].latitude is not None
    assert abs(evs[0].latitude - 47.85) < 0.3  # the city, not the province's centre


@pytest.mark.e2e
def test_one_unknown_word_read_as_an_organisation_is_no_actor(pipe):
    text = ("KYIV, March 5 (Wire) - A drone attack on the north-eastern city of Sumy killed a "
            "man late on Tuesday.\n\nIn Sumy, a Shahed-type drone crashed into a private house "
            "on the outskirts at about 11 p.m., the regional military administration said.")
    _, evs = _events(pipe, text)
    assert evs and all((e.actor1 or "") != "Sumy" for e in evs)


@pytest.mark.e2e
def test_the_next_sentence_says_where_in_the_region_and_the_bodies_found_are_its_toll(pipe):
    text = ("BOGOTA, Sept 12 (Wire) - At least six fighters were killed in clashes between two "
            "rebel factions in the Catatumbo region on Wednesday, authorities said.\n\n"
            "The fighting broke out at dawn in rural areas of Tibu municipality, near the "
            "border, the ombudsman's office said.\n\nSoldiers later found six bodies in a "
            "ravine near a village, the army said.")
    _, evs = _events(pipe, text)
    assert len(evs) == 1, [(e.sub_event_type, e.location) for e in evs]
    assert evs[0].sub_event_type == "Armed clash" and evs[0].location == "Tibu"


@pytest.mark.e2e
def test_a_small_far_town_nothing_else_points_to_is_no_reading(pipe):
    # "Samarai" (a small town in Papua New Guinea) in a report about the West Bank
    text = ("TEL AVIV, Jan 27 (Wire) - Israeli forces arrested six people in Tubas in the "
            "northern West Bank on Monday, the army said. Troops also searched homes in "
            "Samarai, Jenin and Nablus, and the Palestinian Authority condemned the raids "
            "in a statement from Ramallah, Israel and the West Bank.")
    r = pipe.process(Article.from_text(text, published=dt.date(2026, 1, 27)))
    assert all(p.country_code != "PG" for p in r.places), [(p.text, p.country_code)
                                                           for p in r.places]


@pytest.mark.e2e
def test_a_police_shooting_of_a_suspect_at_a_traffic_stop_is_ordinary_policing(pipe):
    text = ("An officer shot and killed a man who pointed a gun at him during a traffic stop "
            "in Toledo on Saturday night, the police chief said.")
    r, evs = _events(pipe, text)
    assert not [e for e in evs if (e.actor1 or "").startswith("Police Forces")], \
        [(e.sub_event_type, e.actor1) for e in evs]
    assert any("ordinary policing" in c.reason for c in r.candidates)


@pytest.mark.e2e
def test_an_encounter_with_security_forces_is_a_clash(pipe):
    # South Asian usage: "killed in <place> encounter" is a gunfight, not an attack
    text = ("Three terrorists killed in Sopore encounter; policeman hurt\n\nThree terrorists "
            "were killed in an encounter with security forces near Sopore in Baramulla "
            "district on Friday, police said.")
    _, evs = _events(pipe, text)
    assert [e.sub_event_type for e in evs] == ["Armed clash"], [e.notes for e in evs]
    assert evs[0].fatalities == 3


@pytest.mark.e2e
def test_a_blast_told_first_then_with_its_weapon_is_one_event(pipe):
    text = ("An explosion ripped through a mosque in Kunduz during Friday prayers, killing at "
            "least 20 worshippers, officials said.\n\nIslamic State said in a statement that "
            "one of its members had detonated an explosive vest inside the mosque.")
    _, evs = _events(pipe, text)
    assert len(evs) == 1, [(e.sub_event_type, e.location) for e in evs]
    assert evs[0].event_type == "Explosions/Remote violence" and evs[0].fatalities == 20
