"""Lookup, homonyms and admin containment on the tiny gazetteer (tests/data/gazetteer: real
GeoNames rows of Iraqi and Syrian towns, their governorates, a few far homonyms, countries),
built by eventcoder's own builder; no default gazetteer needed."""

from __future__ import annotations

import pytest

from eventcoder.geo.gazetteer import KIND_ALT, KIND_NAME, KIND_OVERLAY


def _ids(gz, name: str) -> list[int]:
    return [c.geonames_id for c in gz.lookup(name)]


def test_the_build_holds_every_row_and_code(tiny_gazetteer):
    assert tiny_gazetteer.count() == 52
    assert set(tiny_gazetteer.countries) == {"IQ", "SY", "LB", "LY", "US"}
    assert tiny_gazetteer.meta["schema"] == "2"


@pytest.mark.parametrize(("town", "cc", "governorate"), [
    ("Baqubah", "IQ", "Diyala"),
    ("Tikrit", "IQ", "Salah ad Din"),
    ("Tuz Khurmatu", "IQ", "Salah ad Din"),
    ("Mosul", "IQ", "Nineveh"),
    ("Fallujah", "IQ", "Al Anbar"),
    ("Tadmur", "SY", "Homs"),
    ("Jisr ash Shughur", "SY", "Idlib"),
])
def test_a_town_lies_in_its_governorate(tiny_gazetteer, town, cc, governorate):
    (c,) = tiny_gazetteer.lookup(town)
    assert c.country_code == cc and c.feature_class == "P"
    assert tiny_gazetteer.admin1_name(cc, c.admin1_code) == governorate


def test_names_alternate_names_and_article_less_forms(tiny_gazetteer):
    assert _ids(tiny_gazetteer, "Palmyra") == _ids(tiny_gazetteer, "Tadmur") == [163808]
    assert tiny_gazetteer.lookup("Palmyra")[0].kind == KIND_ALT
    assert tiny_gazetteer.lookup("Tadmur")[0].kind == KIND_NAME
    assert _ids(tiny_gazetteer, "Fallujah") == _ids(tiny_gazetteer, "Al Fallujah") == [99454]
    assert _ids(tiny_gazetteer, "Baquba") == [97990]
    # loose forms: transliteration variants of Ma'arrat an Nu'man
    assert _ids(tiny_gazetteer, "Maarat al-Numan") == [167611]


def test_far_homonyms_are_all_candidates_the_place_s_own_name_first(tiny_gazetteer):
    tripoli = tiny_gazetteer.lookup("Tripoli")
    assert {c.country_code for c in tripoli} == {"LB", "LY"}
    assert tripoli[0].country_code == "LY"  # same kind of match: the bigger one first
    homs = tiny_gazetteer.lookup("Homs")
    assert [c.country_code for c in homs][:2] == ["SY", "LY"]  # Al Khums is "Homs" too
    assert homs[0].kind == KIND_NAME and homs[1].kind == KIND_ALT
    lebanon = tiny_gazetteer.lookup("Lebanon")
    assert lebanon[0].is_country and {c.country_code for c in lebanon[1:]} == {"US"}
    assert {c.country_code for c in tiny_gazetteer.lookup("Damascus")} == {"SY", "US"}


def test_countries_governorates_and_capitals_are_places(tiny_gazetteer):
    (iraq,) = tiny_gazetteer.lookup("Iraq")
    assert iraq.is_country and iraq.geonames_id == 99237
    assert tiny_gazetteer.country_name("SY") == "Syria"
    assert tiny_gazetteer.capital("IQ").name == "Baghdad"
    assert tiny_gazetteer.capital("SY").name == "Damascus"
    (diyala,) = tiny_gazetteer.lookup("Diyala")
    assert diyala.is_admin and diyala.feature_code == "ADM1" and diyala.admin1_code == "10"
    kirkuk = tiny_gazetteer.lookup("Kirkuk")
    assert {c.feature_code for c in kirkuk} == {"PPLA", "ADM1"}
    assert tiny_gazetteer.get(98410).is_admin  # Kirkuk governorate by id


def test_the_shipped_overlay_loads_over_the_tiny_gazetteer(tiny_geoparser):
    gz = tiny_geoparser.gazetteer
    (salahuddin,) = gz.lookup("Salahuddin")  # an alias row of the ADM1 place 91695
    assert salahuddin.geonames_id == 91695 and salahuddin.kind == KIND_OVERLAY
    hawija = gz.lookup("Hawija")  # an alias row of the town Al Hawijah
    assert hawija[0].geonames_id == 390188 and hawija[0].kind == KIND_OVERLAY
    assert gz.count() == 52  # the overlay is not written into the file
