"""Issue 12, items 4 and 5: ``eventcoder events --id`` finds an event (or the survivor of the
merge that absorbed it), ``--history`` shows its versions and what changed, and ``--merge``
records a human's merge of two events."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

import pytest

from ec_testutils import mosul_article, mosul_event
from ec_testutils import run_cli as _run
from eventcoder.store import Store

_article = functools.partial(mosul_article, day=1)
_event = functools.partial(mosul_event, day=1)


@pytest.fixture()
def db(tmp_path: Path) -> str:
    """ev-1, ev-2 (2 killed), ev-4 (4 killed; merged into ev-2 by the tests that need it)."""
    url = f"sqlite:///{tmp_path / 'events.db'}"
    with Store(url) as store:
        store.save_batch([_article(n) for n in (1, 2, 4)], [_event(1), _event(2), _event(4)])
    return url


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_id_prints_the_events_asked_for(db: str) -> None:
    result = _run("events", "--db", db, "--id", "ev-4", "--id", "ev-1", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [e["event_id"] for e in _jsonl(result.stdout)] == ["ev-4", "ev-1"]


def test_id_of_an_absorbed_event_finds_its_survivor(db: str) -> None:
    with Store(db) as store:
        store.merge_events("ev-2", "ev-4", score=0.8, reasons=["text 0.9"])
    result = _run("events", "--db", db, "--id", "ev-4", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    [event] = _jsonl(result.stdout)
    assert event["event_id"] == "ev-2" and event["article_ids"] == ["a2", "a4"]
    assert "ev-4 was merged into ev-2" in result.stderr


def test_unknown_id_exits_1(db: str) -> None:
    result = _run("events", "--db", db, "--id", "ev-1", "--id", "ev-nope")
    assert result.exit_code == 1
    assert "no event with id 'ev-nope'" in result.output


def test_events_without_merge_never_creates_a_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'none.db'}"
    for args in (("--id", "ev-1"), ("--history", "ev-1"), ("--merge", "ev-1", "ev-2")):
        assert _run("events", "--db", url, *args).exit_code == 1
    assert not (tmp_path / "none.db").exists()


def test_history_lists_versions_with_cause_user_and_what_changed(db: str) -> None:
    with Store(db) as store:
        store.set_status("ev-2", "reviewed", user="ana", comment="checked the wire")
        store.merge_events("ev-2", "ev-4", score=0.75, reasons=["text 0.8", "date 1.0"])
        store.save_batch([], [_event(2, status="reviewed", fatalities=3)])
    result = _run("events", "--db", db, "--history", "ev-2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("r1 ") and "coded: first stored" in lines[0]
    assert lines[1].startswith("r2 ") and "review by ana: status auto -> reviewed" in lines[1]
    assert lines[1].endswith('"checked the wire"')
    assert lines[2].startswith("r3 ") and "merge ev-4 (dedup):" in lines[2]
    assert "sources_count 1 -> 2" in lines[2] and "article_ids +a4" in lines[2]
    assert lines[3].startswith("r4 ") and "source added: fatalities 2 -> 3" in lines[3]
    assert "fatalities: a human review (reviewed) (from a2)" in lines[4]
    assert lines[-1].startswith("merged ev-4  score 0.750") and "(text 0.8; date 1.0)" in lines[-1]

    as_json = _jsonl(_run("events", "--db", db, "--history", "ev-2", "--format", "jsonl").stdout)
    assert [v["revision"] for v in as_json] == [1, 2, 3, 4]
    assert [v["cause"] for v in as_json] == ["coded", "review", "merge", "source added"]
    assert [v["user"] for v in as_json] == [None, "ana", None, None]
    assert as_json[1]["comment"] == "checked the wire"
    assert [v["status"] for v in as_json] == ["auto", "reviewed", "reviewed", "reviewed"]
    assert as_json[1]["changes"] == {"status": ["auto", "reviewed"]}
    assert as_json[2]["changes"]["sources_count"] == [1, 2]
    assert as_json[2]["detail"]["absorbed"] == "ev-4" and as_json[2]["detail"]["score"] == 0.75
    assert as_json[2]["detail"]["by"] == "dedup" and as_json[2]["detail"]["articles"] == ["a4"]
    assert as_json[3]["changes"] == {"fatalities": [2, 3]}
    times = [dt.datetime.fromisoformat(v["time"]) for v in as_json]
    assert times == sorted(times) and all(t.tzinfo is not None for t in times)


def test_history_of_an_absorbed_id_is_its_survivors(db: str) -> None:
    with Store(db) as store:
        store.merge_events("ev-2", "ev-4")
    result = _run("events", "--db", db, "--history", "ev-4", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert {v["event_id"] for v in _jsonl(result.stdout)} == {"ev-2"}
    assert "ev-4 was merged into ev-2" in result.stderr
    assert _run("events", "--db", db, "--history", "ev-nope").exit_code == 1


def test_merge_records_a_human_merge(db: str) -> None:
    result = _run("events", "--db", db, "--merge", "ev-4", "ev-2")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "ev-2 merged into ev-4"  # A survives even with the larger id
    with Store(db, create=False) as store:
        assert store.resolve_id("ev-2") == "ev-4"
        assert store.get_event("ev-2").article_ids == ["a4", "a2"]  # type: ignore[union-attr]
        [record] = store.merges_into("ev-4")
        assert record.absorbed_id == "ev-2" and record.reasons == ["human"]
        assert store.count_events() == 2
    found = _run("events", "--db", db, "--id", "ev-2", "--format", "jsonl")
    assert [e["event_id"] for e in _jsonl(found.stdout)] == ["ev-4"]


@pytest.mark.parametrize("pair", [("ev-1", "ev-1"), ("ev-1", "ev-nope"), ("ev-nope", "ev-1")])
def test_merge_refuses_bad_ids(db: str, pair: tuple[str, str]) -> None:
    result = _run("events", "--db", db, "--merge", *pair)
    assert result.exit_code == 1
    with Store(db, create=False) as store:
        assert store.count_events() == 3 and store.merges_into("ev-1") == []


def test_merge_refuses_ids_that_are_already_one_event(db: str) -> None:
    assert _run("events", "--db", db, "--merge", "ev-2", "ev-4").exit_code == 0
    result = _run("events", "--db", db, "--merge", "ev-4", "ev-2")
    assert result.exit_code == 1 and "already one event" in result.output


def test_id_history_and_merge_are_exclusive(db: str) -> None:
    result = _run("events", "--db", db, "--id", "ev-1", "--history", "ev-1")
    assert result.exit_code == 2


def test_merge_refuses_to_absorb_a_rejected_event(db: str) -> None:
    """The merge policy takes the fields and status of a human decision on either side, so
    absorbing a rejected event would reject the survivor: refused, nothing written."""
    with Store(db) as store:
        store.set_status("ev-4", "rejected")
    result = _run("events", "--db", db, "--merge", "ev-2", "ev-4")
    assert result.exit_code == 1 and "ev-4 is rejected" in result.output
    with Store(db, create=False) as store:
        assert store.event_statuses(["ev-2"]) == {"ev-2": "auto"}
        assert store.count_events() == 3
