"""Resume and concurrency of the run path, in process with a stub pipeline (no model): a batch
is saved and merged in one transaction, so a run that dies between the two leaves nothing
half done; a text another writer stored while this run coded it is taken as stored.

The subprocess versions (SIGKILL, two ``eventcoder extract`` at once) are in
tests/test_crash_safety.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import pytest

from ec_testutils import store_batches
from eventcoder.config import Config
from eventcoder.pipeline import ArticleResult, Pipeline
from eventcoder.run import code_articles
from eventcoder.schema import Article, Event, Evidence
from eventcoder.store import Store

DAY = dt.date(2025, 3, 12)
MOSUL = dict(country="Iraq", iso3="IRQ", admin1="Ninawa", location="Mosul",
             latitude=36.335, longitude=43.1189)
KIRKUK = dict(country="Iraq", iso3="IRQ", admin1="Kirkuk", location="Kirkuk",
              latitude=35.4681, longitude=44.3922)

#: article id -> (text, place, day offset): a1 and a4 report one event (same day, place,
#: actors and words), the others are events of their own
REPORTS = {
    "a1": ("Gunmen shot dead two policemen at a checkpoint in Mosul on Tuesday.", MOSUL, 0),
    "a2": ("Militants kidnapped five farmers near Kirkuk on Monday.", KIRKUK, -5),
    "a3": ("A roadside bomb hit an army patrol near Kirkuk on Sunday.", KIRKUK, -10),
    "a4": ("Gunmen shot dead two policemen at a checkpoint in Mosul, police said.", MOSUL, 0),
    "a5": ("Protesters gathered in Mosul on Friday to demand jobs.", MOSUL, -20),
}


def _event(article: Article) -> Event:
    text, place, offset = REPORTS[article.id]
    return Event(event_id=f"ev-{article.id}", article_ids=[article.id],
                 event_date=DAY + dt.timedelta(days=offset),
                 disorder_type="Political violence", event_type="Violence against civilians",
                 sub_event_type="Attack", actor1="Unidentified Armed Group (Iraq)",
                 actor2="Police Forces of Iraq", fatalities=2, confidence=0.8,
                 evidence=[Evidence(article_id=article.id, field="sentence", start=0,
                                    end=len(text), text=text)],
                 **place)  # type: ignore[arg-type]


#: the store batch of these tests' runs
STORE_BATCH = 2


class StubPipeline(Pipeline):
    """One canned event per article; ``during`` is called with each batch before it is coded
    (to make another writer act while this run codes)."""

    def __init__(self, during=None) -> None:
        super().__init__(Config(near_duplicate_threshold=0))
        self.during = during

    def process_many(self, articles: Iterable[Article], *, batch_size: int = 32
                     ) -> Iterator[ArticleResult]:
        for batch in store_batches(articles, STORE_BATCH):
            if self.during is not None:
                self.during(batch)
            for a in batch:
                yield ArticleResult(article=a, events=[_event(a)])


def _articles() -> list[Article]:
    return [Article.from_text(text, id=aid, published=DAY, language="en")
            for aid, (text, _, _) in REPORTS.items()]


def _stored(store: Store) -> list[dict]:
    return sorted((e.model_dump() for e in store.query_events(status="all")),
                  key=lambda e: e["event_id"])


@pytest.fixture
def clean(tmp_path) -> list[dict]:
    """The events of one uninterrupted run."""
    with Store(f"sqlite:///{tmp_path / 'clean.db'}") as store:
        stats = code_articles(_articles(), store, StubPipeline(), batch_size=STORE_BATCH)
        assert stats.merged == 1  # a4 is a1's event
        return _stored(store)


def test_a_run_dying_between_save_and_merge_leaves_the_batch_unsaved(tmp_path, monkeypatch,
                                                                    clean) -> None:
    import eventcoder.run as run

    calls = []
    real = run.cross.merge_stored

    def dies_on_the_second_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # batch 2 (a3, a4) is saved, its merge not done
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    db = f"sqlite:///{tmp_path / 'killed.db'}"
    monkeypatch.setattr(run.cross, "merge_stored", dies_on_the_second_batch)
    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        code_articles(_articles(), store, StubPipeline(), batch_size=STORE_BATCH)
    monkeypatch.setattr(run.cross, "merge_stored", real)
    with Store(db) as store:
        # the batch in flight is gone whole: articles, events and all
        assert store.known_hashes(a.content_hash for a in _articles()) == {
            a.content_hash for a in _articles()[:2]}
        again = code_articles(_articles(), store, StubPipeline(), batch_size=STORE_BATCH)
        assert (again.already_stored, again.coded, again.merged) == (2, 3, 1)
        assert _stored(store) == clean


def test_a_text_another_writer_stored_meanwhile_is_taken_as_stored(tmp_path, clean) -> None:
    db = f"sqlite:///{tmp_path / 'shared.db'}"

    def other_writer(batch: list[Article]) -> None:
        # a second run stores (and merges) a4 after this run's lookup, before its save
        if any(a.id == "a4" for a in batch):
            with Store(db) as other:
                code_articles([a for a in _articles() if a.id == "a4"], other,
                              StubPipeline(), batch_size=STORE_BATCH)

    with Store(db) as store:
        stats = code_articles(_articles(), store, StubPipeline(other_writer),
                              batch_size=STORE_BATCH)
        assert (stats.read, stats.coded, stats.already_stored) == (5, 4, 1)
        assert stats.read == stats.coded + stats.already_stored + len(stats.skipped)
        assert store.count_articles() == 5
        assert _stored(store) == clean
        # what the inputs report includes the other writer's coding of a4
        reported = {e.event_id for e in store.events_for_hashes(stats.content_hashes)}
        assert reported == {e["event_id"] for e in clean}


def test_a_transaction_is_one_commit_or_none(tmp_path) -> None:
    arts = _articles()
    with Store(f"sqlite:///{tmp_path / 't.db'}") as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.save_batch(arts[:1], [_event(arts[0])])
            assert store.count_articles() == 1  # reads inside see the open transaction
            raise RuntimeError
        assert store.count_articles() == 0 and store.count_events() == 0
        with store.transaction():
            store.save_batch(arts[:1], [_event(arts[0])])
            with store.transaction():  # nested: joins
                store.save_batch(arts[1:2], [_event(arts[1])])
        assert store.count_articles() == 2 and store.count_events() == 2
