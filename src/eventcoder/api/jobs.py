"""Coding posted articles: the run path (:func:`eventcoder.run.code_articles`) behind
``POST /api/articles``, in one worker thread, with background jobs for big requests.

One :class:`~eventcoder.pipeline.Pipeline` per app, made on the first request that codes (the
spaCy model and gazetteer load then, once) and used by one thread only: every coding, a
request's or a job's, runs in turn on a single worker thread, so the NLP objects are never
shared between threads and two codings never race for the same texts. A request of up to
``Config.api_max_sync_articles`` articles waits for its turn and its result; a bigger one
becomes a job (:class:`Job`) whose state ``GET /api/jobs/{id}`` shows. Jobs live in memory:
a restart forgets them (what they stored stays stored, and posting the same articles again
adds nothing).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..ingest import Skipped, article_from_record
from ..pipeline import Pipeline
from ..run import ArticleDone, RunStats, Skip, code_articles
from ..schema import Article
from ..store import Store
from .models import ArticleOutcome, IngestResult, JobOut, JobState

log = logging.getLogger(__name__)

#: Finished jobs kept for ``GET /api/jobs/{id}`` (the oldest are forgotten first).
KEPT_JOBS = 200


class Cancelled(Exception):
    """The server is shutting down: a running job stops after its current batch."""


@dataclass
class Job:
    """A background coding job. Its fields change on the worker thread; read them through
    :meth:`snapshot`."""

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
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def snapshot(self) -> JobOut:
        with self.lock:
            return JobOut(id=self.id, state=self.state, user=self.user,
                          submitted_at=self.submitted_at, started_at=self.started_at,
                          finished_at=self.finished_at, articles=self.articles,
                          settled=self.settled, result=self.result, error=self.error)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Coder:
    """Codes posted articles into ``store`` with ``config``, one coding at a time.

    pipeline: the components to code with (tests inject one); None makes
        ``Pipeline(config)`` on first use.
    """

    def __init__(self, store: Store, config: Config, pipeline: Pipeline | None = None) -> None:
        self.store = store
        self.config = config
        self._pipeline = pipeline
        self._pipeline_lock = threading.Lock()
        #: the worker thread (made on first use, again after close: an app's lifespan may
        #: run more than once, as under a test client per request)
        self._executor: ThreadPoolExecutor | None = None
        self._executor_lock = threading.Lock()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._jobs_lock = threading.Lock()
        self._closing = threading.Event()

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
        """Queue ``records`` as a background job; RETURNS it at once."""
        job = Job(id=f"job-{secrets.token_hex(8)}", user=user, articles=len(records),
                  submitted_at=_now())
        with self._jobs_lock:
            self._jobs[job.id] = job
            finished = [j for j in self._jobs.values() if j.state in ("done", "failed",
                                                                       "cancelled")]
            for old in finished[:max(0, len(finished) - KEPT_JOBS)]:
                del self._jobs[old.id]
        self._submit(lambda: self._run_job(job, records, default_date))
        return job

    def job(self, job_id: str) -> Job | None:
        with self._jobs_lock:
            return self._jobs.get(job_id)

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
            with job.lock:
                if job.state == "queued":
                    job.state, job.error = "cancelled", "the server shut down before it ran"
                    job.finished_at = _now()

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
        try:
            result = self._code(records, job.user, default_date, job)
        except Cancelled:
            with job.lock:
                job.state = "cancelled"
                job.error = ("the server shut down while it ran: the articles coded so far "
                             "are stored; post the same articles again to code the rest")
                job.finished_at = _now()
            return
        except Exception:  # a job must never die silently; the log has the details
            log.exception("coding job %s failed", job.id)
            with job.lock:
                job.state, job.error = "failed", "internal error: see the server log"
                job.finished_at = _now()
            return
        with job.lock:
            job.state, job.result, job.finished_at = "done", result, _now()

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
