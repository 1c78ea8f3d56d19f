"""A run killed with SIGKILL loses at most the batch in flight; re-running completes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

# runs and kills the real `eventcoder extract` in a subprocess
pytestmark = pytest.mark.e2e

TOWNS = ["Kirkuk", "Mosul", "Baquba", "Tikrit", "Ramadi", "Samarra", "Fallujah", "Hit"]


def _articles(path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            town = TOWNS[i % len(TOWNS)]
            text = (f"Gunmen attacked a police checkpoint near {town} on Monday, killing {i % 5 + 1}"
                    f" policemen, officials said. Report number {i}.")
            fh.write(json.dumps({"id": f"a{i:03d}", "date": "2025-03-12", "text": text}) + "\n")


def _run(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from eventcoder.cli import main; main()",
                             *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _counts(db) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        return (con.execute("select count(*) from articles").fetchone()[0],
                con.execute("select count(*) from events").fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0, 0
    finally:
        con.close()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_then_rerun_completes_without_duplicates(tmp_path):
    src = tmp_path / "in.jsonl"
    n = 120
    _articles(src, n)
    db = tmp_path / "killed.db"
    args = ["extract", str(src), "--db", f"sqlite:///{db}", "--batch-size", "5", "--format",
            "jsonl"]
    proc = _run(args)
    deadline = time.monotonic() + 120
    killed_at = None
    while proc.poll() is None and time.monotonic() < deadline:
        stored, _ = _counts(db) if db.exists() else (0, 0)
        if stored >= 10:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            killed_at = stored
            break
        time.sleep(0.01)
    assert proc.wait(timeout=120) in (0, -signal.SIGKILL)
    articles_after_kill, _ = _counts(db)
    print(f"killed with {killed_at} stored; {articles_after_kill} after")
    assert articles_after_kill % 5 == 0, "a partial batch was committed"
    if killed_at is not None:
        assert articles_after_kill < n

    rerun = _run(args)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read().decode()
    clean_db = tmp_path / "clean.db"
    clean = _run(["extract", str(src), "--db", f"sqlite:///{clean_db}", "--batch-size", "50"])
    assert clean.wait(timeout=300) == 0, clean.stderr.read().decode()
    assert _counts(db) == _counts(clean_db)
    assert _counts(db)[0] == n
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("select event_id from events")]
    con.close()
    assert len(ids) == len(set(ids))
