"""Datelines: the place a report is filed from is a place (whatever the tagger labels it), the
agency credited in brackets after it is not, and it pulls far homonyms back to its country."""

from __future__ import annotations

from spacy.tokens import Span


def _with_person_label(nlp, text: str, name: str):
    """Parse ``text`` with every ``name`` labelled PERSON, as the small model sometimes does."""
    doc = nlp(text)
    spans, start = [], text.find(name)
    while start >= 0:
        span = doc.char_span(start, start + len(name))
        assert span is not None
        spans.append(span)
        start = text.find(name, start + 1)
    others = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
    doc.ents = [*others, *(Span(doc, s.start, s.end, label="PERSON") for s in spans)]
    return doc


def _resolved(text: str, at: int, name: str, gid: int, lat: float, lon: float, cc: str,
              code: str, confidence: float):
    """A resolved place for ``text`` read at character ``at`` (a town unless ``code`` is an
    admin one), as the geoparser hands them to its last steps."""
    from eventcoder.schema import Place

    return Place(start=at, end=at + len(text), text=text, name=name, geonames_id=gid,
                 latitude=lat, longitude=lon, country_code=cc,
                 feature_class="A" if code.startswith("ADM") else "P", feature_code=code,
                 confidence=confidence)


def test_a_dateline_place_labelled_as_a_person_is_still_the_place(nlp, geoparser):
    text = ("Taiz, May 3 (Saba) - Shells fired by the militia hit a crowded street in the east "
            "of Taiz on Sunday afternoon, killing two boys, a local health official said.")
    places = geoparser.parse(_with_person_label(nlp, text, "Taiz"))
    first = [p for p in places if p.start == 0]
    assert first and first[0].country_code == "YE" and first[0].name == "Taiz"


def test_the_agency_in_a_datelines_brackets_is_no_place(nlp, geoparser):
    text = ("ADEN, May 3 (Saba) - Gunmen shot dead a security officer outside his home in the "
            "Sheikh Othman district of Aden on Saturday, police said.")
    places = geoparser.parse(nlp(text))
    assert "Saba" not in {p.text for p in places}
    assert any(p.text.upper() == "ADEN" and p.country_code == "YE" for p in places)


def test_a_dateline_under_a_headline_counts(nlp, geoparser):
    text = ("Two soldiers killed at checkpoint\n\n"
            "Esmeraldas, 9 March 2026 - Gunmen killed two soldiers at a checkpoint on the road "
            "into Esmeraldas late on Sunday, the armed forces said.")
    places = geoparser.parse(nlp(text))
    dl = [p for p in places if p.start == text.index("Esmeraldas, 9")]
    assert dl and dl[0].country_code == "EC"


def test_an_islamic_state_province_is_a_group_not_a_region(nlp, geoparser):
    text = ("NIAMEY, May 4 (Wire) - The Sahel Province of the Islamic State claimed the attack "
            "on a village near Ouallam, and Islamic State West Africa Province fighters were "
            "seen near the border, officials said.")
    names = {p.text for p in geoparser.parse(nlp(text))}
    assert not any("Sahel" in n or "West Africa" in n for n in names), names
    assert "Ouallam" in names


def test_a_neighbourhood_far_from_the_towns_named_is_part_of_the_town():
    """'the Al-Rawdah neighbourhood' in a Taiz report is in Taiz, not a namesake district
    365 km away (the rule works on resolved places: no model needed)."""
    from eventcoder.geo.geoparser import _neighbourhoods_in_town

    text = "Taiz, May 4 - A shell hit the Al-Rawdah neighbourhood of Taiz on Sunday."
    taiz = _resolved("Taiz", 0, "Taiz", 70225, 13.58, 44.02, "YE", "PPL", 0.9)
    far = _resolved("Al-Rawdah", 30, "Ar Rawdah", 1, 14.47, 47.28, "YE", "ADM2", 0.8)
    again = taiz.model_copy(update={"start": 56, "end": 60})
    out = _neighbourhoods_in_town([taiz, far, again], text)
    assert out[1].geonames_id == 70225 and out[1].text == "Al-Rawdah"
    assert out[1].confidence <= 0.5
    # a neighbourhood whose reading is in the town named stays as it is
    near = far.model_copy(update={"latitude": 13.6, "longitude": 44.05, "geonames_id": 2})
    assert _neighbourhoods_in_town([taiz, near, again], text)[1].geonames_id == 2
    # and a name not told as a neighbourhood is not touched
    plain = "Taiz, May 4 - A shell hit Al-Rawdah and Taiz on Sunday."
    far2 = far.model_copy(update={"start": 26, "end": 35})
    assert _neighbourhoods_in_town([taiz, far2, again], plain)[1].geonames_id == 1


def test_a_market_far_from_the_towns_named_is_in_the_town():
    """'Bakara market' in a Mogadishu report is in Mogadishu, not Baccarat, France; a town
    spot far from every town named takes the town, as a neighbourhood does."""
    from eventcoder.geo.geoparser import _neighbourhoods_in_town

    text = "Mogadishu: a grenade was thrown into a crowd at Bakara market on Saturday."
    mogadishu = _resolved("Mogadishu", 0, "Mogadishu", 53654, 2.04, 45.34, "SO", "PPLC", 0.9)
    far = _resolved("Bakara", 48, "Baccarat", 3034054, 48.45, 6.74, "FR", "PPL", 0.6)
    out = _neighbourhoods_in_town([mogadishu, far], text)
    assert out[1].geonames_id == 53654 and out[1].text == "Bakara"
    # a district told as such is an admin area of its own, left alone
    district = "Mogadishu: a grenade was thrown into a crowd in Bakara district on Saturday."
    assert _neighbourhoods_in_town([mogadishu, far], district)[1].geonames_id == 3034054
