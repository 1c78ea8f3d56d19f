"""The one merge policy (eventcoder.dedup.policy) on hand-built events: no spaCy needed."""

from __future__ import annotations

import datetime as dt

from eventcoder.dedup import merge_events, merge_pair
from eventcoder.extract.rows import compose_notes
from eventcoder.schema import Event, Evidence

TOWN = dict(country="Iraq", iso3="IRQ", admin1="Ninewa", admin2="Mosul", location="Mosul",
            latitude=36.335, longitude=43.11889, geo_precision=1, geonames_id=99072,
            location_reason="literal place in event sentence")
PROVINCE = dict(country="Iraq", iso3="IRQ", admin1="Ninewa", admin2=None, location="Ninewa",
                latitude=36.0, longitude=42.5, geo_precision=3, geonames_id=99001,
                location_reason="region named in the sentence")


def ev(article: str = "a1", fatalities: int = 0, **kw: object) -> Event:
    """An Attack event read from ``article``, with a fatalities span when it gives a figure;
    its notes composed as the pipeline composes them unless given."""
    evidence = [Evidence(article_id=article, field="sentence", start=0, end=40,
                         text="Gunmen attacked a village near Mosul.")]
    if fatalities:
        evidence.append(Evidence(article_id=article, field="fatalities", start=10, end=14,
                                 text=str(fatalities)))
    base: dict[str, object] = dict(
        event_id=f"ev-{article}", article_ids=[article], event_date=dt.date(2024, 1, 5),
        time_precision=1, disorder_type="Political violence",
        event_type="Violence against civilians", sub_event_type="Attack",
        actor1="Unidentified Armed Group (Iraq)", inter1=3, actor2="Civilians (Iraq)",
        inter2=7, interaction=37, civilian_targeting=True, fatalities=fatalities,
        confidence=0.5, evidence=evidence, **TOWN)
    base.update(kw)
    event = Event(**base)  # type: ignore[arg-type]
    return event if "notes" in kw else event.model_copy(update={"notes": compose_notes(event)})


def test_one_report_restating_its_figure_gives_its_highest_figure():
    first, again = ev("a1", 3), ev("a1", 7, event_id="ev-a1-2")
    merged = merge_pair(first, again)
    assert merged.event.fatalities == 7
    assert merge_pair(again, first).event.fatalities == 7
    change = merged.change("fatalities")
    assert change is not None and (change.old, change.new) == (3, 7)
    assert change.articles == ("a1",) and "highest" in change.rule


def test_different_reports_give_the_lowest_non_zero_figure():
    assert merge_pair(ev("a1", 8), ev("a2", 6)).event.fatalities == 6
    assert merge_pair(ev("a1", 6), ev("a2", 8)).event.fatalities == 6
    # a report that gives no figure does not make the toll zero
    assert merge_pair(ev("a1", 0), ev("a2", 5)).event.fatalities == 5
    assert merge_pair(ev("a1", 5), ev("a2", 0)).event.fatalities == 5
    assert merge_pair(ev("a1", 0), ev("a2", 0)).event.fatalities == 0
    change = merge_pair(ev("a1", 8), ev("a2", 6)).change("fatalities")
    assert change is not None and change.articles == ("a2",) and "lowest" in change.rule


def test_the_most_precise_place_wins_and_a_tie_keeps_the_existing_place():
    province, town = ev("a1", **PROVINCE), ev("a2")
    merged = merge_pair(province, town)
    assert merged.event.location == "Mosul" and merged.event.geo_precision == 1
    assert merged.event.geonames_id == 99072 and merged.event.admin2 == "Mosul"
    change = merged.change("location")
    assert change is not None and (change.old, change.new) == ("Ninewa", "Mosul")
    assert change.articles == ("a2",)
    # the existing place is more precise: it stays, nothing recorded
    kept = merge_pair(town, province)
    assert kept.event.location == "Mosul" and kept.change("location") is None
    # a tie keeps the existing place, even for the store's newer coding
    other_town = ev("a2", location="Tal Afar", geonames_id=1, latitude=36.37, longitude=42.45)
    for supersede in (False, True):
        tie = merge_pair(town, other_town, supersede=supersede).event
        assert tie.location == "Mosul" and tie.geonames_id == 99072


def test_provenance_is_unioned_existing_first_without_duplicates():
    first = ev("a1", 3, article_ids=["a1", "a2"])
    shared = first.evidence[0]
    second = ev("a3", 3, article_ids=["a2", "a3"])
    second = second.model_copy(update={"evidence": [shared, *second.evidence, shared]})
    merged = merge_pair(first, second).event
    assert merged.article_ids == ["a1", "a2", "a3"]
    keys = [(e.article_id, e.field, e.start, e.end) for e in merged.evidence]
    assert len(keys) == len(set(keys))
    assert merged.evidence[:len(first.evidence)] == first.evidence
    assert [e.article_id for e in merged.evidence] == ["a1", "a1", "a3", "a3"]


def test_sources_count_is_the_number_of_distinct_articles_and_never_decreases():
    assert merge_pair(ev("a1"), ev("a2")).event.sources_count == 2
    assert merge_pair(ev("a1"), ev("a1")).event.sources_count == 1
    # an event that already counted more sources than it lists keeps its count
    counted = ev("a1", sources_count=4)
    assert merge_pair(counted, ev("a2")).event.sources_count == 4
    assert merge_pair(ev("a2"), counted).event.sources_count == 4


def test_confidence_is_the_highest():
    assert merge_pair(ev("a1", confidence=0.4), ev("a2", confidence=0.9)).event.confidence == 0.9
    assert merge_pair(ev("a1", confidence=0.9), ev("a2", confidence=0.4)).event.confidence == 0.9


def test_a_human_status_is_never_overwritten_by_an_auto_event():
    for status in ("reviewed", "rejected"):
        human = ev("a1", 3, status=status, notes="Checked by hand.", **PROVINCE)
        auto = ev("a2", 30, confidence=0.99, actor1="Islamic State (IS)")
        merged = merge_pair(human, auto, supersede=True)
        assert merged.human_kept and merged.changes == ()
        got = merged.event
        # only provenance is merged
        assert got.article_ids == ["a1", "a2"] and got.sources_count == 2
        assert [e.article_id for e in got.evidence] == ["a1", "a1", "a2", "a2"]
        assert got.model_dump(exclude={"article_ids", "evidence", "sources_count"}) == \
            human.model_dump(exclude={"article_ids", "evidence", "sources_count"})


def test_a_human_event_is_taken_as_it_is():
    auto = ev("a1", 3)
    human = ev("a1", 1, status="reviewed", notes="Checked by hand.", event_id="other")
    merged = merge_pair(auto, human)
    assert merged.event.event_id == auto.event_id  # the id is the existing event's
    assert merged.event.fatalities == 1 and merged.event.notes == "Checked by hand."
    assert merged.event.status == "reviewed"
    change = merged.change("fatalities")
    assert change is not None and "human review" in change.rule


def test_notes_are_recomposed_from_the_merged_event():
    merged = merge_pair(ev("a1", 8, **PROVINCE), ev("a2", 6)).event
    assert merged.notes == compose_notes(merged)
    assert "Mosul" in merged.notes and "6 reported fatalities" in merged.notes
    # nothing the notes say changed: the existing notes stay (hand-written ones too)
    own = ev("a1", 8, notes="Own words.")
    assert merge_pair(own, ev("a2", 8)).event.notes == "Own words."


def test_other_fields_are_the_existing_events_unless_the_incoming_supersedes_it():
    """The one difference between the callers: in-article dedup keeps the first telling's
    descriptive fields, the store takes those of the newer coding."""
    first = ev("a1", actor1=None, inter1=0, interaction=70, event_date=dt.date(2024, 1, 5))
    newer = ev("a1", event_date=dt.date(2024, 1, 4))
    kept = merge_pair(first, newer)
    assert kept.event.actor1 is None and kept.event.event_date == dt.date(2024, 1, 5)
    assert kept.changes == ()
    replaced = merge_pair(first, newer, supersede=True)
    assert replaced.event.actor1 == "Unidentified Armed Group (Iraq)"
    assert replaced.event.event_date == dt.date(2024, 1, 4)
    assert replaced.event.notes == compose_notes(replaced.event)
    assert {c.field for c in replaced.changes} == {"actor1", "inter1", "interaction",
                                                   "event_date"}
    assert all(c.rule == "a newer coding of the event" for c in replaced.changes)


def test_merge_events_applies_the_policy_within_a_report():
    lead = ev("a1", 4, event_id="lead", **PROVINCE)
    again = ev("a1", 9, event_id="again", **PROVINCE)
    (merged,) = merge_events([lead, again])
    assert merged.event_id == "lead" and merged.fatalities == 9
    assert merged.article_ids == ["a1"] and merged.sources_count == 1
    assert merged.notes == compose_notes(merged)
    # an undated headline naming the town folds into the dated lead placed in the province:
    # the lead keeps its id and date, and takes the more precise place
    dated = lead.model_copy(update={"evidence": [*lead.evidence, Evidence(
        article_id="a1", field="event_date", start=20, end=26, text="Friday")]})
    headline = ev("a1", event_id="headline", event_date=dt.date(2024, 1, 9), time_precision=2)
    (folded,) = merge_events([headline, dated])
    assert folded.event_id == "lead" and folded.event_date == dt.date(2024, 1, 5)
    assert folded.location == "Mosul" and folded.fatalities == 4


def test_across_reports_the_earliest_of_the_most_precise_dates_wins():
    day = ev("a1", event_date=dt.date(2024, 5, 11), time_precision=1)
    earlier_day = ev("a2", event_date=dt.date(2024, 5, 10), time_precision=1)
    week = ev("a3", event_date=dt.date(2024, 5, 6), time_precision=2)
    merged = merge_pair(day, earlier_day)
    assert merged.event.event_date == dt.date(2024, 5, 10)
    assert merged.change("event_date").rule.startswith("across reports, the earliest")
    assert merged.change("event_date").articles == ("a2",)
    # a coarse (week) date yields to a day, even an earlier one
    assert merge_pair(day, week).event.event_date == dt.date(2024, 5, 11)
    assert merge_pair(week, day).event.time_precision == 1
    # one report telling its event again keeps its first date; a newer coding replaces it
    again = ev("a1", event_date=dt.date(2024, 5, 9), time_precision=1)
    assert merge_pair(day, again).event.event_date == dt.date(2024, 5, 11)
    assert merge_pair(day, earlier_day, supersede=True).event.event_date == dt.date(2024, 5, 10)
    later = ev("a2", event_date=dt.date(2024, 5, 12), time_precision=1)
    assert merge_pair(day, later, supersede=True).event.event_date == dt.date(2024, 5, 12)


def test_within_a_report_a_day_told_later_beats_a_coarser_date_told_first():
    """A headline dated only by its publication week, told again "on Friday" in the lead:
    the day; two days of one report keep the first (the previous test)."""
    headline = ev("a1", event_date=dt.date(2024, 5, 12), time_precision=2)
    lead = ev("a1", event_id="ev-a1-2", event_date=dt.date(2024, 5, 10), time_precision=1)
    merged = merge_pair(headline, lead)
    assert (merged.event.event_date, merged.event.time_precision) == (dt.date(2024, 5, 10), 1)
    assert merged.change("event_date").rule.startswith("within one report")
    # the other way round the day stands
    assert merge_pair(lead, headline).event.event_date == dt.date(2024, 5, 10)


def test_a_killing_told_with_no_figure_does_not_lower_a_reported_toll():
    """"The Network condemns the massacre committed today" gives the event a floor of one
    death (its fatalities evidence is the word "massacre"); another report's 23 is a figure,
    and the lower one across reports is among figures (read off dd2: a massacre of 23 was
    merged with a statement's floor and stored with 1 dead)."""
    word = [Evidence(article_id="a1", field=f, start=0, end=8, text="massacre")
            for f in ("sub_event_type", "fatalities")]  # the event word is the toll's evidence
    floor = ev("a1", 1).model_copy(update={"evidence": word})
    merged = merge_pair(floor, ev("a2", 23))
    assert merged.event.fatalities == 23
    assert merge_pair(ev("a2", 23), floor).event.fatalities == 23
    change = merged.change("fatalities")
    assert change is not None and "no figure" in change.rule
    # a figure of one is a figure ("One person was killed", "killed his brother": a victim
    # with no number); "a deadly raid" is a floor; two floors stay one
    one = ev("a3", 1).model_copy(update={"evidence": [
        Evidence(article_id="a3", field="fatalities", start=0, end=3, text="One")]})
    assert merge_pair(one, ev("a2", 23)).event.fatalities == 1
    brother = ev("a5", 1).model_copy(update={"evidence": [
        Evidence(article_id="a5", field="sub_event_type", start=7, end=13, text="killed"),
        Evidence(article_id="a5", field="fatalities", start=7, end=25,
                 text="killed his brother")]})
    assert merge_pair(brother, ev("a2", 3)).event.fatalities == 1
    deadly = ev("a6", 1).model_copy(update={"evidence": [
        Evidence(article_id="a6", field="fatalities", start=0, end=11, text="deadly raid")]})
    assert merge_pair(deadly, ev("a2", 23)).event.fatalities == 23
    assert merge_pair(floor, floor.model_copy(update={
        "event_id": "ev-a4", "article_ids": ["a4"]})).event.fatalities == 1
