"""One sentence that tells one kind of violence at several places, each with its own dead, is
an event per place ("nine killed in Kauru and six others in Kajuru": ACLED codes each place);
two days told as "Today, Monday 6 October" and "Yesterday, Sunday", each at its own village, are
two events; "the night of 9 to 10 September" is the 9th."""

from __future__ import annotations

import datetime as dt

from ec_testutils import every_event
from eventcoder.extract.dates import DateResolver


def test_a_toll_per_place_is_an_event_per_place():
    text = ("KADUNA, Nigeria, May 14 (Savannah Wire) - Gunmen killed at least nine villagers "
            "in Kauru and at least six others in Kajuru on Tuesday, police in Kaduna state "
            "said. The attackers came on motorcycles and set fire to houses, a police "
            "spokesman said.")
    got = sorted((e.location, e.fatalities, e.event_date) for e in every_event(text, "2025-05-14"))
    assert got == [("Kajuru", 6, dt.date(2025, 5, 13)), ("Kauru", 9, dt.date(2025, 5, 13))]


def test_a_toll_told_after_each_place():
    text = ("MAIDUGURI, Nigeria, June 3 (Lake Chad Reporter) - Jihadists raided two villages "
            "in Borno state on Monday, killing 12 people in Konduga, where a local official "
            "said the victims were farmers, and seven in Bama, a vigilante leader said.")
    got = sorted((e.location, e.fatalities) for e in every_event(text, "2025-06-03"))
    assert got == [("Bama", 7), ("Konduga", 12)]


def test_places_joined_with_one_toll_are_an_event_each_sharing_it():
    """ACLED codes an event per place; a toll told for both is split evenly (the remainder to
    the first), so the rows add up to the report's figure."""
    text = ("KADUNA, Nigeria, May 14 (Savannah Wire) - Gunmen killed nine villagers in raids "
            "on Kauru and Kajuru on Tuesday, police said.")
    got = sorted((e.location, e.fatalities) for e in every_event(text, "2025-05-14"))
    assert got == [("Kajuru", 4), ("Kauru", 5)]


def test_protests_in_two_cities_are_two_events():
    text = ("ISTANBUL, Nov 26 (Bosporus Wire) - Police detained dozens of people on Tuesday as "
            "they broke up marches in Istanbul and Ankara against a new media law, rights "
            "groups said.")
    got = sorted((e.location, e.sub_event_type) for e in every_event(text, "2025-11-26"))
    assert [g[0] for g in got] == ["Ankara", "Istanbul"]
    assert len({g[1] for g in got}) == 1


def test_a_road_between_two_towns_is_one_place():
    text = ("BAHIR DAR, Sept 13 (Highland Wire) - A drone strike hit a minibus on the road "
            "between Merawi and Bahir Dar on Friday, killing nine passengers, residents said.")
    assert len(every_event(text, "2025-09-13")) == 1


def test_a_title_line_naming_two_places_is_not_split():
    text = ("Violent Friday: 11 dead in clashes in Culiacan and Navolato\n\nCULIACAN, Dec 13 "
            "(Pacific Wire) - Eleven people died on Friday in two armed confrontations in "
            "central Sinaloa, prosecutors said.")
    assert len(every_event(text, "2025-12-13")) == 1


def test_a_later_sentence_about_one_place_joins_its_item_with_its_own_toll():
    text = ("MAIDUGURI, Oct 14 (Lake Chad Wire) - Ten soldiers were killed when ISWAP "
            "fighters launched coordinated attacks on military bases in Dikwa and Marte on "
            "Monday. The insurgents struck the Dikwa camp at about 4 a.m., killing seven "
            "soldiers. At almost the same time, another group of fighters attacked the "
            "military base in Marte, killing three soldiers.")
    got = sorted((e.location, e.fatalities) for e in every_event(text, "2025-10-14"))
    assert got == [("Dikwa", 7), ("Marte", 3)]


def test_a_place_near_another_is_not_an_item():
    text = ("KADUNA, Nigeria, May 14 (Savannah Wire) - Gunmen killed nine villagers in Kauru, "
            "near Kajuru, on Tuesday, police said, and three of the dead were children.")
    events = every_event(text, "2025-05-14")
    assert [e.fatalities for e in events] == [9]


def test_today_and_yesterday_at_two_villages_are_two_events():
    text = ("Statement of the Youth Council of Wad Madani\n\nToday, Monday 6 October, fighters "
            "of the militia stormed the village of Um Dugal Teeba, east of Rufaa, opening fire "
            "on residents. Yesterday, Sunday, the same militia attacked the village of Hillat "
            "Karbab Zeen, near Tamboul, killing 12 citizens.")
    events = every_event(text, "2025-10-06")
    assert sorted(e.event_date for e in events) == [dt.date(2025, 10, 5), dt.date(2025, 10, 6)]
    second = next(e for e in events if e.event_date == dt.date(2025, 10, 5))
    assert second.location == "Hillat Karbab Zeen" and second.fatalities == 12


def test_dates_told_twice_or_as_a_night():
    r = DateResolver()
    pub = dt.date(2025, 10, 6)  # a Monday
    cases = {
        "Today, Monday 6 October": dt.date(2025, 10, 6),
        "Yesterday, Sunday": dt.date(2025, 10, 5),
        "the night of 2 to 3 October": dt.date(2025, 10, 2),
        "between 2 and 3 October": dt.date(2025, 10, 2),
        "the early hours of Saturday": dt.date(2025, 10, 4),
        "the evening of 1 October 2025": dt.date(2025, 10, 1),
    }
    for text, day in cases.items():
        got = r.resolve(text, pub)
        assert got is not None and got.date == day and got.precision == 1, text


def test_a_blast_hours_later_with_its_own_dead_is_another_event():
    text = ("MOGADISHU, May 20 (Wire) - A suicide car bomber struck a military checkpoint in "
            "Mogadishu on Tuesday morning, killing at least seven soldiers, police said.\n\n"
            "Hours later, a bomb hidden in a cart exploded in a market, killing three traders, "
            "witnesses said.")
    got = sorted((e.sub_event_type, e.fatalities) for e in every_event(text, "2025-05-20"))
    assert got == [("Remote explosive/landmine/IED", 3), ("Suicide bomb", 7)]


def test_a_toll_risen_to_after_a_long_phrase():
    text = ("MOGADISHU - The death toll from Tuesday's suicide car bombing at an army checkpoint "
            "in Mogadishu has risen to nine, a hospital official said.")
    assert [e.fatalities for e in every_event(text, "2025-05-21")] == [9]


def test_a_town_hit_again_the_next_day_is_another_event():
    text = ("LIVE | Saturday, 6 December 2025\n\n09:12 Toll rises to six. The number of people "
            "killed in Friday evening's Russian drone strike on an apartment block in "
            "Zaporizhzhia has risen to six after two more bodies were recovered overnight, "
            "rescuers said.\n\n15:26 Guided bombs hit Zaporizhzhia again. Russian aircraft "
            "dropped guided bombs on an industrial area of Zaporizhzhia this afternoon, killing "
            "two workers, the regional administration said.")
    got = sorted((e.event_date, e.fatalities) for e in every_event(text, "2025-12-06"))
    assert got == [(dt.date(2025, 12, 5), 6), (dt.date(2025, 12, 6), 2)]


def test_a_second_attack_in_a_series_of_drone_strikes_is_a_drone_strike():
    text = ("PORT SUDAN, Nov 29 (Wire) - Drone strikes blamed on the Rapid Support Forces killed "
            "at least 17 people at a funeral in El Obeid on Saturday, medics said.\n\nIn the "
            "evening, a second attack struck a fuel depot used by the army near El Obeid "
            "airport, starting a fire, a military source said.")
    events = every_event(text, "2025-11-29")
    assert [e.sub_event_type for e in events] == ["Air/drone strike", "Air/drone strike"]
    assert sorted(e.fatalities for e in events) == [0, 17]


def test_an_event_told_a_day_after_another_in_one_sentence():
    """"A shell hit a market on Wednesday, ..., a day after shelling of another district
    killed three": two events, the second dated a day before the first."""
    text = ("ADEN, Yemen, Nov 26 (Wire) - A shell fired by the Houthis hit a crowded market in "
            "the city of Taiz on Wednesday, killing one man, a day after Houthi shelling of "
            "another district of the city killed three civilians, health officials said.")
    got = sorted((e.event_date, e.fatalities) for e in every_event(text, "2025-11-26"))
    assert got == [(dt.date(2025, 11, 25), 3), (dt.date(2025, 11, 26), 1)]


def test_a_retelling_that_came_a_day_after_another_event():
    """"The shelling came a day after a man was killed by artillery fire": the shelling is the
    one told before; the man killed the day before is another shelling, dated from it."""
    text = ("Kherson, 12 March 2026. A 54-year-old woman was killed on Wednesday when a Russian "
            "shell struck her house in the Dniprovskyi district, the regional administration "
            "said. The shelling came a day after a 70-year-old man was killed by artillery fire "
            "near the central market.")
    events = every_event(text, "2026-03-12")
    got = sorted((e.event_date, e.sub_event_type) for e in events)
    assert got == [(dt.date(2026, 3, 10), "Shelling/artillery/missile attack"),
                   (dt.date(2026, 3, 11), "Shelling/artillery/missile attack")]


def test_a_date_the_model_tagged_in_part_and_a_named_village():
    """"on Saturday, 15 November 2025" ("15" a number, "November 2025" a month to the model)
    is the 15th; "Kisimba village, 8 km from Mangina" is Kisimba."""
    text = ("CIVIL SOCIETY OF BENI TERRITORY\nMangina, 16/11/2025\n\nThe civil society informs "
            "public opinion that on Saturday, 15 November 2025, at around 10 am, ADF terrorists "
            "attacked farmers in the fields of Kisimba village, 8 km from Mangina. Six (6) "
            "people were killed.")
    events = every_event(text, "2025-11-16")
    assert [(e.event_date, e.location, e.fatalities) for e in events] == [
        (dt.date(2025, 11, 15), "Kisimba", 6)]


def test_the_country_of_a_place_is_no_attacker() -> None:
    """"a day after a missile attack on the northeastern Ukrainian city killed seven": the
    city's country is not the attacker; the strike told with no attacker after a Russian one
    in the same report is Russian too."""
    text = ("KYIV, March 14 (Wire) - A Russian missile struck a warehouse in Kharkiv on Friday "
            "morning, killing two workers, officials said, a day after a missile attack on a "
            "residential area of the northeastern Ukrainian city killed five people.")
    events = every_event(text, "2026-03-14")
    assert len(events) == 2
    assert {e.actor1 for e in events} == {"Military Forces of Russia"}


def test_a_total_broken_down_by_place_after_a_colon():
    # the total first, then its parts place by place after the colon (and after "said:":
    # the places are what the report says, not where it was said)
    text = ("YANGON, March 4 (Irrawaddy Desk) - Military air strikes on two places in the "
            "Sagaing region on Monday killed at least 12 civilians, rescue workers said: nine in "
            "a village in Kanbalu township and three at a market in the town of Ye-U.")
    got = sorted((e.location, e.fatalities) for e in every_event(text, "2025-03-04"))
    assert got == [("Kanbalu", 9), ("Ye-u", 3)]


def test_a_breakdown_that_does_not_add_up_is_not_split():
    text = ("YANGON, March 4 (Irrawaddy Desk) - Military air strikes in the Sagaing region on "
            "Monday killed at least 12 civilians, rescue workers said: nine in a village in "
            "Kanbalu township and five at a market in the town of Ye-U.")
    assert len(every_event(text, "2025-03-04")) == 1
