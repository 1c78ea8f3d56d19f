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
