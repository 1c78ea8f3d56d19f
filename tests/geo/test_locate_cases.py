"""Event geolocation (``eventcoder.geo.locate``) on sentences written for these tests: a
country gives way to a place inside it, actor qualifiers are no event places, approximate
spots are precision 2, a demonym of a place noun is its country."""

from __future__ import annotations

import pytest

from eventcoder.geo.locate import is_qualifier
from eventcoder.schema import EventMention, Place, Span


def _mention(doc, trigger: str, place: str | None = None) -> EventMention:
    """A mention whose trigger is the first ``trigger`` of the text; ``place`` is the span
    the extractor attached, if any; its sentence is the whole text (as for a multi-sentence
    mention)."""
    text = doc.text
    i = text.index(trigger)
    ps = None
    if place is not None:
        j = text.index(place)
        ps = Span(start=j, end=j + len(place), text=place)
    return EventMention(article_id="t", sentence=Span(start=0, end=len(text), text=text),
                        trigger=Span(start=i, end=i + len(trigger), text=trigger),
                        sub_event_type="Armed clash", place_span=ps)


def _locate(nlp, geoparser, text: str, trigger: str, place: str | None = None):
    doc = nlp(text)
    return geoparser.locate(doc, _mention(doc, trigger, place), geoparser.parse(doc))


def test_country_gives_way_to_its_possessed_place(nlp, geoparser):
    loc = _locate(nlp, geoparser, "Suspected herders killed ten people in Nigeria's Benue "
                  "state on Sunday.", "killed", "Nigeria")
    assert loc.location == "Benue" and loc.country == "Nigeria"
    assert loc.geo_precision == 3  # a state


def test_country_gives_way_to_a_town_attached_to_the_trigger(nlp, geoparser):
    loc = _locate(nlp, geoparser, "Heavy clashes erupted in Iraq, in the city of Mosul, on "
                  "Friday.", "clashes", "Iraq")
    assert loc.location == "Mosul" and loc.geo_precision == 1


def test_country_gives_way_to_the_most_specific_place_of_the_paragraph(nlp, geoparser):
    text = ("A drone strike killed six fighters in Afghanistan on Monday. The missile hit a "
            "compound in Imam Sahib district of Kunduz province, officials said.")
    loc = _locate(nlp, geoparser, text, "drone strike", "Afghanistan")
    assert loc.location == "Imam Sahib"  # the district, more specific than the province
    assert loc.geo_precision == 2
    assert "Afghanistan" in loc.reason


def test_country_stays_when_the_text_names_nothing_inside_it(nlp, geoparser):
    text = "Gunmen killed five soldiers in Iraq. Officials in Ankara condemned the attack."
    loc = _locate(nlp, geoparser, text, "killed", "Iraq")
    assert loc.location == "Iraq" and loc.geo_precision == 3


def test_place_qualifying_an_actor_is_not_the_event_place(nlp, geoparser):
    loc = _locate(nlp, geoparser, "A Kabul-based reporter was shot dead in Herat on Tuesday.",
                  "shot", "Kabul")
    assert loc.location == "Herat"
    loc = _locate(nlp, geoparser, "A Damascus-bound convoy was ambushed near Homs at dawn.",
                  "ambushed")
    assert loc.location == "Homs" and loc.geo_precision == 2


def test_is_qualifier():
    text = "An Iran-backed group and a Saudi-led force met the Baghdad-Basra train in Kut."
    iran = Place(start=3, end=7, text="Iran")
    saudi = Place(start=27, end=32, text="Saudi")
    baghdad = Place(start=51, end=58, text="Baghdad")
    assert is_qualifier(text, iran) and is_qualifier(text, saudi)
    assert not is_qualifier(text, baghdad)
    text = "Pro-Kiev forces shelled the town."
    assert is_qualifier(text, Place(start=4, end=8, text="Kiev"))


@pytest.mark.parametrize("text", [
    "Gunmen killed three police officers near Kano on Monday.",
    "Gunmen killed three police officers on the outskirts of Kano on Monday.",
    "Gunmen killed three police officers in the Kano countryside on Monday.",
])
def test_approximate_spot_is_precision_2(nlp, geoparser, text):
    loc = _locate(nlp, geoparser, text, "killed", "Kano")
    assert loc.location == "Kano" and loc.geo_precision == 2


def test_town_itself_stays_precision_1(nlp, geoparser):
    loc = _locate(nlp, geoparser, "Gunmen killed three police officers in Kano on Monday.",
                  "killed", "Kano")
    assert loc.location == "Kano" and loc.geo_precision == 1


def test_demonym_of_a_place_noun_is_the_country(nlp, geoparser):
    loc = _locate(nlp, geoparser, "At least nine soldiers were killed in the Afghan western "
                  "province overnight - officials.", "killed")
    assert loc.country == "Afghanistan" and loc.geo_precision == 3
    loc = _locate(nlp, geoparser, "Nine fighters died in clashes with troops in the Afghan "
                  "south.", "clashes")
    assert loc.country == "Afghanistan" and loc.geo_precision == 3
    loc = _locate(nlp, geoparser, "Afghan police officers killed nine militants overnight.",
                  "killed")
    assert loc.latitude is None  # "Afghan police": whose, not where


def test_preposition_beats_an_actor_attribute(nlp, geoparser):
    loc = _locate(nlp, geoparser, "Sudan SPLA rebels kill dozens in eastern Chad.", "kill")
    assert loc.country == "Chad"


def test_an_actors_origin_is_not_the_event_place(nlp, geoparser):
    loc = _locate(nlp, geoparser, "Soldiers from Chad were killed in an ambush in Niger's "
                  "Tillaberi region.", "ambush", "Chad")
    assert loc.country == "Niger" and loc.location == "Tillaberi"


def test_an_areas_possessive_names_the_smaller_place(nlp, geoparser):
    loc = _locate(nlp, geoparser, "Gunmen killed five people in Zamfara state's Anka town "
                  "on Friday.", "killed", "Zamfara state")
    assert loc.location == "Anka" and loc.geo_precision == 1
    loc = _locate(nlp, geoparser, "Gunmen killed five people in Zamfara state's Anka area "
                  "on Friday.", "killed", "Zamfara state")
    assert loc.location == "Anka" and loc.geo_precision == 2


def test_country_stays_when_the_document_names_places_all_over_it(nlp, geoparser):
    text = ("Gunmen killed seven people in Nigeria on Monday.\n\nIn a separate case, police in "
            "Kano arrested two suspects.\n\nIn Lagos, traders protested against new taxes.")
    loc = _locate(nlp, geoparser, text, "killed", "Nigeria")
    assert loc.location == "Nigeria" and loc.geo_precision == 3
    text = ("Gunmen killed seven people in Nigeria on Monday.\n\nThe attack hit a village "
            "near Maiduguri, the Borno state capital.")
    loc = _locate(nlp, geoparser, text, "killed", "Nigeria")
    assert loc.location == "Maiduguri" and loc.geo_precision == 2


def test_province_named_in_the_text_keeps_province_precision(nlp, geoparser):
    loc = _locate(nlp, geoparser, "Ten rebels surrendered to troops in Turkey's southeastern "
                  "province of Sirnak on Sunday.", "surrendered", "Turkey")
    assert loc.country == "Turkey" and loc.geo_precision == 3
    loc = _locate(nlp, geoparser, "Gunmen killed two policemen in Mosul on Monday.", "killed",
                  "Mosul")
    assert loc.geo_precision == 1


@pytest.mark.parametrize("text", [
    "Gunmen killed five villagers in Nigeria, the information minister told reporters in Abuja.",
    "Gunmen killed five villagers in Nigeria, according to officials in Abuja.",
    "Gunmen killed five villagers in Nigeria on Monday. The minister condemned the attack in a "
    "statement in Abuja.",
])
def test_where_it_was_told_does_not_refine_the_country(nlp, geoparser, text):
    loc = _locate(nlp, geoparser, text, "killed", "Nigeria")
    assert loc.location == "Nigeria" and loc.geo_precision == 3


def test_where_it_was_told_is_no_better_than_the_sentence(nlp, geoparser):
    loc = _locate(nlp, geoparser, "Gunmen killed five villagers, police in Kaduna said on "
                  "Monday.", "killed", "Kaduna")
    assert loc.location == "Kaduna" and loc.geo_precision == 2  # not the extractor's pick
    loc = _locate(nlp, geoparser, "Gunmen killed two reporters in Kabul on Monday.", "killed",
                  "Kabul")
    assert loc.location == "Kabul" and loc.geo_precision == 1


def test_a_feature_of_no_country_gives_way_to_an_attached_country(nlp, geoparser):
    loc = _locate(nlp, geoparser, "Turkish warplanes struck villages east of the Euphrates in "
                  "Syria, killing five.", "struck", "Euphrates")
    assert loc.country == "Syria"


def test_a_district_named_before_its_region_is_the_place(nlp, geoparser):
    """"the municipality of X, Y": the municipality (a second-level area) inside the state
    the extractor attached, not the state."""
    loc = _locate(nlp, geoparser, "Soldiers on patrol on the outskirts of the municipality of "
                  "Apatzingán, Michoacán, were attacked with firearms by gunmen on Thursday.",
                  "attacked", "Michoacán")
    assert loc.location == "Apatzingan" and loc.geo_precision == 2
