"""Issue 12, item 1, in the store and the run path, on SQLite and PostgreSQL: a near-duplicate
copy of a stored article is stored with ``copy_of`` and linked to its events, not coded.

Signatures and texts are tested in tests/dedup/test_near.py; the texts are in
tests/data/near (a wire report, a lightly edited copy, another outlet's report).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import event as sa_event

from eventcoder.config import Config
from eventcoder.dedup import near
from eventcoder.pipeline import ArticleResult, Pipeline
from eventcoder.run import ArticleDone, RunStats, code_articles
from eventcoder.schema import Article, Event
from eventcoder.store import Store

DATA = Path(__file__).resolve().parents[1] / "data" / "near"
DAY = dt.date(2025, 3, 11)


def _text(name: str) -> str:
    return (DATA / f"{name}.txt").read_text(encoding="utf-8")


def _article(name: str, id: str | None = None) -> Article:
    return Article.from_text(_text(name), id=id or name, published=DAY, origin=f"{name}.txt")


def _event(article_id: str, **kw: object) -> Event:
    base: dict[str, object] = dict(
        event_id=f"ev-{article_id}", article_ids=[article_id], event_date=DAY,
        disorder_type="Political violence", event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED", actor1="Unidentified Armed Group (Iraq)",
        country="Iraq", iso3="IRQ", admin1="Ninewa", location="Mosul", fatalities=12,
        confidence=0.9)
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def _sig(name: str) -> bytes:
    sig = near.signature(_text(name))
    assert sig is not None
    return sig


class _FakePipeline(Pipeline):
    """Codes each article into one event of its own (no models loaded), and records what it
    was given."""

    def __init__(self, config: Config | None = None) -> None:
        super().__init__(config or Config())
        self.seen: list[str] = []

    def process_many(self, articles: Iterable[Article], *args: object,
                     **kwargs: object) -> Iterator[ArticleResult]:
        for a in articles:
            self.seen.append(a.id)
            yield ArticleResult(article=a, events=[_event(a.id)])


def _adds_up(stats: RunStats) -> bool:
    return stats.read == stats.coded + stats.already_stored + stats.copies + len(stats.skipped)


# ------------------------------------------------------------------------------------------
# the store


def test_candidates_are_the_articles_sharing_a_band(store: Store) -> None:
    base = bytearray(os.urandom(near.NUM_PERM * 4))
    one_band = bytearray(os.urandom(near.NUM_PERM * 4))
    one_band[:near.ROWS * 4] = base[:near.ROWS * 4]  # shares band 0 only
    unrelated = os.urandom(near.NUM_PERM * 4)
    arts = [Article.from_text(f"article {n}", id=n) for n in ("same", "band0", "none", "nosig")]
    store.save_batch(arts, [], signatures={arts[0].content_hash: bytes(base),
                                           arts[1].content_hash: bytes(one_band),
                                           arts[2].content_hash: unrelated})
    found = store.near_candidates({"q": bytes(base), "u": unrelated, "x": os.urandom(512)})
    assert [c.article_id for c in found["q"]] == ["band0", "same"]
    assert found["q"][1] == near_candidate("same", bytes(base))
    assert [c.article_id for c in found["u"]] == ["none"]
    assert "x" not in found
    assert store.near_candidates({}) == {}


def near_candidate(article_id: str, sig: bytes, copy_of: str | None = None) -> object:
    from eventcoder.store.store import NearCandidate

    return NearCandidate(article_id, copy_of, sig)


def test_sqlite_candidate_lookup_uses_the_band_index(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'plan.db'}") as store:
        seen: list[tuple[str, object]] = []

        @sa_event.listens_for(store.engine, "before_cursor_execute")
        def _record(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
            if "article_bands" in statement:
                seen.append((statement, parameters))

        store.near_candidates({"q": _sig("original")})
        sa_event.remove(store.engine, "before_cursor_execute", _record)
        assert seen
        with store.engine.connect() as conn:
            for statement, parameters in seen:
                plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + statement, parameters))  # type: ignore[arg-type]
                assert "ix_article_bands_band_bucket" in plan, plan
                assert "SCAN articles" not in plan, plan


def test_link_copies_adds_a_source_and_keeps_history(store: Store) -> None:
    original = _article("original")
    store.save_batch([original, _article("other")],
                     [_event("original"), _event("reviewed", article_ids=["original"],
                                                 status="reviewed"), _event("other")])
    copy = _article("copy")
    linked = store.link_copies([(copy, "original")], {copy.content_hash: _sig("copy")})
    assert linked == [("copy", ["ev-original", "ev-reviewed"])]
    for eid, status in (("ev-original", "auto"), ("ev-reviewed", "reviewed")):
        ev = store.get_event(eid)
        assert ev is not None
        assert (ev.article_ids, ev.sources_count, ev.status) == (
            ["original", "copy"], 2, status)
        assert ev.fatalities == 12 and ev.evidence == []
        assert [e.article_ids for e in store.event_history(eid)] == [["original"]]
    assert store.get_event("ev-other").article_ids == ["other"]  # type: ignore[union-attr]
    stored = store.get_article("copy")
    assert stored is not None and stored.copy_of == "original"
    assert store.get_article("original").copy_of is None  # type: ignore[union-attr]
    # the copy's events are its original's; a copy of the copy finds it as a candidate
    assert [e.event_id for e in store.events_for_articles(["copy"])] == [
        "ev-original", "ev-reviewed"]
    cands = store.near_candidates({"q": _sig("copy")})["q"]
    assert [(c.article_id, c.copy_of) for c in cands] == [("copy", "original")]
    # linking it again changes nothing
    assert store.link_copies([(copy, "original")]) == [("copy", [])]
    assert store.get_event("ev-original").sources_count == 2  # type: ignore[union-attr]


# ------------------------------------------------------------------------------------------
# the run path


def test_run_links_a_copy_instead_of_coding_it(store: Store) -> None:
    first = code_articles([_article("original")], store, _FakePipeline())
    assert (first.coded, first.copies) == (1, 0)

    pipeline = _FakePipeline()
    done: list[ArticleDone] = []
    inputs = [_article("copy"), _article("other"), _article("original", "again")]
    stats = code_articles(inputs, store, pipeline, progress=done.append)
    assert pipeline.seen == ["other"]  # the copy was never coded
    assert (stats.read, stats.coded, stats.copies, stats.already_stored, stats.skipped) == (
        3, 1, 1, 1, [])
    assert _adds_up(stats)
    assert {(d.origin, d.status, d.event_ids) for d in done} == {
        ("copy.txt", "copy", ("ev-original",)), ("other.txt", "coded", ("ev-other",)),
        ("original.txt", "already_stored", ())}
    assert stats.new_events == 1 and stats.events_in_run == ["ev-original", "ev-other"]
    ev = store.get_event("ev-original")
    assert ev is not None and (ev.article_ids, ev.sources_count) == (["original", "copy"], 2)
    assert store.get_article("copy").copy_of == "original"  # type: ignore[union-attr]
    assert store.get_article("other").copy_of is None  # type: ignore[union-attr]
    assert [e.event_id for e in store.events_for_hashes(stats.content_hashes)] == [
        "ev-original", "ev-other"]

    again = code_articles(inputs, store, _FakePipeline())  # idempotent
    assert (again.read, again.already_stored, again.coded, again.copies) == (3, 3, 0, 0)
    assert store.get_event("ev-original").sources_count == 2  # type: ignore[union-attr]
    assert store.count_articles() == 3


@pytest.mark.parametrize("batch_size", [1, 10])
def test_a_copy_of_an_article_of_the_same_run_waits_for_it(store: Store,
                                                           batch_size: int) -> None:
    pipeline = _FakePipeline()
    stats = code_articles([_article("original"), _article("copy"), _article("other")], store,
                          pipeline, batch_size=batch_size)
    assert pipeline.seen == ["original", "other"]
    assert (stats.coded, stats.copies) == (2, 1) and _adds_up(stats)
    ev = store.get_event("ev-original")
    assert ev is not None and ev.article_ids == ["original", "copy"] and ev.sources_count == 2
    assert store.get_article("copy").copy_of == "original"  # type: ignore[union-attr]


def test_a_copy_of_a_copy_is_linked_to_the_original(store: Store) -> None:
    code_articles([_article("original"), _article("copy")], store, _FakePipeline())
    # the copy again, under another id and with one more line: nearer the copy than the original
    text = _text("copy") + "\nThis article was republished from Gulf Daily News.\n"
    again = Article.from_text(text, id="copy2", published=DAY)
    stats = code_articles([again], store, _FakePipeline())
    assert stats.copies == 1
    assert store.get_article("copy2").copy_of == "original"  # type: ignore[union-attr]
    assert store.get_event("ev-original").article_ids == [  # type: ignore[union-attr]
        "original", "copy", "copy2"]


@pytest.mark.parametrize("threshold", [0.0, 1.0])
def test_a_threshold_of_0_or_1_turns_the_check_off(store: Store, threshold: float) -> None:
    pipeline = _FakePipeline(Config(near_duplicate_threshold=threshold))
    stats = code_articles([_article("original"), _article("copy")], store, pipeline)
    assert (stats.coded, stats.copies) == (2, 0) and pipeline.seen == ["original", "copy"]
    assert store.get_article("copy").copy_of is None  # type: ignore[union-attr]


def test_the_link_is_visible_in_the_events_command_and_the_summary(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from eventcoder.cli import cli
    from eventcoder.cli.extract import summary

    url = f"sqlite:///{tmp_path / 'events.db'}"
    with Store(url) as store:
        stats = code_articles([_article("original"), _article("copy")], store, _FakePipeline())
    line = summary(stats, 1, None, 0.5, url)
    assert line.startswith("2 read: 1 coded, 1 copy linked, 0 already stored, 0 skipped;")
    out = CliRunner().invoke(cli, ["events", "--db", url, "--format", "jsonl"]).output
    rows = [json.loads(x) for x in out.splitlines() if x.startswith("{")]
    assert [(r["event_id"], r["article_ids"], r["sources_count"]) for r in rows] == [
        ("ev-original", ["original", "copy"], 2)]
