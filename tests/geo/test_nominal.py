"""Nominal place references ("the town", "the province") resolve to the place named before."""

from __future__ import annotations

from eventcoder.geo.nominal import is_nominal
from eventcoder.schema import EventMention, Span


def _nominals(places):
    return {p.text: p for p in places if is_nominal(p)}


def test_town_province_and_country_refer_back(nlp, geoparser):
    text = ("Gunmen entered Tikrit on Monday. Later militants attacked the town, and the "
            "province was sealed off. Fighting spread across the country.")
    places = geoparser.parse(nlp(text))
    noms = _nominals(places)
    assert noms["the town"].name == "Tikrit"
    assert noms["the town"].role == "literal"
    assert noms["the town"].confidence <= 0.5
    assert noms["the province"].feature_code == "ADM1"
    assert noms["the province"].country_code == "IQ"
    assert noms["the country"].feature_code.startswith("PCL")
    assert [p.start for p in places] == sorted(p.start for p in places)


def test_not_references(nlp, geoparser):
    text = ("Shelling hit Aleppo on Friday. The city council met, and fighting raged in the "
            "city of Homs. A town nearby was empty. Several towns were cut off.")
    noms = _nominals(geoparser.parse(nlp(text)))
    assert noms == {}


def test_no_antecedent_no_reference(nlp, geoparser):
    assert _nominals(geoparser.parse(nlp("Militants attacked the town at dawn."))) == {}


def test_nominals_can_be_turned_off_and_spans_mode_has_none(nlp, geoparser):
    doc = nlp("Gunmen entered Tikrit on Monday. Later militants attacked the town.")
    assert not _nominals(geoparser.parse(doc, nominals=False))
    assert not _nominals(geoparser.parse(doc, spans=[(15, 21)]))


def test_locate_uses_a_nominal_reference(nlp, geoparser):
    text = "Gunmen entered Tikrit on Monday.\n\nOn Tuesday militants attacked the town."
    doc = nlp(text)
    places = geoparser.parse(doc)
    s = text.index("On Tuesday")
    t = text.index("attacked")
    mention = EventMention(
        article_id="n1", sentence=Span(start=s, end=len(text), text=text[s:]),
        trigger=Span(start=t, end=t + 8, text="attacked"), sub_event_type="Armed clash")
    loc = geoparser.locate(doc, mention, places)
    assert loc.location == "Tikrit"
    assert "the town" in loc.reason


def test_region_refers_to_an_area_not_a_town(nlp, geoparser):
    text = "Floods hit Basra in Basra province. Aid reached the town and the region."
    noms = _nominals(geoparser.parse(nlp(text)))
    assert noms["the town"].feature_class == "P"
    assert noms["the region"].feature_code == "ADM1"


def test_a_building_without_a_named_antecedent_is_a_spot_in_the_last_town(nlp, geoparser):
    text = "Shelling hit Aleppo on Friday. Doctors said the hospital was struck twice."
    doc = nlp(text)
    places = geoparser.parse(doc)
    spot = _nominals(places)["the hospital"]
    assert spot.name == "Aleppo"
    assert spot.geonames_id is None and spot.feature_class is None
    s = text.index("Doctors")
    t = text.index("struck")
    mention = EventMention(
        article_id="n2", sentence=Span(start=s, end=len(text), text=text[s:]),
        trigger=Span(start=t, end=t + 6, text="struck"), sub_event_type="Shelling/artillery/missile attack")
    assert geoparser.locate(doc, mention, places).geo_precision == 2


def test_the_demonym_capital_is_that_countrys_capital(nlp, geoparser):
    noms = _nominals(geoparser.parse(nlp("Rockets hit the Syrian capital on Monday.")))
    assert noms["the Syrian capital"].name == "Damascus"
    assert noms["the Syrian capital"].feature_code == "PPLC"


def test_here_only_in_a_datelined_report(nlp, geoparser):
    text = "MOSUL, May 2 (Wire) - A car bomb exploded here on Sunday. Here is what we know."
    here = [p for p in geoparser.parse(nlp(text)) if p.text.lower() == "here"]
    assert [(p.text, p.name) for p in here] == [("here", "Mosul")]
    assert not [p for p in geoparser.parse(nlp("A car bomb exploded here in Mosul."))
                if p.text == "here"]
