"""Opening one new SQLite file from several processes at the same moment (two `eventcoder
extract` runs started together on a new --db): every one opens it, none fails with "database
is locked".

SQLite answers that at once, without waiting on the busy handler, when two connections switch
a new file to WAL together; the store retries the switch (``_set_wal``).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventcoder.store import Store
from eventcoder.store.store import _set_wal


class _Cursor:
    """A cursor whose first ``fails`` journal-mode switches raise ``error``."""

    def __init__(self, fails: int, error: str = "database is locked") -> None:
        self.fails, self.error, self.calls = fails, error, 0

    def execute(self, sql: str) -> None:
        assert sql == "PRAGMA journal_mode=WAL"
        self.calls += 1
        if self.calls <= self.fails:
            raise sqlite3.OperationalError(self.error)


def test_the_switch_to_wal_is_retried_while_locked():
    cur = _Cursor(fails=3)
    _set_wal(cur)
    assert cur.calls == 4


def test_other_errors_and_a_lock_that_outlasts_the_wait_are_raised():
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        _set_wal(_Cursor(fails=1, error="disk I/O error"))
    cur = _Cursor(fails=10**6)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _set_wal(cur, wait=0.05)
    assert cur.calls > 1


_OPEN = """
import sys, time
from eventcoder.store import Store
start = float(sys.argv[2])
while time.time() < start:
    pass
Store("sqlite:///" + sys.argv[1]).close()
"""


def test_processes_opening_one_new_file_at_once_all_open_it(tmp_path: Path):
    # a race: before the retry about one round in a hundred failed on a 2-core machine, so
    # this catches a regression only now and then; the unit tests above pin the behaviour
    for round_ in range(2):
        db = tmp_path / f"new{round_}.db"
        start = time.time() + 1.5  # after every process has imported eventcoder
        procs = [subprocess.Popen([sys.executable, "-c", _OPEN, str(db), str(start)],
                                  stderr=subprocess.PIPE) for _ in range(3)]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err.decode()
        with Store(f"sqlite:///{db}", create=False) as store:
            assert store.query_events() == []
        con = sqlite3.connect(db)
        try:
            assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            con.close()
