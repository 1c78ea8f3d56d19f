"""Water bodies, macro-regions, historical states and news abbreviations in the geoparser.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from eventcoder.export import csv_row, write_events
from eventcoder.extract.rows import build_event
from eventcoder.geo.defaults import data_file
from eventcoder.geo.locate import base_precision
from eventcoder.geo.recognize import is_region_feature
from eventcoder.schema import Article, EventMention, Place, Span


def _places(nlp, geoparser, text: str) -> dict[str, Place]:
    return {p.text: p for p in geoparser.parse(nlp(text))}


def _mention(text: str, trigger: str, sentence_start: int = 0) -> EventMention:
    t = text.index(trigger, sentence_start)
    end = text.find(". ", t)
    end = len(text) if end < 0 else end + 1
    return EventMention(
        article_id="r1", sentence=Span(start=sentence_start, end=end,
                                       text=text[sentence_start:end]),
        trigger=Span(start=t, end=t + len(trigger), text=trigger),
        sub_event_type="Remote explosive/landmine/IED", event_date=dt.date(2024, 1, 9))


# -- the overlay file ------------------------------------------------------------------------------

def _overlay_rows() -> list[dict[str, str]]:
    with data_file("overlay.csv").open(encoding="utf-8-sig", newline="") as fh:
        return [r for r in csv.DictReader(fh) if (r.get("name") or "").strip()
                and not r["name"].lstrip().startswith("#")]


def test_overlay_rows_are_well_formed():
    rows = _overlay_rows()
    seen: set[tuple[str, str]] = set()
    for line, r in enumerate(rows, start=2):
        key = (r["name"].strip(), r["geonames_id"].strip())
        assert key not in seen, f"duplicate overlay row {key} (data row {line})"
        seen.add(key)
        assert (r.get("source") or "").strip(), f"{r['name']}: empty source"
        if r["latitude"].strip() or r["longitude"].strip():
            lat, lon = float(r["latitude"]), float(r["longitude"])
            assert -90 <= lat <= 90 and -180 <= lon <= 180, r["name"]
            assert r["feature_class"].strip() and r["feature_code"].strip(), r["name"]
        else:
            assert r["geonames_id"].strip().isdigit(), f"{r['name']}: alias without an id"


def test_every_overlay_row_loads_into_the_default_gazetteer(geoparser):
    gz = geoparser.gazetteer
    for r in _overlay_rows():
        gid = r["geonames_id"].strip()
        if gid and not r["latitude"].strip():  # an alias: the place must exist
            assert gz.get(int(gid)) is not None, f"{r['name']}: id {gid} not in the gazetteer"
        top = gz.lookup(r["name"])
        assert top and top[0].kind == 4, f"{r['name']}: the overlay entry is not found first"


def test_region_rows_have_no_country_unless_inside_one():
    for r in _overlay_rows():
        if r["feature_code"] in ("OCN", "SEA", "PCLH") or r["name"] in (
                "Middle East", "Sahel", "Horn of Africa", "Balkans", "Caucasus"):
            assert not r["country_code"].strip(), f"{r['name']} spans several countries"


# -- recognition and resolution ---------------------------------------------------------------------

@pytest.mark.parametrize("text, name, code", [
    ("Houthi fighters fired two missiles at a tanker in the Red Sea on Friday.",
     "Red Sea", "SEA"),
    ("Pirates boarded a bulk carrier in the Gulf of Aden before dawn.", "Gulf of Aden", "GULF"),
    ("The navy escorted four tankers through the Strait of Hormuz.", "Strait of Hormuz", "STRT"),
    ("Aid agencies warned of famine across the Horn of Africa.", "Horn of Africa", "RGN"),
    ("Armed groups have spread south across the Sahel since 2012.", "Sahel", "RGN"),
    ("A drone was downed over the Black Sea, the ministry said.", "Black Sea", "SEA"),
    ("Insurers raised rates for ships passing the Bab al-Mandab strait.", "Bab al-Mandab",
     "STRT"),
    ("Turkish aircraft bombed targets in the Qandil Mountains overnight.", "Qandil Mountains",
     "MTS"),
])
def test_water_bodies_and_regions_are_found_and_resolved(nlp, geoparser, text, name, code):
    places = _places(nlp, geoparser, text)
    assert name in places, list(places)
    p = places[name]
    assert p.feature_code == code and p.role == "literal"
    assert p.feature_class in ("H", "T", "L")


def test_red_sea_is_the_sea_not_a_village_or_a_province(nlp, geoparser):
    p = _places(nlp, geoparser, "Two ships were struck in the Red Sea.")["Red Sea"]
    assert (p.feature_class, p.feature_code, p.country_code) == ("H", "SEA", None)
    assert p.geonames_id == 350155
    # "Red Sea state" is still Sudan's province
    q = _places(nlp, geoparser, "Floods hit the Red Sea state of Sudan.")["Red Sea state"]
    assert q.feature_code == "ADM1" and q.country_code == "SD"


def test_macro_regions_and_historical_states(nlp, geoparser):
    text = ("Envoys from the Middle East, the Balkans and Latin America met in Geneva to discuss "
            "the legacy of the Soviet Union.")
    places = _places(nlp, geoparser, text)
    assert places["Middle East"].feature_code == "RGN"  # not Middle East, Maryland
    assert places["Balkans"].feature_code == "RGN"
    assert places["Latin America"].feature_code == "RGN"
    assert places["Soviet Union"].feature_code == "PCLH"
    assert places["Soviet Union"].country_code is None
    assert places["Geneva"].country_code == "CH"


def test_oceans_beat_same_name_towns_but_not_a_stated_container(nlp, geoparser):
    places = _places(nlp, geoparser, "Storms formed over the Atlantic and the Pacific.")
    assert places["Atlantic"].feature_code == "OCN"
    assert places["Pacific"].feature_code == "OCN"
    town = _places(nlp, geoparser, "The fair opened in Atlantic, Iowa, on Friday.")["Atlantic"]
    assert town.feature_class == "P" and town.country_code == "US"


def test_resolve_mode_spans_get_the_region(nlp, geoparser):
    text = "Migrants drowned in the Mediterranean."
    start = text.index("Mediterranean")
    [p] = geoparser.parse(nlp(text), spans=[(start, start + len("Mediterranean"))])
    assert p.geonames_id == 363196 and p.feature_code == "SEA"


def test_region_feature_classes():
    from eventcoder.geo.gazetteer import Candidate

    def cand(fc: str, code: str) -> Candidate:
        return Candidate(1, "x", 0.0, 0.0, fc, code, "", "", "", 0)

    assert is_region_feature(cand("H", "SEA")) and is_region_feature(cand("T", "MTS"))
    assert is_region_feature(cand("L", "RGN")) and is_region_feature(cand("A", "PCLH"))
    assert not is_region_feature(cand("L", "CONT")) and not is_region_feature(cand("P", "PPL"))
    assert not is_region_feature(cand("A", "ADM1"))


# -- event geolocation -----------------------------------------------------------------------------

def test_attack_in_the_red_sea_locates_there_at_region_precision(nlp, geoparser):
    text = "A cargo ship was attacked in the Red Sea on Tuesday."
    doc = nlp(text)
    places = geoparser.parse(doc)
    loc = geoparser.locate(doc, _mention(text, "attacked"), places)
    assert loc.location == "Red Sea" and loc.geo_precision == 3
    assert loc.country is None and loc.iso3 is None and loc.admin1 is None
    assert loc.geonames_id == 350155


def test_town_on_the_coast_beats_the_sea(nlp, geoparser):
    text = "An air strike hit a port near Hodeidah on the Red Sea coast, killing six."
    doc = nlp(text)
    places = geoparser.parse(doc)
    loc = geoparser.locate(doc, _mention(text, "strike"), places)
    assert loc.location == "Al Hudaydah", loc
    assert loc.country == "Yemen" and loc.geo_precision in (1, 2)


def test_town_in_the_sentence_beats_a_region(nlp, geoparser):
    text = "Across the Sahel, violence is rising; on Sunday gunmen killed nine people in Djibo."
    doc = nlp(text)
    places = geoparser.parse(doc)
    loc = geoparser.locate(doc, _mention(text, "killed"), places)
    assert loc.location == "Djibo", loc


def test_base_precision_of_regions():
    def place(fc: str | None, code: str | None) -> Place:
        return Place(start=0, end=1, text="x", feature_class=fc, feature_code=code)

    assert base_precision(place("H", "SEA")) == 3
    assert base_precision(place("T", "MTS")) == 3
    assert base_precision(place("L", "RGN")) == 3
    assert base_precision(place("A", "PCLH")) == 3
    assert base_precision(place("L", "AREA")) == 2  # "Eastern Ghouta"
    assert base_precision(place("P", "PPL")) == 1


def test_region_event_exports_to_acled_csv(nlp, geoparser):
    text = "A cargo ship was attacked in the Gulf of Aden on Tuesday."
    doc = nlp(text)
    loc = geoparser.locate(doc, _mention(text, "attacked"), geoparser.parse(doc))
    article = Article.from_text(text, id="r1", published=dt.date(2024, 1, 10))
    event = build_event(article, _mention(text, "attacked"), loc)
    row = csv_row(event)
    assert row["location"] == "Gulf of Aden" and row["country"] == "" and row["iso3"] == ""
    assert row["geo_precision"] == "3"
    out = io.StringIO()
    assert write_events([event], "csv", out) == 1
    assert "Gulf of Aden" in out.getvalue()


# -- abbreviations ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The bronze helmet dates from about 500 BC, the museum said.",
    "Settlers reached the valley around 2,000 BC.",
    "The walls were built in the 5th century BC.",
    "The coins are from 300 B.C. and were found in a cave.",
])
def test_bc_after_a_number_is_a_date(nlp, geoparser, text):
    places = geoparser.parse(nlp(text))
    assert not any(p.text.replace(".", "") == "BC" for p in places), places


def test_bc_alone_is_british_columbia(nlp, geoparser):
    places = _places(nlp, geoparser, "Wildfires forced evacuations across BC on Monday.")
    assert places["BC"].geonames_id == 5909050


def test_news_abbreviations(nlp, geoparser):
    places = _places(nlp, geoparser, "He flew from NYC to DC and later visited KSA.")
    assert places["NYC"].geonames_id == 5128581
    assert places["DC"].geonames_id == 4140963
    assert places["KSA"].country_code == "SA"


def test_one_word_region_as_a_bare_adjective_is_not_a_place(nlp, geoparser):
    places = _places(nlp, geoparser, "Doctors praised a Mediterranean diet rich in fish.")
    assert "Mediterranean" not in places
    places = _places(nlp, geoparser, "The Atlantic hurricane season ended early.")
    assert places["Atlantic"].feature_code == "OCN"


def _with_place_span(mention: EventMention, text: str, name: str) -> EventMention:
    s = text.index(name)
    return mention.model_copy(update={"place_span": Span(start=s, end=s + len(name), text=name)})


def test_attached_town_beats_the_region_the_extractor_gave(nlp, geoparser):
    text = "Missiles struck a tanker off Hodeidah in the Red Sea on Sunday."
    doc = nlp(text)
    places = geoparser.parse(doc)
    mention = _with_place_span(_mention(text, "struck"), text, "Red Sea")
    loc = geoparser.locate(doc, mention, places)
    assert loc.location == "Al Hudaydah", loc
    alone = "Missiles struck a tanker in the Red Sea on Sunday."
    doc = nlp(alone)
    mention = _with_place_span(_mention(alone, "struck"), alone, "Red Sea")
    loc = geoparser.locate(doc, mention, geoparser.parse(doc))
    assert loc.location == "Red Sea" and loc.geo_precision == 3


def test_town_named_inside_a_region_beats_it(nlp, geoparser):
    text = "Gunmen killed four soldiers in the town of Arish in the Sinai Peninsula."
    doc = nlp(text)
    places = geoparser.parse(doc)
    mention = _with_place_span(_mention(text, "killed"), text, "Sinai Peninsula")
    loc = geoparser.locate(doc, mention, places)
    assert loc.country == "Egypt" and loc.geo_precision == 1, loc
    assert "Arish" in (loc.location or ""), loc


def test_a_title_with_a_capital_the_is_not_the_ocean(nlp, geoparser):
    places = geoparser.parse(nlp("According to The Atlantic, the talks failed."))
    assert not any(p.text == "Atlantic" for p in places), places
    places = geoparser.parse(nlp("The Atlantic reported on Monday that the talks failed."))
    assert not any(p.text == "Atlantic" for p in places), places
    places = _places(nlp, geoparser, "The Red Sea is a busy shipping lane.")
    assert places["Red Sea"].feature_code == "SEA"


def test_abbreviations_not_read_as_places(nlp, geoparser):
    places = geoparser.parse(nlp("DC Comics released a new film on Friday."))
    assert not any(p.text == "DC" for p in places), places
    places = _places(nlp, geoparser, "Envoys of the PRC and NZ met in Wellington.")
    assert places["PRC"].country_code == "CN" and places["NZ"].country_code == "NZ"


def test_capital_the_after_a_noun_is_a_missed_sentence_start(nlp, geoparser):
    text = "Forecasters expect an above-average season The Atlantic hurricane season lasts long."
    assert _places(nlp, geoparser, text)["Atlantic"].feature_code == "OCN"
