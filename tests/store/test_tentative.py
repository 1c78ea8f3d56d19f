"""Tentative events: a report coded under ``min_confidence`` is stored hidden (status
"tentative") and shown once a report of the same event from another article, at or above it,
is merged in (docs/storage.md, "Tentative events"). Runs on SQLite and PostgreSQL (the
``store`` fixture) with a stub pipeline: the rules, not the model."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator

import pytest

from eventcoder.config import Config
from eventcoder.dedup.cross import MergeSettings, best_match
from eventcoder.dedup.policy import merge_pair
from eventcoder.export import write_events
from eventcoder.pipeline import ArticleResult, Pipeline
from eventcoder.run import code_articles
from eventcoder.schema import Article, Event, Evidence
from eventcoder.store import EventFilter, Store

DAY = dt.date(2025, 3, 12)
MOSUL = dict(country="Iraq", iso3="IRQ", admin1="Ninawa", location="Mosul",
             latitude=36.335, longitude=43.1189, geo_precision=1)
KIRKUK = dict(country="Iraq", iso3="IRQ", admin1="Kirkuk", location="Kirkuk",
              latitude=35.4681, longitude=44.3922, geo_precision=1)

#: article id -> (text, place, confidence): m1 and m2 report one attack in Mosul, m1 weakly
#: (under the default min_confidence of 0.4); k1 is a weak report of its own in Kirkuk
REPORTS = {
    "m1": ("Gunmen shot dead two policemen at a checkpoint in Mosul on Wednesday.", MOSUL,
           0.3),
    "m2": ("Gunmen shot dead two policemen at a Mosul checkpoint, police said.", MOSUL, 0.9),
    "k1": ("Gunmen shot dead a shopkeeper near Kirkuk on Wednesday.", KIRKUK, 0.25),
}


def _event(aid: str, **kw: object) -> Event:
    text, place, confidence = REPORTS[aid]
    base: dict[str, object] = dict(
        event_id=f"ev-{aid}", article_ids=[aid], event_date=DAY,
        disorder_type="Political violence", event_type="Violence against civilians",
        sub_event_type="Attack", actor1="Unidentified Armed Group (Iraq)",
        actor2="Police Forces of Iraq", fatalities=2, confidence=confidence,
        evidence=[Evidence(article_id=aid, field="sentence", start=0, end=len(text),
                           text=text)], **place)
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


class StubPipeline(Pipeline):
    """The canned event of each article, split by confidence as Pipeline.analyse does."""

    def __init__(self) -> None:
        super().__init__(Config(near_duplicate_threshold=0))

    def process_many(self, articles: Iterable[Article], *, batch_size: int = 32
                     ) -> Iterator[ArticleResult]:
        floor = self.config.min_confidence
        for a in articles:
            e = _event(a.id)
            if e.confidence >= floor:
                yield ArticleResult(article=a, events=[e])
            else:
                yield ArticleResult(article=a, tentative=[
                    e.model_copy(update={"status": "tentative"})])


def _articles(order: Iterable[str]) -> list[Article]:
    return [Article.from_text(REPORTS[aid][0], id=aid, published=DAY, language="en")
            for aid in order]


def test_the_merge_policy_shows_an_event_once_a_report_shows_it() -> None:
    weak = _event("m1", status="tentative")
    strong = _event("m2")
    assert merge_pair(weak, strong).event.status == "auto"
    assert merge_pair(strong, weak).event.status == "auto"
    other_weak = _event("m2", status="tentative", confidence=0.2)
    assert merge_pair(weak, other_weak).event.status == "tentative"
    # a human decision stands over a tentative coding of the event, as over an automatic one
    reviewed = _event("m2", status="reviewed")
    assert merge_pair(reviewed, weak).event.status == "reviewed"
    assert merge_pair(reviewed, weak).human_kept


def test_a_tentative_event_raises_no_doubt_between_two_events() -> None:
    """A report that told two events apart makes a rival of the second only when that one
    is shown: a weak coding is no sure sign of a second event."""
    incoming = _event("m2", event_id="ev-new", article_ids=["n1"])
    best = _event("m1", confidence=0.9)
    rival = _event("m1", event_id="ev-rival", sub_event_type="Attack", fatalities=3,
                   status="tentative")
    found = best_match(incoming, [best, rival], MergeSettings())
    assert found is not None and found[0].event_id == "ev-m1"


def test_a_weak_report_is_hidden_until_another_report_shows_it(store: Store) -> None:
    stats = code_articles(_articles(["m1", "k1"]), store, StubPipeline())
    assert stats.tentative == 2 and stats.events_in_run == []
    assert store.query_events() == []
    assert store.count_events(EventFilter()) == 0
    assert store.event_stats(EventFilter()).events == 0
    hidden = store.query_events(status="tentative")
    assert sorted(e.event_id for e in hidden) == ["ev-k1", "ev-m1"]
    assert store.count_events() == 2  # the store holds them

    stats = code_articles(_articles(["m2"]), store, StubPipeline())
    assert stats.merged == 1 and stats.tentative == 0
    shown = store.query_events()
    assert len(shown) == 1
    assert shown[0].status == "auto" and sorted(shown[0].article_ids) == ["m1", "m2"]
    assert shown[0].confidence == 0.9
    # the Kirkuk report has no second report: still hidden, and out of exports
    assert [e.event_id for e in store.query_events(status="tentative")] == ["ev-k1"]
    out = io.StringIO()
    assert write_events(store.query_events(), "csv", out) == 1
    assert "Mosul" in out.getvalue() and "Kirkuk" not in out.getvalue()
    # the history says why the event came to be shown
    history = store.event_changes(shown[0].event_id)
    assert history[0].event.status == "tentative" and history[-1].event.status == "auto"
    assert any(f["field"] == "status" for f in history[-1].detail.get("fields", []))


@pytest.mark.parametrize("order", [["m1", "m2"], ["m2", "m1"]])
def test_the_weak_and_the_strong_report_make_one_event_in_either_order(
        store: Store, order: list[str]) -> None:
    code_articles(_articles(order), store, StubPipeline())
    shown = store.query_events()
    assert [(e.event_id, e.status, sorted(e.article_ids)) for e in shown] == \
        [("ev-m1", "auto", ["m1", "m2"])]
    assert store.get_event("ev-m2").event_id == "ev-m1"  # the absorbed id resolves


def test_a_rerun_keeps_a_shown_event_shown(store: Store) -> None:
    code_articles(_articles(["m1", "m2"]), store, StubPipeline())
    before = store.query_events(status="all")
    again = code_articles(_articles(["m1", "m2", "k1"]), store, StubPipeline())
    assert again.already_stored == 2
    after = store.query_events(status="all")
    assert [e for e in after if e.event_id != "ev-k1"] == before


def test_a_copy_does_not_show_a_tentative_event(store: Store) -> None:
    code_articles(_articles(["m1"]), store, StubPipeline())
    copy = Article.from_text("BAGHDAD - " + REPORTS["m1"][0], id="m1-copy", published=DAY,
                             language="en")
    store.link_copies([(copy, "m1")])
    [event] = store.query_events(status="all")
    assert event.status == "tentative" and sorted(event.article_ids) == ["m1", "m1-copy"]


def test_a_reviewer_can_confirm_a_tentative_event(store: Store) -> None:
    code_articles(_articles(["k1"]), store, StubPipeline())
    store.set_status("ev-k1", "reviewed", user="analyst", comment="confirmed by a call")
    assert [e.event_id for e in store.query_events()] == ["ev-k1"]


def test_the_batch_pass_shows_a_weak_report_another_report_confirms(store: Store) -> None:
    """``eventcoder dedup`` over a store coded with merging off does what the run path does."""
    from ec_testutils import run_cli

    pipeline = StubPipeline()
    pipeline.config = pipeline.config.with_(merge_threshold=2.0)  # no merging while coding
    code_articles(_articles(["m1", "m2", "k1"]), store, pipeline)
    assert [e.event_id for e in store.query_events()] == ["ev-m2"]
    result = run_cli("dedup", "--db", store.url)
    assert result.exit_code == 0, result.output
    assert "ev-m1 <- ev-m2" in result.output
    [shown] = store.query_events()
    assert shown.event_id == "ev-m1" and shown.status == "auto"
    assert [e.event_id for e in store.query_events(status="tentative")] == ["ev-k1"]
