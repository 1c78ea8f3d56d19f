"""The run path: eventcoder.run.code_articles codes a stream of articles into a store."""

from __future__ import annotations

import datetime as dt

import pytest

import eventcoder
from eventcoder.ingest import Skipped
from eventcoder.run import ArticleDone, RunStats, code_articles
from eventcoder.schema import Article
from eventcoder.store import Store

DAY = dt.date(2025, 3, 12)
TEXTS = [
    "Militants kidnapped five farmers near Kirkuk on Monday, police said.",
    "Police arrested three suspects in Basra on Sunday after a raid on a weapons cache.",
    "Gunmen shot dead two police officers at a checkpoint in Mosul on Tuesday, officials said.",
]


def _inputs() -> list[Article | Skipped]:
    """Three articles with events, a repeat of the first, unusable input, an empty article
    and a French one."""
    articles: list[Article | Skipped] = [
        Article.from_text(t, id=f"a{i}", published=DAY, origin=f"news/a{i}.txt")
        for i, t in enumerate(TEXTS)]
    return [
        *articles,
        Article.from_text(TEXTS[0], id="again", published=DAY),
        Skipped("news/broken.jsonl:line 2", "invalid JSON on line 2"),
        Article.from_text("   ", id="blank", published=DAY),
        Article.from_text("Des hommes armés ont tué deux policiers lundi à Mossoul.", id="fr",
                          published=DAY, language="fr"),
    ]


def _events(store: Store, stats: RunStats) -> list[dict]:
    return [e.model_dump() for e in store.events_for_hashes(stats.content_hashes)]


@pytest.fixture(scope="module")
def first_run(tmp_path_factory, pipeline):
    """The inputs coded once into a fresh SQLite store, with every callback recorded."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('run') / 'events.db'}")
    calls: dict[str, list] = {"progress": [], "result": [], "skip": []}
    stats = code_articles(_inputs(), store, pipeline, batch_size=2,
                          progress=calls["progress"].append, on_result=calls["result"].append,
                          on_skip=calls["skip"].append)
    yield store, stats, calls
    store.close()


@pytest.mark.e2e
def test_stats_add_up(first_run):
    store, stats, _ = first_run
    assert (stats.read, stats.coded, stats.already_stored, len(stats.skipped)) == (7, 3, 1, 3)
    assert stats.read == stats.coded + stats.already_stored + len(stats.skipped)
    assert stats.articles_read == 6  # the unusable input is no article
    assert len(stats.content_hashes) == 5  # the repeat is one text
    assert stats.new_events == len(stats.events_in_run) > 0
    assert store.count_events() == stats.new_events
    assert {e["event_id"] for e in _events(store, stats)} == set(stats.events_in_run)


@pytest.mark.e2e
def test_progress_reports_every_input_once(first_run):
    _, stats, calls = first_run
    done: list[ArticleDone] = calls["progress"]
    assert len(done) == stats.read
    assert sorted(d.status for d in done) == sorted(
        ["coded"] * 3 + ["already_stored"] + ["skipped"] * 3)
    coded = [d for d in done if d.status == "coded"]
    assert {d.origin for d in coded} == {"news/a0.txt", "news/a1.txt", "news/a2.txt"}
    assert sorted(i for d in coded for i in d.event_ids) == sorted(stats.events_in_run)
    assert [r.article.id for r in calls["result"]] == ["a0", "a1", "a2"]


@pytest.mark.e2e
def test_skips_keep_their_reason_and_stage(first_run):
    _, stats, calls = first_run
    assert calls["skip"] == stats.skipped
    by_origin = {s.origin: s for s in stats.skipped}
    assert by_origin["news/broken.jsonl:line 2"].stage == "reading"
    assert (by_origin["blank"].stage, by_origin["blank"].reason) == ("coding", "empty text")
    assert by_origin["fr"].reason.startswith("language 'fr' not processed")


@pytest.mark.e2e
def test_timings_are_per_stage(first_run):
    _, stats, _ = first_run
    t = stats.timings
    assert min(t.reading, t.lookup, t.coding, t.saving) >= 0
    assert t.coding > 0 and t.saving > 0


@pytest.mark.e2e
def test_rerun_codes_nothing_and_stores_nothing_new(first_run, pipeline):
    store, first, _ = first_run
    before = _events(store, first)
    again = code_articles(_inputs(), store, pipeline, batch_size=2)
    assert (again.coded, again.new_events, again.events_in_run) == (0, 0, [])
    assert again.already_stored == 4  # the three stored texts and the repeat
    assert [s.origin for s in again.skipped] == ["news/broken.jsonl:line 2", "blank", "fr"]
    assert _events(store, again) == before


@pytest.mark.e2e
def test_workers_store_the_same_events(first_run, pipeline, tmp_path):
    store, serial, _ = first_run
    with Store(f"sqlite:///{tmp_path / 'parallel.db'}") as parallel_store:
        parallel = code_articles(_inputs(), parallel_store, pipeline, batch_size=2, workers=2)
        assert parallel.events_in_run == serial.events_in_run
        assert (parallel.coded, parallel.new_events) == (serial.coded, serial.new_events)
        assert _events(parallel_store, parallel) == _events(store, serial)


@pytest.mark.e2e
def test_one_process_parses_across_store_batches(first_run, pipeline, tmp_path, monkeypatch):
    """Store batches of 2 are parsed by one nlp.pipe stream (full spaCy batches), and the
    stored events are those of a run whose store batch holds every article."""
    store, serial, _ = first_run
    calls = []
    real = type(pipeline).process_many

    def spy(self, articles, **kwargs):
        calls.append(1)
        return real(self, articles, **kwargs)

    monkeypatch.setattr(type(pipeline), "process_many", spy)
    with Store(f"sqlite:///{tmp_path / 'one.db'}") as one_store:
        whole = code_articles(_inputs(), one_store, pipeline, batch_size=100)
        assert _events(one_store, whole) == _events(store, serial)
    assert len(calls) == 1
    calls.clear()
    with Store(f"sqlite:///{tmp_path / 'two.db'}") as two_store:
        code_articles(_inputs(), two_store, pipeline, batch_size=2)
    assert len(calls) == 1  # not one per store batch


@pytest.mark.e2e
def test_workers_send_back_slim_results_unless_the_caller_reads_them(first_run, pipeline,
                                                                     tmp_path):
    """A pool's workers leave the places, mentions and truth features out of what they send
    back when nobody reads them (the store keeps none of them), and send them all to an
    ``on_result`` caller: the same results as a run in one process."""
    from eventcoder.pipeline import code_batch, slimmed

    _, _, calls = first_run
    arts = [r.article for r in calls["result"]]
    full = code_batch(pipeline.config, arts)
    slim = code_batch(pipeline.config, arts, slim=True)
    assert [slimmed(r) for r in full] == slim
    assert any(r.places for r in full) and not any(r.places or r.mentions for r in slim)
    assert [(r.article, r.events, r.candidates, r.warnings) for r in slim] == \
        [(r.article, r.events, r.candidates, r.warnings) for r in full]
    seen: list = []
    with Store(f"sqlite:///{tmp_path / 'parallel.db'}") as store:
        code_articles(_inputs(), store, pipeline, batch_size=2, workers=2,
                      on_result=seen.append)
    assert [(r.article.id, bool(r.places), bool(r.mentions)) for r in seen] == [
        (r.article.id, bool(r.places), bool(r.mentions)) for r in calls["result"]]


def test_exported_lazily_from_the_package():
    assert eventcoder.code_articles is code_articles
    assert eventcoder.RunStats is RunStats
    with Store("sqlite://") as store, pytest.raises(ValueError, match="at least 1"):
        code_articles([], store, batch_size=0)
