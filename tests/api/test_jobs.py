"""Background jobs kept in the database (on SQLite and PostgreSQL): any process on the store
answers for them, a job whose process is gone is failed when read, the running process's
heartbeat keeps its jobs alive, and a shutdown cancels what it will not finish."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

from ec_api import AUTH, CONFIG, FakePipeline
from eventcoder.api.jobs import LOST, STALE_AFTER_SECONDS
from eventcoder.pipeline import ArticleResult
from eventcoder.schema import Article
from eventcoder.store import JobRecord, Store


def _record(job_id: str, owner: str, *, state: str = "running",
            beat: dt.datetime | None = None) -> JobRecord:
    now = dt.datetime.now(dt.UTC)
    return JobRecord(id=job_id, user="carol", state=state, articles=40, settled=12,
                     submitted_at=now - dt.timedelta(minutes=5),
                     started_at=now - dt.timedelta(minutes=5),
                     finished_at=now if state == "done" else None,
                     heartbeat_at=beat or now, owner=owner,
                     result=None, error=None)


def _dead_pid() -> int:
    """The pid of a process of this host that has ended (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_job_of_a_process_that_is_gone_is_failed_when_read(api_store: Store,
                                                             make_client: Any) -> None:
    client = make_client(api_store)
    coder = client.app.state.eventcoder.coder
    host = socket.gethostname()
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=STALE_AFTER_SECONDS + 60)
    stale = {
        # this host, its pid gone
        "job-deadpid": _record("job-deadpid", f"{host}:{_dead_pid()}:0a0a0a0a"),
        # this host and this very pid, but another process (a restarted container)
        "job-samepid": _record("job-samepid", f"{host}:{os.getpid()}:0b0b0b0b",
                               state="queued"),
        # this very process, which runs no such job (its end could not be written)
        "job-mine-lost": _record("job-mine-lost", coder.owner),
        # another host, silent for longer than the timeout
        "job-silent": _record("job-silent", "elsewhere.invalid:4242:0c0c0c0c",
                              beat=long_ago),
    }
    alive = {
        # another host whose heartbeat is recent: it may well run it
        "job-remote": _record("job-remote", "elsewhere.invalid:4242:0d0d0d0d"),
        # this host, a live process (the test runner's parent)
        "job-living": _record("job-living", f"{host}:{os.getppid()}:0e0e0e0e", beat=long_ago
                              + dt.timedelta(seconds=STALE_AFTER_SECONDS)),
        # finished: never touched, however old
        "job-old-done": _record("job-old-done", f"{host}:{_dead_pid()}:0f0f0f0f",
                                state="done", beat=long_ago),
    }
    for record in [*stale.values(), *alive.values()]:
        api_store.create_job(record)
    for job_id, before in stale.items():
        r = client.get(f"/api/jobs/{job_id}")
        assert r.status_code == 200, r.text
        body = r.json()
        assert (body["state"], body["error"]) == ("failed", LOST), job_id
        assert body["finished_at"] is not None and body["settled"] == 12
        assert body["user"] == "carol" and body["result"] is None
        stored = api_store.get_job(job_id)
        assert stored is not None and stored.state == "failed"  # written, for every reader
        assert stored.heartbeat_at == before.heartbeat_at
    for job_id, before in alive.items():
        body = client.get(f"/api/jobs/{job_id}").json()
        assert body["state"] == before.state and body["error"] is None, job_id
        assert api_store.get_job(job_id) == before


class GatedPipeline(FakePipeline):
    """A FakePipeline that codes nothing until ``gate`` is set."""

    def __init__(self) -> None:
        super().__init__(CONFIG)
        self.gate = threading.Event()
        self.entered = threading.Event()

    def process_many(self, articles: Iterable[Article], *args: object,
                     **kwargs: object) -> Iterator[ArticleResult]:
        self.entered.set()
        assert self.gate.wait(30)
        yield from super().process_many(articles, *args, **kwargs)


def test_the_heartbeat_keeps_jobs_alive_and_a_shutdown_cancels_them(
        api_store: Store, make_client: Any) -> None:
    pipeline = GatedPipeline()
    client = make_client(api_store, pipeline=pipeline)
    coder = client.app.state.eventcoder.coder
    coder.heartbeat = 0.05
    arts = [{"id": f"gated-{i}", "text": f"Gunmen attacked checkpoint number {i}."}
            for i in range(6)]
    first = client.post("/api/articles", json=arts, headers=AUTH).json()
    second = client.post("/api/articles", json=arts[::-1], headers=AUTH).json()
    assert pipeline.entered.wait(10)
    running = api_store.get_job(first["id"])
    queued = api_store.get_job(second["id"])
    assert running is not None and queued is not None
    assert (running.state, queued.state) == ("running", "queued")
    assert running.owner == queued.owner == coder.owner
    deadline = time.monotonic() + 10
    while True:  # both beat, while the first one is blocked
        now = [api_store.get_job(j) for j in (first["id"], second["id"])]
        if all(j is not None and j.heartbeat_at > queued.heartbeat_at for j in now):
            break
        assert time.monotonic() < deadline, now
        time.sleep(0.05)
    # the shutdown: the queued job is cancelled unrun, the running one after its batch
    closing = threading.Thread(target=coder.close)
    closing.start()
    deadline = time.monotonic() + 10
    while not coder._closing.is_set():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    pipeline.gate.set()
    closing.join(30)
    assert not closing.is_alive()
    ran, unrun = api_store.get_job(first["id"]), api_store.get_job(second["id"])
    assert ran is not None and unrun is not None
    assert ran.state == "cancelled" and "shut down while it ran" in (ran.error or "")
    assert 1 <= ran.settled < 6 and ran.finished_at is not None
    assert unrun.state == "cancelled" and "before it ran" in (unrun.error or "")
    assert unrun.started_at is None and unrun.settled == 0
    # what the cancelled job coded is stored: its first batch (batch_size 2)
    assert {a for a in pipeline.coded} >= {"gated-0", "gated-1"}
    coder.start()
    for job_id, state in ((first["id"], "cancelled"), (second["id"], "cancelled")):
        assert client.get(f"/api/jobs/{job_id}").json()["state"] == state


def test_a_job_is_answered_by_another_app_on_the_same_store(api_store: Store,
                                                            make_client: Any) -> None:
    """Another app of the same process (another token, the same pid) does not take the job
    the first one is running for one of an earlier process with this pid."""
    pipeline = GatedPipeline()
    accepting = make_client(api_store, pipeline=pipeline)
    other = make_client(api_store.url.render_as_string(hide_password=False))
    arts = [{"id": f"shared-{i}", "text": f"Gunmen attacked checkpoint number {i}."}
            for i in range(7)]
    job = accepting.post("/api/articles", json=arts, headers=AUTH).json()
    assert pipeline.entered.wait(10)
    while_running = other.get(f"/api/jobs/{job['id']}").json()
    assert while_running["state"] == "running" and while_running["error"] is None
    pipeline.gate.set()
    deadline = time.monotonic() + 30
    while job["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.05)
        r = other.get(f"/api/jobs/{job['id']}")
        assert r.status_code == 200, r.text
        job = r.json()
    assert job["state"] == "done" and job["settled"] == 7 and job["result"]["coded"] == 7
    assert accepting.get(f"/api/jobs/{job['id']}").json() == job
