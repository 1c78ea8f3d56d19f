"""Issue 11, items 2 and 8: read-only commands never create a database, unknown filter values
are errors with suggestions, and a human's review status is honoured (rejected events are
left out by default; ``eventcoder review`` records a decision)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.schema import Article, Event
from eventcoder.store import Store, StoreError


def _article(n: int) -> Article:
    return Article.from_text(f"Report {n}: gunmen attacked a village near Mosul.", id=f"a{n}",
                             published=dt.date(2024, 1, n))


def _event(n: int, **kw: object) -> Event:
    base: dict[str, object] = dict(
        event_id=f"ev-{n}", article_ids=[f"a{n}"], event_date=dt.date(2024, 1, n),
        disorder_type="Political violence", event_type="Violence against civilians",
        sub_event_type="Attack", actor1="Unidentified Armed Group (Iraq)", country="Iraq",
        iso3="IRQ", admin1="Ninewa", location="Mosul", fatalities=n, confidence=0.9)
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


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


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


# --- item 2: no database --------------------------------------------------------------------


@pytest.mark.parametrize("command", [["events"], ["candidates"]])
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
    with pytest.raises(StoreError, match="no eventcoder database at"):
        Store(f"sqlite:///{other}", create=False)
    with sqlite3.connect(other) as conn:  # nothing was added to it
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert tables == {"places"}


