import datetime as dt

import pytest

from eventcoder.dedup import merge_events
from eventcoder.extract.rows import build_event, compose_notes, place_phrase, resolve_date
from eventcoder.schema import ActorMention, Article, EventMention, Location, Place, Span

TEXT = ("Militants kidnapped eight men near Tuz Khurmatu on Monday. "
        "Their bodies were found in Kirkuk.")


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start=start, end=start + len(needle), text=needle)


def _mention(**kw) -> EventMention:
    sent_end = TEXT.index(".") + 1
    base = dict(
        article_id="a1",
        sentence=Span(start=0, end=sent_end, text=TEXT[:sent_end]),
        trigger=_span(TEXT, "kidnapped"),
        sub_event_type="Abduction/forced disappearance",
        confidence=0.9,
        actor1=ActorMention(name="Islamic State (IS)", inter=2, span=_span(TEXT, "Militants")),
        actor2=ActorMention(name="Civilians (Iraq)", inter=7, span=_span(TEXT, "eight men")),
        event_date=dt.date(2025, 3, 3), time_precision=1, date_span=_span(TEXT, "on Monday"),
    )
    base.update(kw)
    return EventMention(**base)


def _location() -> Location:
    p = Place(start=TEXT.index("Tuz"), end=TEXT.index("Tuz") + 12, text="Tuz Khurmatu",
              name="Tuz Khurmatu", geonames_id=1, latitude=34.88, longitude=44.63,
              country_code="IQ", admin1="Salah ad Din", confidence=0.9)
    return Location(place=p, country="Iraq", iso3="IRQ", admin1="Salah ad Din",
                    location="Tuz Khurmatu", latitude=34.88, longitude=44.63, geo_precision=1,
                    geonames_id=1, reason="attached to trigger")


ARTICLE = Article.from_text(TEXT, id="a1", published=dt.date(2025, 3, 10))


def test_build_event_fills_acled_fields_and_evidence():
    e = build_event(ARTICLE, _mention(), _location())
    assert e.event_type == "Violence against civilians"
    assert e.disorder_type == "Political violence"
    assert e.plover_type == "ASSAULT"
    assert (e.inter1, e.inter2, e.interaction) == (2, 7, 27)
    assert e.civilian_targeting is True
    assert e.admin1 == "Salah ad Din" and e.geo_precision == 1
    fields = {ev.field for ev in e.evidence}
    assert {"sentence", "sub_event_type", "actor1", "actor2", "location", "event_date"} <= fields
    for ev in e.evidence:
        assert TEXT[ev.start:ev.end] == ev.text
    assert e.event_id == build_event(ARTICLE, _mention(), _location()).event_id


def test_notes_are_composed_not_copied():
    e = build_event(ARTICLE, _mention(), _location())
    assert e.notes.startswith("On 3 March 2025, Islamic State (IS) abducted Civilians (Iraq)")
    assert "Tuz Khurmatu (Salah ad Din)" in e.notes
    assert TEXT[:40] not in e.notes
    assert compose_notes(e) == e.notes


def test_date_falls_back_to_publication_with_coarser_precision():
    m = _mention(event_date=None, time_precision=1, date_span=None)
    assert resolve_date(m, dt.date(2025, 3, 10))[:2] == (dt.date(2025, 3, 10), 2)
    date, precision, warning = resolve_date(m, None)
    assert date is None and precision == 3 and warning


def test_merge_keeps_first_id_and_conservative_fatalities():
    a = build_event(ARTICLE, _mention(fatalities=8), _location())
    other = Article.from_text(TEXT + " More.", id="a2", published=dt.date(2025, 3, 10))
    b = build_event(other, _mention(article_id="a2", fatalities=6), _location())
    (merged,) = merge_events([a, b])
    assert merged.event_id == a.event_id
    assert merged.article_ids == ["a1", "a2"] and merged.sources_count == 2
    assert merged.fatalities == 6
    assert "6 reported fatalities" in merged.notes
    different = build_event(ARTICLE, _mention(sub_event_type="Attack",
                                              trigger=_span(TEXT, "found")), _location())
    assert len(merge_events([a, different])) == 2


def test_blank_lines_end_sentences(nlp):
    # the production pipeline on purpose: the parser must keep the paragraph component's
    # sentence starts (the component's rules alone are tested on blank_nlp in test_nlp.py)
    doc = nlp("Army retakes town\n\nTroops entered the town on Monday, officials said.\n"
              "Residents fled.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Army retakes town"
    assert sentences[1].startswith("Troops entered")


def test_unresolvable_relative_date_says_why():
    m = _mention(event_date=None, time_precision=1)
    date, _, warning = resolve_date(m, None)
    assert date is None and "'on Monday' needs a publication date" in warning


def test_undated_headline_folds_into_the_dated_lead():
    dated = build_event(ARTICLE, _mention(), _location())
    headline = build_event(ARTICLE, _mention(event_date=None, date_span=None,
                                             trigger=_span(TEXT, "Militants")), _location())
    assert headline.event_date == dt.date(2025, 3, 10)  # fell back to publication
    (merged,) = merge_events([headline, dated])
    assert merged.event_id == dated.event_id and merged.event_date == dt.date(2025, 3, 3)
    other_type = build_event(ARTICLE, _mention(event_date=None, date_span=None,
                                               sub_event_type="Attack"), _location())
    assert len(merge_events([other_type, dated])) == 2


@pytest.mark.parametrize("name,phrase", [
    ("Red Sea", "the Red Sea"), ("Gulf of Aden", "the Gulf of Aden"), ("Sahel", "the Sahel"),
    ("Golan Heights", "the Golan Heights"), ("United States", "the United States"),
    ("Central African Republic", "the Central African Republic"), ("Baghdad", "Baghdad"),
    ("Lake Chad", "Lake Chad"), ("Mount Sinjar", "Mount Sinjar"), ("Diyala", "Diyala"),
    ("the Hague", "the Hague")])
def test_place_phrase_adds_the_where_english_does(name, phrase):
    assert place_phrase(name) == phrase


def test_a_country_wide_summary_of_events_told_one_by_one_is_no_event():
    from eventcoder.dedup import summaries

    town = build_event(ARTICLE, _mention(), _location())
    country = Location(country="Iraq", iso3="IRQ", location="Iraq", latitude=33.0,
                       longitude=44.0, geo_precision=3, reason="nearest place")
    summary = build_event(ARTICLE, _mention(trigger=_span(TEXT, "Militants")), country)
    reasons = summaries([summary, town])
    assert list(reasons) == [summary.event_id] and "summary of 1 event" in reasons[summary.event_id]
    assert summaries([summary]) == {}  # alone, a country-wide event is an event
    other = build_event(ARTICLE, _mention(sub_event_type="Attack"), _location())
    assert summaries([summary, other]) == {}  # another type is not its detail


def test_an_undated_telling_of_another_town_is_not_folded_into_the_dated_one():
    dated = build_event(ARTICLE, _mention(), _location())
    p = Place(start=TEXT.index("Kirkuk"), end=TEXT.index("Kirkuk") + 6, text="Kirkuk",
              name="Kirkuk", geonames_id=2, latitude=35.47, longitude=44.39,
              country_code="IQ", admin1="Salah ad Din", confidence=0.9)
    other_town = Location(place=p, country="Iraq", iso3="IRQ", admin1="Salah ad Din",
                          location="Kirkuk", latitude=35.47, longitude=44.39, geo_precision=1,
                          geonames_id=2, reason="attached to trigger")
    undated = build_event(ARTICLE, _mention(event_date=None, date_span=None,
                                            trigger=_span(TEXT, "found")), other_town)
    assert len(merge_events([dated, undated])) == 2
