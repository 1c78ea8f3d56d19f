"""Coding posted articles: the run path (:func:`eventcoder.run.code_articles`) behind
``POST /api/articles``, in one worker thread, with background jobs for big requests.

One :class:`~eventcoder.pipeline.Pipeline` per app, made on the first request that codes (the
spaCy model and gazetteer load then, once) and used by one thread only: every coding, a
request's or a job's, runs in turn on a single worker thread, so the NLP objects are never
shared between threads and two codings never race for the same texts. A request of up to
``Config.api_max_sync_articles`` articles waits for its turn and its result; a bigger one
becomes a job (:class:`Job`) whose state ``GET /api/jobs/{id}`` shows.

Jobs are kept in the database (``api_jobs``, migration 0012), so every process serving the
same database (``eventcoder serve --workers N``) answers for every job, and a restart keeps
them; the newest :data:`KEPT_JOBS` finished ones are kept. A job runs in the process that
accepted it (its ``owner``, ``host:pid:token``), which records its progress and, every
:data:`HEARTBEAT_SECONDS` while it has jobs queued or running, a heartbeat. When that
process dies (killed, crashed, its machine gone) its unfinished jobs would stay "running"
for ever, so a reader marks such a job failed, with the reason: at once when the owner ran
on the reader's host and its pid is gone (or is the reader's own pid with a token no app of
this process has: a restarted container; or is an app of this process, the reader or another,
that no longer runs it: its end could not be written), else when its heartbeat is older than
:data:`STALE_AFTER_SECONDS`.
What the job stored stays stored, and posting the same articles again codes only the rest.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import socket
import threading
import time
import weakref
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config
from ..ingest import Skipped, article_from_record
from ..pipeline import Pipeline
from ..run import ArticleDone, RunStats, Skip, code_articles
from ..schema import Article
from ..store import JobRecord, Store
from ..store.backends import sqlite_memory
from .models import ArticleOutcome, IngestResult, JobOut, JobState

log = logging.getLogger(__name__)

#: Finished jobs kept for ``GET /api/jobs/{id}`` (the oldest are forgotten first).
KEPT_JOBS = 200
#: How often a process records that its queued and running jobs are alive (seconds).
HEARTBEAT_SECONDS = 10.0
#: A queued or running job whose heartbeat is older than this (seconds) has lost its
#: process: it is marked failed when read. Well above the heartbeat, since a SQLite write
#: may wait for the lock up to a minute; the hosts' clocks must agree to within a fraction
#: of it (PostgreSQL served from several hosts).
STALE_AFTER_SECONDS = 180.0
#: The job's progress (``settled``) is written at most this often (seconds); its end at once.
PROGRESS_SECONDS = 0.5
#: Why a job whose process is gone failed (what the client sees; the log has the details).
LOST = ("the server process running it stopped before it finished: the articles coded so "
        "far are stored; post the same articles again to code the rest")


class Cancelled(Exception):
    """The server is shutting down: a running job stops after its current batch."""


@dataclass
class Job:
    """A background coding job run by this process. Its fields change on the worker thread;
    read them through :meth:`snapshot`. The database holds the same (:meth:`Coder.job`)."""

    id: str
    user: str
    articles: int
    submitted_at: dt.datetime
    state: JobState = "queued"
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    settled: int = 0
    result: IngestResult | None = None
    error: str | None = None
    #: when ``settled`` was last written (monotonic)
    written: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def snapshot(self) -> JobOut:
        with self.lock:
            return JobOut(id=self.id, state=self.state, user=self.user,
                          submitted_at=self.submitted_at, started_at=self.started_at,
                          finished_at=self.finished_at, articles=self.articles,
                          settled=self.settled, result=self.result, error=self.error)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def job_out(record: JobRecord) -> JobOut:
    """The API's view of a stored job."""
    result = (IngestResult.model_validate_json(record.result) if record.result is not None
              else None)
    return JobOut(id=record.id, state=record.state,  # type: ignore[arg-type]
                  user=record.user, submitted_at=record.submitted_at,
                  started_at=record.started_at, finished_at=record.finished_at,
                  articles=record.articles, settled=record.settled, result=result,
                  error=record.error)


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` of this host runs (a zombie, dead but not yet reaped, does
    not). True when it cannot be told (not POSIX: rely on the heartbeat)."""
    if os.name != "posix" or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: another user's process, alive
        return True
    try:  # Linux: a zombie still answers the signal
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


#: the :class:`Coder` of each app of this process, by owner: a job another app of this
#: process runs is not mistaken for one of an earlier process with the same pid
_CODERS: weakref.WeakValueDictionary[str, Coder] = weakref.WeakValueDictionary()


class Coder:
    """Codes posted articles into ``store`` with ``config``, one coding at a time.

    pipeline: the components to code with (tests inject one); None makes
        ``Pipeline(config)`` on first use.
    heartbeat, stale_after: :data:`HEARTBEAT_SECONDS` and :data:`STALE_AFTER_SECONDS`.
    """

    def __init__(self, store: Store, config: Config, pipeline: Pipeline | None = None, *,
                 heartbeat: float = HEARTBEAT_SECONDS,
                 stale_after: float = STALE_AFTER_SECONDS) -> None:
        self.store = store
        self.config = config
        self._pipeline = pipeline
        self._pipeline_lock = threading.Lock()
        #: the worker thread (made on first use, again after close: an app's lifespan may
        #: run more than once, as under a test client per request)
        self._executor: ThreadPoolExecutor | None = None
        self._executor_lock = threading.Lock()
        #: this process's queued and running jobs (the finished ones are in the database)
        self._jobs: dict[str, Job] = {}
        self._jobs_lock = threading.Lock()
        self._closing = threading.Event()
        self.heartbeat = heartbeat
        self.stale_after = stale_after
        self.host = socket.gethostname()
        #: who runs this process's jobs: the token tells this process from an earlier one
        #: with the same pid (a restarted container)
        self.owner = f"{self.host}:{os.getpid()}:{secrets.token_hex(4)}"
        _CODERS[self.owner] = self
        self._beating: threading.Thread | None = None
        self._beat_stop = threading.Event()
        #: an in-memory SQLite store is this process's alone: no other process to tell
        self._shared = not sqlite_memory(store.url)

    @property
    def pipeline(self) -> Pipeline:
        """The app's one pipeline, made on first use (its models load when it first codes)."""
        with self._pipeline_lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(self.config)
            return self._pipeline

    # -- requests ---------------------------------------------------------------------------

    def run(self, records: Sequence[dict[str, Any]], *, user: str,
            default_date: dt.date | None = None) -> IngestResult:
        """Code ``records`` now (after any coding in progress) and return what became of
        them. RAISES whatever the run path raises (a bug, an unreachable database)."""
        future = self._submit(lambda: self._code(records, user, default_date, None))
        return future.result()

    def submit(self, records: Sequence[dict[str, Any]], *, user: str,
               default_date: dt.date | None = None) -> Job:
        """Queue ``records`` as a background job, stored; RETURNS it at once.
        RAISES Cancelled: when the server is shutting down (no job made)."""
        if self._closing.is_set():
            raise Cancelled("the server is shutting down")
        now = _now()
        job = Job(id=f"job-{secrets.token_hex(8)}", user=user, articles=len(records),
                  submitted_at=now)
        self.store.create_job(JobRecord(
            id=job.id, user=user, state="queued", articles=job.articles, settled=0,
            submitted_at=now, started_at=None, finished_at=None, heartbeat_at=now,
            owner=self.owner), keep=KEPT_JOBS)
        with self._jobs_lock:
            self._jobs[job.id] = job
        try:
            self._submit(lambda: self._run_job(job, records, default_date))
        except Cancelled:
            self._finish(job, "cancelled", error="the server shut down before it ran")
            raise
        self._start_heartbeat()
        return job

    def job(self, job_id: str) -> JobOut | None:
        """The job ``job_id`` as stored (by any process on this database), or None. A queued
        or running job whose process is gone is marked failed first."""
        record = self.store.get_job(job_id)
        if record is None:
            return None
        if record.state in ("queued", "running"):
            why = self._lost(record)
            if why is not None:
                log.warning("coding job %s was %s in process %s, which %s: marked failed",
                            record.id, record.state, record.owner, why)
                self.store.update_job(record.id, states=("queued", "running"),
                                      seen_heartbeat=record.heartbeat_at, state="failed",
                                      error=LOST, finished_at=_now())
                record = self.store.get_job(job_id) or record
        return job_out(record)

    def _lost(self, record: JobRecord) -> str | None:
        """Why the process of ``record`` (queued or running) is gone, or None if it may
        still run it."""
        # this app's, or another app's of this process on the same store (two apps, say):
        # it runs the job unless the job's end could not be written
        coder = self if record.owner == self.owner else _CODERS.get(record.owner)
        if coder is not None:
            with coder._jobs_lock:
                return None if record.id in coder._jobs else "no longer runs it"
        host, _, rest = record.owner.partition(":")
        pid_text, _, _token = rest.partition(":")
        pid = int(pid_text) if pid_text.isdigit() else -1
        if host == self.host and pid > 0:
            if pid == os.getpid():  # with a token no app of this process has
                return "is an earlier process with this pid"
            if not pid_alive(pid):
                return "is gone"
        age = (_now() - record.heartbeat_at).total_seconds()
        if age > self.stale_after:
            return f"gave no sign of life for {age:.0f} s"
        return None

    def start(self) -> None:
        """Accept codings (again, after :meth:`close`)."""
        self._closing.clear()

    def close(self) -> None:
        """Stop: queued jobs are cancelled, a running one stops after its current batch
        (each batch is saved whole or not at all), then the worker thread ends."""
        self._closing.set()
        with self._executor_lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        with self._jobs_lock:
            jobs = list(self._jobs.values())
        for job in jobs:
            if job.state == "queued":
                self._finish(job, "cancelled", error="the server shut down before it ran")
        self._beat_stop.set()
        beating, self._beating = self._beating, None
        if beating is not None:
            beating.join()

    # -- the job's record -------------------------------------------------------------------

    def _save(self, job: Job, **values: Any) -> None:
        """Write ``values`` of ``job`` to its stored record (the heartbeat with them). A
        failure is logged, not raised: the job goes on, and if its end cannot be written
        either its record goes stale and a reader marks it failed."""
        try:
            self.store.update_job(job.id, owner=self.owner, heartbeat_at=_now(), **values)
        except Exception:  # the database failing under us: the log tells
            log.exception("cannot record the state of coding job %s", job.id)

    def _finish(self, job: Job, state: JobState, *, result: IngestResult | None = None,
                error: str | None = None) -> None:
        with job.lock:
            job.state, job.result, job.error, job.finished_at = state, result, error, _now()
            values = {"state": state, "settled": job.settled, "finished_at": job.finished_at,
                      "error": error,
                      "result": None if result is None else result.model_dump_json()}
        self._save(job, **values)
        with self._jobs_lock:
            self._jobs.pop(job.id, None)

    def _start_heartbeat(self) -> None:
        if not self._shared:
            return
        with self._jobs_lock:
            if self._beating is not None and self._beating.is_alive():
                return
            self._beat_stop = threading.Event()
            self._beating = threading.Thread(target=self._beat, args=(self._beat_stop,),
                                             name="eventcoder-jobs-heartbeat", daemon=True)
            self._beating.start()

    def _beat(self, stop: threading.Event) -> None:
        """Every ``heartbeat`` seconds while this process has jobs queued or running, record
        that they are alive."""
        while not stop.wait(self.heartbeat):
            with self._jobs_lock:
                active = bool(self._jobs)
            if not active:
                continue
            try:
                self.store.heartbeat_jobs(self.owner, _now())
            except Exception:  # the database busy or gone: try again at the next beat
                log.warning("cannot record the heartbeat of this process's coding jobs",
                            exc_info=True)

    # -- the worker thread ------------------------------------------------------------------

    def _submit(self, fn: Any) -> Future[Any]:
        with self._executor_lock:
            if self._closing.is_set():
                raise Cancelled("the server is shutting down")
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1,
                                                    thread_name_prefix="eventcoder-code")
            return self._executor.submit(fn)

    def _run_job(self, job: Job, records: Sequence[dict[str, Any]],
                 default_date: dt.date | None) -> None:
        with job.lock:
            job.state, job.started_at = "running", _now()
            job.written = time.monotonic()
        self._save(job, state="running", started_at=job.started_at)
        try:
            result = self._code(records, job.user, default_date, job)
        except Cancelled:
            self._finish(job, "cancelled", error=(
                "the server shut down while it ran: the articles coded so far are stored; "
                "post the same articles again to code the rest"))
            return
        except Exception:  # a job must never die silently; the log has the details
            log.exception("coding job %s failed", job.id)
            self._finish(job, "failed", error="internal error: see the server log")
            return
        self._finish(job, "done", result=result)

    def _code(self, records: Sequence[dict[str, Any]], user: str,
              default_date: dt.date | None, job: Job | None) -> IngestResult:
        """The run path over ``records``; what became of each (by position)."""
        origins = [f"api:{user}#item {i + 1}" for i in range(len(records))]
        items: list[Article | Skipped] = [
            article_from_record(rec, origin=origin, where=f"item {i + 1}",
                                default_date=default_date)
            for i, (rec, origin) in enumerate(zip(records, origins, strict=True))]
        done: dict[str, ArticleDone] = {}
        reasons: dict[str, str] = {}

        def progress(d: ArticleDone) -> None:
            done[d.origin] = d
            if job is not None:
                with job.lock:
                    job.settled += 1
                    settled, due = job.settled, time.monotonic() - job.written >= \
                        PROGRESS_SECONDS
                    if due:
                        job.written = time.monotonic()
                if due:
                    self._save(job, settled=settled)
            if self._closing.is_set():
                raise Cancelled("the server is shutting down")

        def on_skip(s: Skip) -> None:
            reasons[s.origin] = s.reason

        stats = code_articles(items, self.store, self.pipeline, workers=1, progress=progress,
                              on_skip=on_skip)
        return self._result(items, origins, done, reasons, stats)

    def _result(self, items: list[Article | Skipped], origins: list[str],
                done: dict[str, ArticleDone], reasons: dict[str, str],
                stats: RunStats) -> IngestResult:
        articles = [a for a in items if isinstance(a, Article)]
        stored = self.store.article_ids_for_hashes({a.content_hash for a in articles})
        by_article: dict[str, list[str]] = {}
        for ev in self.store.events_for_articles(list(dict.fromkeys(stored.values()))):
            for aid in ev.article_ids:
                by_article.setdefault(aid, []).append(ev.event_id)
        outcomes: list[ArticleOutcome] = []
        for i, (item, origin) in enumerate(zip(items, origins, strict=True)):
            d = done.get(origin)
            status = d.status if d is not None else "skipped"
            article_id = stored.get(item.content_hash) if isinstance(item, Article) else None
            outcomes.append(ArticleOutcome(
                index=i, status=status, article_id=None if status == "skipped" else article_id,
                reason=reasons.get(origin) if status == "skipped" else None,
                event_ids=by_article.get(article_id, []) if article_id else []))
        return IngestResult(articles=outcomes, event_ids=list(stats.events_in_run),
                            coded=stats.coded, already_stored=stats.already_stored,
                            copies=stats.copies, skipped=len(stats.skipped),
                            new_events=stats.new_events, merged=stats.merged)
