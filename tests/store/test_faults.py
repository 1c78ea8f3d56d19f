"""The store under faults (issue 15): a full disk, a read-only database file or folder, a
PostgreSQL server stopped in the middle of a run.

Each fault is met by the real ``eventcoder extract`` (in process, with a stub pipeline that
gives one canned event per article, so no model is loaded) and must give:

* a one-line error and exit status 1, with the run's summary before it, no traceback;
* nothing half written: every stored article has its event (a batch is saved whole or not);
* after the fault is cleared, a re-run that ends with exactly the events (ids and fields) and
  articles of one uninterrupted run.

Disk full and read-only need mounts: a size-limited tmpfs, and read-only bind mounts (root
ignores file modes, so chmod 0444 alone would test nothing as root; as another user the tests
use chmod). Without permission to mount they skip with the reason.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ec_testutils import store_batches
from eventcoder.cli import cli
from eventcoder.config import Config
from eventcoder.pipeline import ArticleResult, Pipeline
from eventcoder.schema import Article, Event, Evidence
from eventcoder.store import Store

BATCH = 4
N_ARTICLES = 24
DAY = dt.date(2025, 3, 12)
WORDS = ("gunmen attacked village near convoy police army checkpoint market farmers rebels "
         "fighters district governor said residents fled clashes town road bridge soldiers "
         "militants officials morning night houses burned wounded hospital").split()


def _text(n: int, words: int) -> str:
    rng = random.Random(n)  # every article its own words: no near-duplicate of another
    body = " ".join(rng.choice(WORDS) + str(rng.randrange(10_000)) for _ in range(words))
    return f"Report {n}: gunmen attacked a village near Mosul. {body}."


def _inputs(folder: Path, words: int = 30) -> Path:
    import json

    path = folder / "reports.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for n in range(N_ARTICLES):
            fh.write(json.dumps({"id": f"a{n:02}", "text": _text(n, words),
                                 "date": DAY.isoformat()}) + "\n")
    return path


def _event(article: Article) -> Event:
    n = int(article.id[1:])
    sentence = article.text.split(".")[0] + "."
    return Event(event_id=f"ev-{article.id}", article_ids=[article.id],
                 event_date=DAY - dt.timedelta(days=7 * n),
                 disorder_type="Political violence", event_type="Violence against civilians",
                 sub_event_type="Attack", actor1="Unidentified Armed Group (Iraq)",
                 fatalities=n % 3, confidence=0.8, country="Iraq", iso3="IRQ",
                 admin1="Ninawa", location=f"Village {n}", latitude=36.0 + n / 10,
                 longitude=43.0 + n / 10,
                 evidence=[Evidence(article_id=article.id, field="sentence", start=0,
                                    end=len(sentence), text=sentence)])


class StubPipeline(Pipeline):
    """One canned event per article; :attr:`during` is called with each batch's number
    (from 1) before it is coded: where a test pulls the plug."""

    during: Callable[[int], None] | None = None

    def __init__(self, config: Config | None = None, **kwargs: object) -> None:
        super().__init__(config or Config())
        self.batches = 0

    def process_many(self, articles: Iterable[Article], *, batch_size: int = 32
                     ) -> Iterator[ArticleResult]:
        for batch in store_batches(articles, BATCH):
            self.batches += 1
            if StubPipeline.during is not None:
                StubPipeline.during(self.batches)
            for a in batch:
                yield ArticleResult(article=a, events=[_event(a)])


@pytest.fixture(autouse=True)
def stub_pipeline(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[StubPipeline]]:
    import eventcoder.run as run

    monkeypatch.setattr(run, "Pipeline", StubPipeline)
    StubPipeline.during = None
    yield StubPipeline
    StubPipeline.during = None


def _extract(inputs: Path, db: str, gazetteer: Path) -> Result:
    return CliRunner().invoke(cli, ["extract", str(inputs), "--db", db, "--batch-size",
                                    str(BATCH), "--gazetteer", str(gazetteer), "--no-progress",
                                    "--format", "jsonl", "--output", os.devnull])


def _state(db: str) -> dict:
    """What a run leaves that tells its result: events (ids and fields), articles."""
    with Store(db, create=False) as store:
        events = sorted((e.model_dump() for e in store.query_events(status="all")),
                        key=lambda e: e["event_id"])
        article_ids = sorted(e["article_ids"][0] for e in events)
        stored = store.count_articles()
    return {"events": events, "articles": stored, "with_events": article_ids}


def _assert_whole_batches(db: str) -> int:
    """Every stored article has its event, and whole batches only are stored; RETURNS the
    number of articles stored."""
    state = _state(db)
    assert state["articles"] == len(state["with_events"]), "an article without its event"
    assert state["articles"] % BATCH == 0, "part of a batch was saved"
    return int(state["articles"])


def _assert_one_line_failure(result: Result) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: ") and len(lines[-1]) < 400, lines[-1]
    assert lines[-2].startswith("stopped after "), lines[-2]  # the summary comes first


@pytest.fixture
def uninterrupted(tmp_path_factory: pytest.TempPathFactory, tiny_gazetteer_path: Path
                  ) -> Callable[[Path], dict]:
    """The state of one run without faults over the same inputs (a SQLite file)."""
    def run(inputs: Path) -> dict:
        db = f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.db'}"
        result = _extract(inputs, db, tiny_gazetteer_path)
        assert result.exit_code == 0, result.output
        return _state(db)
    return run


# -- mounts ------------------------------------------------------------------------------------

def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise OSError(done.stderr.strip() or f"mount {' '.join(args)} failed")


def _umount(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True, check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs: a file system that fills up."""
    if os.name != "posix" or shutil.which("mount") is None:
        pytest.skip("needs mount (POSIX)")
    folder = tmp_path / "small"
    folder.mkdir()
    try:
        _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder))
    except OSError as exc:
        pytest.skip(f"cannot mount a size-limited tmpfs (needs root or CAP_SYS_ADMIN): {exc}")
    try:
        yield folder
    finally:
        _umount(folder)


def _read_only(path: Path) -> Callable[[], None]:
    """Make ``path`` (a file or a folder) read-only, for root too; RETURNS the undo."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        return lambda: path.chmod(mode)
    try:  # root ignores modes: a read-only bind mount of the path on itself
        _mount("--bind", str(path), str(path))
    except OSError as exc:
        pytest.skip(f"cannot bind-mount {path.name} read-only as root: {exc}")
    try:
        _mount("-o", "remount,bind,ro", str(path))
    except OSError as exc:
        _umount(path)
        pytest.skip(f"cannot bind-mount {path.name} read-only as root: {exc}")
    return lambda: _umount(path)


# -- the faults --------------------------------------------------------------------------------

def test_a_full_disk(small_disk: Path, tmp_path: Path, tiny_gazetteer_path: Path,
                     uninterrupted: Callable[[Path], dict]) -> None:
    inputs = _inputs(tmp_path, words=8000)  # about 90 KB a report: 2 MiB holds some batches
    db_path = small_disk / "events.db"
    db = f"sqlite:///{db_path}"
    result = _extract(inputs, db, tiny_gazetteer_path)
    _assert_one_line_failure(result)
    assert "disk is full" in result.output.splitlines()[-1]
    stored = _assert_whole_batches(db)
    # the summary counts what was saved, not the batch that failed to commit
    assert f"{stored} coded" in result.output and f"{stored} new events" in result.output
    assert 0 < stored < N_ARTICLES, "the disk did not fill mid-run"
    assert sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchall() == [("ok",)]

    _mount("-o", "remount,size=64m", str(small_disk))  # space freed
    result = _extract(inputs, db, tiny_gazetteer_path)
    assert result.exit_code == 0, result.output
    assert f"{stored} already stored" in result.output
    assert _state(db) == uninterrupted(inputs)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database(what: str, tmp_path: Path, tiny_gazetteer_path: Path,
                              uninterrupted: Callable[[Path], dict]) -> None:
    """A database file that cannot be written (chmod 0444), or one in a folder where the
    write-ahead log cannot be made: refused before any work, nothing changed."""
    inputs = _inputs(tmp_path)
    folder = tmp_path / "db"
    folder.mkdir()
    db_path = folder / "events.db"
    db = f"sqlite:///{db_path}"
    first = tmp_path / "first.jsonl"  # an earlier run stored the first batch
    first.write_text("".join(inputs.read_text(encoding="utf-8").splitlines(keepends=True)[:BATCH]),
                     encoding="utf-8")
    assert _extract(first, db, tiny_gazetteer_path).exit_code == 0
    before = _state(db)

    undo = _read_only(db_path if what == "file" else folder)
    try:
        result = _extract(inputs, db, tiny_gazetteer_path)
    finally:
        undo()
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    last = result.output.strip().splitlines()[-1]
    # refused when opened (the folder: no write-ahead log can be made) or at the first
    # save (the file: it opens, read-only)
    assert last.startswith(("Error: cannot open database", "Error: cannot write to database"))
    assert str(db_path) in last, last
    assert last.endswith("(the file is read-only)" if what == "file" else
                         "(its folder is read-only: SQLite makes its journal there)"), last
    assert _state(db) == before  # nothing written

    result = _extract(inputs, db, tiny_gazetteer_path)  # writable again
    assert result.exit_code == 0, result.output
    assert _state(db) == uninterrupted(inputs)


def test_postgresql_stopped_mid_run(own_pg_cluster, tmp_path: Path, tiny_gazetteer_path: Path,
                                    stub_pipeline: type[StubPipeline]) -> None:
    inputs = _inputs(tmp_path)
    clean = own_pg_cluster.create_database()
    assert _extract(inputs, clean, tiny_gazetteer_path).exit_code == 0
    db = own_pg_cluster.create_database()

    def pull_the_plug(batch: int) -> None:
        if batch == 3:  # batches 1 and 2 are saved; 3 is being coded
            own_pg_cluster.halt()

    stub_pipeline.during = pull_the_plug
    result = _extract(inputs, db, tiny_gazetteer_path)
    stub_pipeline.during = None
    _assert_one_line_failure(result)
    own_pg_cluster.restart()
    assert _assert_whole_batches(db) == 2 * BATCH

    result = _extract(inputs, db, tiny_gazetteer_path)
    assert result.exit_code == 0, result.output
    assert f"{2 * BATCH} already stored" in result.output
    assert _state(db) == _state(clean)
