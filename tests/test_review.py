"""Issue 11, items 2 and 8: read-only commands never create a database, unknown filter values
are errors with suggestions, and a human's review status is honoured (rejected events are
left out by default; ``eventcoder review`` records a decision)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from ec_testutils import mosul_article as _article
from ec_testutils import mosul_event as _event
from ec_testutils import run_cli as _run
from eventcoder.config import Config
from eventcoder.errors import InputError
from eventcoder.filters import check_country, check_event_type
from eventcoder.pipeline import ArticleResult, Pipeline
from eventcoder.run import code_articles
from eventcoder.schema import Article
from eventcoder.store import Store, StoreError


@pytest.fixture()
def db(tmp_path: Path) -> str:
    """A small SQLite store: ev-1 auto, ev-2 reviewed, ev-3 rejected, ev-4 a battle in a
    country that only a custom gazetteer would name."""
    url = f"sqlite:///{tmp_path / 'events.db'}"
    with Store(url) as store:
        store.save_batch([_article(n) for n in range(1, 5)], [
            _event(1), _event(2, status="reviewed"), _event(3, status="rejected"),
            _event(4, event_type="Battles", sub_event_type="Armed clash",
                   country="Kurdistan Region", iso3=None)])
    return url


def _ids(output: str) -> list[str]:
    return [json.loads(line)["event_id"] for line in output.splitlines()
            if line.startswith("{")]


# --- item 2: no database --------------------------------------------------------------------


@pytest.mark.parametrize("command", [["events"], ["candidates"],
                                     ["review", "ev-1", "--status", "rejected"]])
def test_read_commands_need_a_database(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "missing.db"
    result = _run(*command, "--db", f"sqlite:///{path}")
    assert result.exit_code == 1, result.output
    assert f"Error: no database at {path} (" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_default_database_is_not_created_by_events(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("EVENTCODER_DB", "EVENTCODER_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    result = _run("events")
    assert result.exit_code == 1
    assert "no database at eventcoder.db" in result.output
    assert list(tmp_path.iterdir()) == []


def test_store_without_create_opens_only_an_eventcoder_database(tmp_path: Path,
                                                                 db: str) -> None:
    with Store(db, create=False) as store:
        assert store.count_events() == 4
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE places (id INTEGER)")
    conn.close()
    before = other.read_bytes()
    with pytest.raises(StoreError, match="no eventcoder database at"):
        Store(f"sqlite:///{other}", create=False)
    assert other.read_bytes() == before  # not a table added, not even the journal mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.db", "other.sqlite"]
    text = tmp_path / "notes.txt"
    text.write_text("not a database, but long enough for SQLite to look at its header " * 2)
    with pytest.raises(StoreError, match="cannot open database"):
        Store(f"sqlite:///{text}", create=False)


# --- item 2: unknown filter values ----------------------------------------------------------


def test_unknown_type_names_the_closest(db: str) -> None:
    battle = _run("events", "--db", db, "--type", "Battle")
    assert battle.exit_code == 2
    assert "Invalid value for '--type': unknown event type 'Battle': did you mean " \
           "'Battles'?" in battle.output
    sub = _run("events", "--db", db, "--type", "air strike")
    assert sub.exit_code == 2 and "'Air/drone strike'" in sub.output
    nothing_close = _run("events", "--db", db, "--type", "xyzzy")
    assert nothing_close.exit_code == 2
    assert "Battles, Explosions/Remote violence" in nothing_close.output
    assert "Armed clash" in nothing_close.output  # sub-event types are listed too
    ok = _run("events", "--db", db, "--type", "armed CLASH", "--format", "jsonl")
    assert ok.exit_code == 0 and _ids(ok.output) == ["ev-4"]


def test_unknown_country_names_the_closest(db: str) -> None:
    typo = _run("events", "--db", db, "--country", "Irak")
    assert typo.exit_code == 2
    assert "Invalid value for '--country': unknown country 'Irak': did you mean 'Iraq'" \
        in typo.output
    iso2 = _run("events", "--db", db, "--country", "IQ")
    assert iso2.exit_code == 2 and "did you mean 'Iraq'?" in iso2.output
    far = _run("events", "--db", db, "--country", "Qqqqqqqq")
    assert far.exit_code == 2
    assert "countries in this database: Iraq (IRQ), Kurdistan Region" in far.output
    # a known country without events is an empty result, not an error
    france = _run("events", "--db", db, "--country", "France", "--format", "jsonl")
    assert france.exit_code == 0 and _ids(france.output) == []
    # ISO3, any case; and a country only the store knows (a custom gazetteer's name)
    assert _ids(_run("events", "--db", db, "--country", "irq", "--format", "jsonl").output) \
        == ["ev-1", "ev-2"]
    assert _ids(_run("events", "--db", db, "--country", "kurdistan region", "--format",
                     "jsonl").output) == ["ev-4"]


def test_filter_checks_in_the_library() -> None:
    assert check_event_type("protests") == "protests"
    with pytest.raises(InputError, match="did you mean 'Violence against civilians'"):
        check_event_type("Violence against civilian")
    assert check_country("Syria") == "Syria" and check_country("SYR") == "SYR"
    with pytest.raises(InputError, match="did you mean 'Democratic Republic of the Congo'"):
        check_country("Democratic Republic of Congo")  # ACLED's spelling, not the gazetteer's
    with pytest.raises(InputError, match="no event in this database has a country"):
        check_country("Qqqqqqqq")


# --- item 8: review status ------------------------------------------------------------------


def test_rejected_events_are_left_out_by_default(db: str) -> None:
    default = _run("events", "--db", db, "--format", "jsonl")
    assert default.exit_code == 0 and _ids(default.output) == ["ev-1", "ev-2", "ev-4"]
    rejected = _run("events", "--db", db, "--format", "jsonl", "--status", "rejected")
    assert _ids(rejected.output) == ["ev-3"]
    both = _run("events", "--db", db, "--format", "jsonl", "--status", "auto",
                "--status", "rejected")
    assert _ids(both.output) == ["ev-1", "ev-3", "ev-4"]
    every = _run("events", "--db", db, "--format", "csv", "--status", "all")
    assert every.exit_code == 0 and len(every.output.strip().splitlines()) == 1 + 4
    table = _run("events", "--db", db)
    assert "ev-3" not in table.output and "3 events" in table.output


def test_store_reads_leave_rejected_out_unless_asked(db: str) -> None:
    with Store(db) as store:
        assert [e.event_id for e in store.query_events()] == ["ev-1", "ev-2", "ev-4"]
        assert [e.event_id for e in store.iter_events(page_size=1)] == ["ev-1", "ev-2", "ev-4"]
        assert [e.event_id for e in store.query_events(status="rejected")] == ["ev-3"]
        assert len(store.query_events(status="all")) == 4
        assert [e.event_id for e in store.iter_events(status=["reviewed", "rejected"])] == \
            ["ev-2", "ev-3"]
        hashes = [_article(n).content_hash for n in (3, 1)]
        assert [e.event_id for e in store.events_for_hashes(hashes)] == ["ev-1"]
        assert [e.event_id for e in store.events_for_hashes(hashes, status="all")] == \
            ["ev-3", "ev-1"]
        assert store.get_event("ev-3") is not None  # by id: whatever its status
        assert store.count_events() == 4
        with pytest.raises(InputError, match="unknown status 'approved'"):
            store.query_events(status="approved")


def test_review_sets_the_status_and_keeps_the_history(db: str) -> None:
    first = _run("review", "ev-1", "--status", "rejected", "--db", db)
    assert first.exit_code == 0, first.output
    assert first.output == "ev-1: rejected (was auto)\n"
    again = _run("review", "ev-1", "--status", "rejected", "--db", db)
    assert again.output == "ev-1: rejected (unchanged)\n"
    with Store(db) as store:
        assert store.get_event("ev-1").status == "rejected"  # type: ignore[union-attr]
        assert [e.status for e in store.event_history("ev-1")] == ["auto"]
    assert "ev-1" not in _ids(_run("events", "--db", db, "--format", "jsonl").output)
    undo = _run("review", "ev-1", "--status", "auto", "--db", db)
    assert undo.output == "ev-1: auto (was rejected)\n"
    assert "ev-1" in _ids(_run("events", "--db", db, "--format", "jsonl").output)


def test_review_of_an_unknown_event_fails(db: str) -> None:
    result = _run("review", "nope", "--status", "reviewed", "--db", db)
    assert result.exit_code == 1
    assert result.output == f"Error: no event with id 'nope' in {db}\n"
    bad = _run("review", "ev-1", "--status", "approved", "--db", db)
    assert bad.exit_code == 2 and "'approved' is not one of" in bad.output


class _FakePipeline(Pipeline):
    """Codes each article into the one event stored for it (no models loaded)."""

    def __init__(self) -> None:
        super().__init__(Config())

    def process_many(self, articles: Iterable[Article], *args: object,
                     **kwargs: object) -> Iterator[ArticleResult]:
        for a in articles:
            n = int(a.id[1:])
            yield ArticleResult(article=a, events=[_event(n)])


def test_run_path_leaves_rejected_events_out(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'run.db'}"
    with Store(url) as store:
        store.save_batch([_article(9)], [_event(2, status="rejected", article_ids=["a9"])])
        done = []
        stats = code_articles([_article(1), _article(2)], store, _FakePipeline(),
                              progress=done.append)
        assert stats.coded == 2 and stats.new_events == 1
        assert stats.events_in_run == ["ev-1"]  # ev-2 was merged into the rejected ev-2
        assert [d.event_ids for d in done] == [("ev-1",), ()]
        assert store.get_event("ev-2").status == "rejected"  # type: ignore[union-attr]
        assert [e.event_id for e in store.events_for_hashes(stats.content_hashes)] == ["ev-1"]
