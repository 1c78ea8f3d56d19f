"""Added by the LEAD (not by the geoparser engineer): cases seen failing in the lead's runs.
Please make them pass with general fixes -- do not delete or weaken them; keep this file.

1. Arabic transliteration variants: articles (al-/an-/ash-/el-), doubled letters and
   apostrophe-like marks (' ` ‘ ’ ʿ) differ between news spellings and GeoNames names or
   alternate names; a folded matching key should find them.
2. Event geolocation: when the place attached to the trigger is a province and the same phrase
   names a town inside it ("the town of X in Y province"), the town is where it happened.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.schema import Article, EventMention, Span


def _resolve(nlp, geoparser, text: str, name: str):
    start = text.index(name)
    (place,) = geoparser.parse(nlp(text), spans=[(start, start + len(name))])
    return place


@pytest.mark.parametrize("name", ["Maarat al-Numan", "Maarat al-Nu'man", "Jisr al-Shughur"])
def test_transliteration_variants_resolve(nlp, geoparser, name):
    text = f"Warplanes struck {name} in northwestern Syria on Tuesday."
    place = _resolve(nlp, geoparser, text, name)
    assert place.country_code == "SY" and place.geonames_id is not None, place
    assert "idlib" in (place.admin1 or "").lower(), place


def test_town_inside_the_attached_province_wins(nlp, geoparser):
    text = ("Warplanes carried out air strikes on the town of Maarat al-Numan in Idlib province "
            "on Tuesday, killing at least 12 civilians.")
    doc = nlp(text)
    article = Article.from_text(text, id="t", published=dt.date(2025, 2, 5))
    places = geoparser.parse(doc)
    trigger = text.index("air strikes")
    province = text.index("Idlib province")
    mention = EventMention(
        article_id=article.id, sentence=Span(start=0, end=len(text), text=text),
        trigger=Span(start=trigger, end=trigger + 11, text="air strikes"),
        sub_event_type="Air/drone strike",
        place_span=Span(start=province, end=province + 14, text="Idlib province"))
    loc = geoparser.locate(doc, mention, places)
    assert loc.location and "nu" in loc.location.lower(), loc
    assert loc.geo_precision == 1 and "idlib" in (loc.admin1 or "").lower(), loc
