"""Adjectives of macro-regions ("West African", "Soviet") name the region, associatively."""

from __future__ import annotations

import csv

import pytest

from eventcoder.geo.defaults import data_file


@pytest.mark.parametrize("text,word,region", [
    ("West African leaders met in Abuja on Monday.", "West African", "West Africa"),
    ("Central American migrants reached the border.", "Central American", "Central America"),
    ("Soviet troops left Kabul in 1989.", "Soviet", "Soviet Union"),
    ("North American markets fell on Friday.", "North American", "North America"),
])
def test_region_adjective_is_an_associative_use_of_the_region(nlp, geoparser, text, word,
                                                               region):
    places = {p.text: p for p in geoparser.parse(nlp(text))}
    assert places[word].name == region and places[word].role == "associative"


def test_a_region_that_is_also_an_adjective_stays_literal_as_a_name(nlp, geoparser):
    places = {p.text: p for p in geoparser.parse(nlp("Migrants drowned in the Mediterranean."))}
    assert places["Mediterranean"].role == "literal"


def test_every_region_demonym_names_a_curated_region(tiny_geoparser):
    # curated regions are entries of the shipped overlay, which the geoparser loads over any
    # gazetteer: the tiny one is enough to check the shipped demonyms against it
    with data_file("demonyms.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["place"]]
    assert len(rows) >= 20
    for row in rows:
        assert tiny_geoparser.recognizer.curated_region(row["place"]) is not None, row
