"""Words around a name that make it a place whatever the model's entity label says.

The small English model labels some towns as persons or organisations; these tests set the
wrong label by hand so that they do not depend on what the model happens to predict."""

from __future__ import annotations

import pytest
from spacy.tokens import Span


def _parse_with_label(nlp, geoparser, text: str, name: str, label: str, occurrence: int = 0):
    doc = nlp(text)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    others = [e for e in doc.ents if e.end <= span.start or e.start >= span.end]
    doc.ents = [*others, Span(doc, span.start, span.end, label=label)]
    return [p for p in geoparser.parse(doc) if p.start == start and p.role == "literal"]


@pytest.mark.parametrize("text,name", [
    ("Kurdish fighters advanced to within ten kilometres north of Kirkuk on Sunday.", "Kirkuk"),
    ("Shelling hit the outskirts of Mosul overnight, residents said.", "Mosul"),
    ("Convoys were ambushed on the way to Tikrit, officials said.", "Tikrit"),
    ("Commanders said the battle for Ramadi would take months.", "Ramadi"),
    ("The army announced a new offensive on Fallujah at dawn.", "Fallujah"),
])
def test_locative_phrases_make_a_mislabelled_name_a_place(nlp, geoparser, text, name):
    for label in ("PERSON", "ORG"):
        places = _parse_with_label(nlp, geoparser, text, name, label)
        assert places and places[0].country_code == "IQ", (label, places)


@pytest.mark.parametrize("text,name,label,cc", [
    # joined by "and" to a place entity
    ("Coalition officials discussed the campaigns for Basra and Kirkuk in Baghdad.", "Kirkuk",
     "PERSON", "IQ"),
    # any label after a locative verb
    ("Government forces shelled Daraa on Monday.", "Daraa", "WORK_OF_ART", "SY"),
    # a verb of advance before "on" makes an objective
    ("Islamic State fighters advanced on Palmyra on Sunday.", "Palmyra", "PERSON", "SY"),
    # an area adjective between the locative word and the name
    ("Ten soldiers were killed in western Raqqah on Sunday.", "Raqqah", "PERSON", "SY"),
    ("Barrel bombs fell in rural Daraa overnight.", "Daraa", "PERSON", "SY"),
    ("Fighting continued in the northern Idlib countryside.", "Idlib", "PERSON", "SY"),
])
def test_context_makes_a_mislabelled_name_a_place(nlp, geoparser, text, name, label, cc):
    places = _parse_with_label(nlp, geoparser, text, name, label)
    assert places and places[0].country_code == cc


@pytest.mark.parametrize("text,name", [
    ("The memoir tells the story of Kirkuk Smith, a carpenter.", "Kirkuk Smith"),
    ("The race for Mayor Tikrit Jones is close.", "Tikrit Jones"),
])
def test_person_names_after_other_words_stay_persons(nlp, geoparser, text, name):
    assert _parse_with_label(nlp, geoparser, text, name, "PERSON") == []


@pytest.mark.parametrize("text,name,code", [
    ("Gunmen killed 12 villagers in Katsina state on Sunday.", "Katsina state", "ADM1"),
    ("Troops entered the province of Sirnak after the clashes.", "Sirnak", "ADM1"),
    ("Fighters entered the town of Hit at dawn.", "Hit", "PPL"),
])
def test_the_admin_word_picks_the_level(nlp, geoparser, text, name, code):
    places = {p.text: p for p in geoparser.parse(nlp(text))}
    assert places[name].feature_code == code


@pytest.mark.parametrize("text", [
    "Iran state media reported the launch of a satellite.",
    "The dean of Columbia State welcomed the students.",
])
def test_state_as_a_modifier_or_a_college_is_no_admin_word(nlp, geoparser, text):
    places = geoparser.parse(nlp(text))
    assert not any(p.text.lower().endswith(" state") for p in places), places


def test_turkish_dotless_i_folds_like_english_spelling():
    from eventcoder.geo.text import fold, name_key

    assert fold("Şırnak") == "Sirnak" and name_key("Diyarbakır") == "diyarbakir"


def test_a_name_the_text_places_in_a_country_takes_that_reading_everywhere(nlp, geoparser):
    text = ("Troops raided a flat in the northern city of Tripoli on Monday, the army said. "
            "Iraqi and Syrian officials welcomed the raid. Tripoli, Lebanon's second-largest "
            "city, saw fighting in the past.")
    places = [p for p in geoparser.parse(nlp(text)) if p.text == "Tripoli"]
    assert len(places) == 2 and {p.country_code for p in places} == {"LB"}, places


def test_a_demonym_heading_an_organisations_name_is_its_country_not_a_place(nlp, geoparser):
    """"The Somali Police Force": the national police of Somalia, not Ethiopia's Somali
    region (read off dd2: a police statement's bombing placed in Ethiopia)."""
    text = "The Somali Police Force said a suicide bomber struck a checkpoint in Mogadishu."
    doc = nlp(text)
    org = doc.char_span(0, len("The Somali Police Force"))
    keep = [e for e in doc.ents if e.start >= org.end]
    doc.ents = [Span(doc, org.start, org.end, label="ORG"), *keep]
    places = geoparser.parse(doc)
    somali = [p for p in places if p.text == "Somali"]
    assert somali and all(p.role == "associative" and p.country_code == "SO" for p in somali)
    assert not [p for p in places if p.role == "literal" and p.country_code == "ET"]


def test_a_dateline_dash_glued_to_a_place_entity_is_cut_off(nlp, geoparser):
    """The small model reads "Northern Samar - Two" as one place; cut at the lone dash, the
    province is found and tells which Las Navas the dateline means (the Philippines', not
    Spain's Las Navas del Marques)."""
    text = ("LAS NAVAS, Northern Samar - Two soldiers died when rebels opened fire on an army "
            "patrol on Friday, police said.")
    places = _parse_with_label(nlp, geoparser, text, "Northern Samar - Two", "LOC")
    assert [p.text for p in places] == ["Northern Samar"] and places[0].country_code == "PH"


def test_a_place_entity_cut_short_is_grown_to_the_gazetteer_name(nlp, geoparser):
    """"Las" tagged alone in "in Las Navas": grown over the next capitalised word to the name
    the gazetteer knows; a name the entity already is is left alone."""
    text = "Rebels ambushed an army patrol in Las Navas, Northern Samar, on Friday."
    places = _parse_with_label(nlp, geoparser, text, "Las", "GPE")
    assert [p.text for p in places] == ["Las Navas"] and places[0].country_code == "PH"
    text = "Shelling hit Kharkiv Oblast overnight."
    places = _parse_with_label(nlp, geoparser, text, "Kharkiv", "GPE")
    assert places and places[0].country_code == "UA"
