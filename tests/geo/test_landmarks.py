"""Seats of power and well-known compounds: the city they stand in, literal only as a place."""

from __future__ import annotations

import pytest


def _places(nlp, geoparser, text):
    return {p.text: p for p in geoparser.parse(nlp(text))}


@pytest.mark.parametrize("text,name,city,cc,role", [
    ("Protesters gathered outside the White House on Sunday.", "White House", "Washington",
     "US", "literal"),
    ("The White House said the strikes would continue.", "White House", "Washington", "US",
     "associative"),
    ("A statement from the Kremlin denied the report.", "Kremlin", "Moscow", "RU",
     "associative"),
    ("Rockets landed inside the Green Zone overnight, police said.", "Green Zone", "Baghdad",
     "IQ", "literal"),
])
def test_seat_of_power_resolves_to_its_city(nlp, geoparser, text, name, city, cc, role):
    place = _places(nlp, geoparser, text)[name]
    assert (place.name, place.country_code, place.role) == (city, cc, role)


def test_a_town_named_like_a_landmark_keeps_its_state(nlp, geoparser):
    place = _places(nlp, geoparser, "White House, Tennessee, approved a new budget.")
    assert place["White House"].admin1 == "Tennessee"


@pytest.mark.parametrize("text,name", [
    ("Iraq striker Aymen Hassan scored twice in the second half.", "Iraq"),
    ("Leeds fans sang for ninety minutes.", "Leeds"),
    ("Basra's goalkeeper saved a penalty.", "Basra"),
])
def test_a_place_before_a_team_noun_is_a_team(nlp, geoparser, text, name):
    assert _places(nlp, geoparser, text)[name].role == "associative"


def test_residents_and_police_of_a_place_stay_literal(nlp, geoparser):
    places = _places(nlp, geoparser, "Kirkuk residents fled as Tikrit police closed roads.")
    assert places["Kirkuk"].role == "literal" and places["Tikrit"].role == "literal"
