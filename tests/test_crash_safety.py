"""Resume and concurrency with the real ``eventcoder extract`` in subprocesses:

* a run killed with SIGKILL after its first batches are saved, then run again with the same
  arguments, ends with exactly the events (ids and fields) and merges of an uninterrupted run;
* two runs writing to one SQLite file at once, over overlapping inputs, end with an intact
  database, no article or event twice, and the events of one run over all the inputs.

Fixtures: tests/data/wire/reports.jsonl (80 short wire reports from Iraq and Syria, four
events told by two agencies, which cross-article dedup merges). The in-process versions of
these properties, with a stub pipeline: tests/test_run_resume.py.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# runs (and kills) the real `eventcoder extract` in subprocesses
pytestmark = pytest.mark.e2e

REPORTS = Path(__file__).resolve().parent / "data" / "wire" / "reports.jsonl"
BATCH = "2"


def _start(inputs: list[Path], db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from eventcoder.cli import main; main()", "extract",
         *map(str, inputs), "--db", f"sqlite:///{db}", "--batch-size", BATCH, "--format",
         "jsonl", "--no-progress"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finish(proc: subprocess.Popen) -> str:
    """The run's summary line, once it has ended well."""
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    return err.decode().strip().splitlines()[-1]


def _state(db: Path) -> dict:
    """Everything a run leaves that tells its result: events (ids and fields), merges,
    articles."""
    from eventcoder.store import Store

    with Store(f"sqlite:///{db}", create=False) as store:
        events = sorted((e.model_dump() for e in store.query_events(status="all")),
                        key=lambda e: e["event_id"])
    con = sqlite3.connect(db)
    try:
        merges = sorted(con.execute("select absorbed_id, survivor_id from event_merges"))
        articles = sorted(con.execute("select id, content_hash, copy_of from articles"))
    finally:
        con.close()
    return {"events": events, "merges": merges, "articles": articles}


def _articles_stored(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
    except sqlite3.OperationalError:
        return 0
    try:
        return int(con.execute("select count(*) from articles").fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet, or locked
        return 0
    finally:
        con.close()


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    _finish(_start([REPORTS], db))
    state = _state(db)
    n = sum(1 for line in REPORTS.read_text(encoding="utf-8").splitlines() if line.strip())
    assert len(state["articles"]) == n and len(state["merges"]) == 4
    return state


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_then_rerun_gives_the_events_of_an_uninterrupted_run(tmp_path, uninterrupted):
    db = tmp_path / "killed.db"
    proc = _start([REPORTS], db)
    deadline = time.monotonic() + 120
    killed_at = None
    while proc.poll() is None and time.monotonic() < deadline:
        stored = _articles_stored(db) if db.exists() else 0
        if stored >= 6:  # the first batches are saved
            proc.send_signal(signal.SIGKILL)
            killed_at = stored
            break
        time.sleep(0.005)
    proc.communicate(timeout=120)
    assert proc.returncode in (0, -signal.SIGKILL)
    after_kill = _articles_stored(db)
    print(f"killed with {killed_at} articles stored; {after_kill} after the kill")
    assert after_kill % int(BATCH) == 0, "a partial batch was committed"
    if killed_at is not None:
        assert after_kill < len(uninterrupted["articles"]), "killed too late to tell"

    _finish(_start([REPORTS], db))  # the same command again
    assert _state(db) == uninterrupted


def test_two_runs_at_once_on_one_sqlite_file(tmp_path, uninterrupted):
    lines = REPORTS.read_text(encoding="utf-8").splitlines(keepends=True)
    # A and C hold the two agencies' reports of some events, so the runs merge across
    # each other's articles; both read B first, at the same time, so both code its first
    # batches and one finds them stored by the other when it comes to save them
    parts = {"a": lines[:30], "b": lines[30:55], "c": lines[55:]}
    files = {}
    for name, part in parts.items():
        files[name] = tmp_path / f"{name}.jsonl"
        files[name].write_text("".join(part), encoding="utf-8")
    db = tmp_path / "shared.db"
    first = _start([files["b"], files["a"]], db)
    second = _start([files["b"], files["c"]], db)
    summaries = [_finish(first), _finish(second)]
    print(*summaries, sep="\n")
    # each text coded and stored by one of them: the other counts it as already stored
    coded = [int(re.search(r"([\d,]+) coded", s).group(1).replace(",", "")) for s in summaries]
    assert sum(coded) == len(uninterrupted["articles"])

    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for table, key in (("articles", "id"), ("articles", "content_hash"),
                           ("events", "event_id")):
            assert con.execute(f"select count(*) - count(distinct {key}) from {table}"
                               ).fetchone()[0] == 0, f"{table}.{key} stored twice"
        assert con.execute("select count(*) from (select event_id, article_id from "
                           "event_articles group by 1, 2 having count(*) > 1)").fetchone()[0] == 0
    finally:
        con.close()
    assert _state(db) == uninterrupted
