"""An event told "in the same area" as the one before, with no place of its own sentence, is
at that event's place, not at the dateline's town or the paragraph's nearest name."""

from __future__ import annotations

import datetime as dt

from eventcoder.geo.locate import same_place_as_before
from eventcoder.schema import Article, Location

TEXT = ("Raipur, 12 March - Security forces on Wednesday recovered the bodies of two more Maoists "
        "from the site of Monday's encounter in Dantewada district, police said. On Wednesday, "
        "two commandos were injured when an improvised explosive device planted by Maoists went "
        "off during the search operation in the same forest area, officials said.")


def test_the_same_area_is_the_place_of_the_event_told_before(pipeline):
    doc = pipeline.nlp(TEXT)
    article = Article.from_text(TEXT, published=dt.date(2025, 3, 12))
    places = pipeline.geoparser.parse(doc)
    mentions, _ = pipeline.extractor.extract_candidates(doc, article)
    assert len(mentions) == 2
    first = pipeline.geoparser.locate(doc, mentions[0], places)
    assert first.location and "Dantewada" in first.location
    filed = Location(location="Raipur", latitude=21.23, longitude=81.63, geo_precision=1,
                     reason="the dateline 'Raipur': the lead names no other place")
    got = same_place_as_before(TEXT, mentions, [first, filed])
    assert got[1].location == first.location
    assert got[1].reason.startswith("the same place as the event told before")
    # a place of the sentence's own stays
    own = filed.model_copy(update={"reason": "place attached to the trigger by the extractor"})
    assert same_place_as_before(TEXT, mentions, [first, own])[1].location == "Raipur"
    # and without "the same area" the dateline stays
    plain = TEXT.replace("in the same forest area", "in a forest")
    assert same_place_as_before(plain, mentions, [first, filed])[1].location == "Raipur"
