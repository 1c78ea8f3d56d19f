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


def test_a_name_coordinated_with_a_place_is_a_place(nlp, geoparser):
    text = "Coalition officials discussed the campaigns for Basra and Kirkuk in Baghdad."
    places = _parse_with_label(nlp, geoparser, text, "Kirkuk", "PERSON")
    assert places and places[0].country_code == "IQ"


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


def test_a_town_the_model_calls_a_work_of_art_after_a_locative_verb(nlp, geoparser):
    text = "Government forces shelled Daraa on Monday."
    places = _parse_with_label(nlp, geoparser, text, "Daraa", "WORK_OF_ART")
    assert places and places[0].country_code == "SY"


def test_turkish_dotless_i_folds_like_english_spelling():
    from eventcoder.geo.text import fold, name_key

    assert fold("Şırnak") == "Sirnak" and name_key("Diyarbakır") == "diyarbakir"


def test_a_verb_of_advance_before_on_makes_an_objective(nlp, geoparser):
    text = "Islamic State fighters advanced on Palmyra on Sunday."
    places = _parse_with_label(nlp, geoparser, text, "Palmyra", "PERSON")
    assert places and places[0].country_code == "SY"


@pytest.mark.parametrize("text,name", [
    ("Ten soldiers were killed in western Raqqah on Sunday.", "Raqqah"),
    ("Barrel bombs fell in rural Daraa overnight.", "Daraa"),
    ("Fighting continued in the northern Idlib countryside.", "Idlib"),
])
def test_an_area_adjective_between_locative_and_name(nlp, geoparser, text, name):
    places = _parse_with_label(nlp, geoparser, text, name, "PERSON")
    assert places and places[0].country_code == "SY"
