"""The HTTP API's background jobs in the database (``api_jobs``, migration 0012): stored,
changed only under their conditions, listed, heartbeat, the finished ones pruned; on SQLite
and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import create_engine, inspect
from sqlalchemy.exc import IntegrityError

from eventcoder.store import JobRecord, Store, normalize_url
from eventcoder.store.store import MIGRATIONS

T0 = dt.datetime(2026, 3, 10, 8, 0, 0, 123456, tzinfo=dt.UTC)


def job(n: int, state: str = "queued", owner: str = "host-a:100:aaaa", **kw: object
        ) -> JobRecord:
    at = T0 + dt.timedelta(minutes=n)
    base: dict[str, object] = dict(
        id=f"job-{n:04d}", user="alice", state=state, articles=30 + n, settled=0,
        submitted_at=at, started_at=None, finished_at=None, heartbeat_at=at, owner=owner)
    if state in ("done", "failed", "cancelled"):
        base.update(started_at=at, finished_at=at + dt.timedelta(seconds=5), settled=30 + n)
    base.update(kw)
    return JobRecord(**base)  # type: ignore[arg-type]


def test_a_job_round_trips_in_utc(store: Store) -> None:
    assert store.get_job("job-0001") is None
    record = job(1, state="done", result='{"coded": 31}', error=None)
    store.create_job(record)
    assert store.get_job("job-0001") == record
    # a time in another zone is stored as the same instant, read back in UTC
    east = dt.timezone(dt.timedelta(hours=3))
    store.create_job(job(2, submitted_at=T0.astimezone(east)))
    got = store.get_job("job-0002")
    assert got is not None and got.submitted_at == T0 and got.submitted_at.tzinfo == dt.UTC
    with pytest.raises(IntegrityError):
        store.create_job(job(1))


def test_updates_hold_only_under_their_conditions(store: Store) -> None:
    store.create_job(job(1, state="running"))
    beat = T0 + dt.timedelta(minutes=1)
    assert store.update_job("job-0001", owner="host-a:100:aaaa", settled=7)
    assert not store.update_job("job-0001", owner="host-b:100:aaaa", settled=9)
    assert not store.update_job("job-0001", seen_heartbeat=beat + dt.timedelta(seconds=1),
                                state="failed")
    assert not store.update_job("job-0001", states=("queued",), state="failed")
    assert not store.update_job("job-nope", settled=1)
    assert store.get_job("job-0001") == job(1, state="running", settled=7)
    # the compare-and-set of a reader that found the job stale
    assert store.update_job("job-0001", states=("queued", "running"), seen_heartbeat=beat,
                            state="failed", error="gone", finished_at=beat)
    got = store.get_job("job-0001")
    assert got is not None and (got.state, got.error, got.finished_at) == ("failed", "gone", beat)
    with pytest.raises(ValueError, match="not fields of a job"):
        store.update_job("job-0001", id="job-0002")
    with pytest.raises(ValueError, match="not fields of a job"):
        store.update_job("job-0001", colour="red")


def test_heartbeat_moves_the_active_jobs_of_one_owner(store: Store) -> None:
    mine, other = "host-a:100:aaaa", "host-b:200:bbbb"
    store.create_job(job(1, state="running", owner=mine))
    store.create_job(job(2, state="queued", owner=mine))
    store.create_job(job(3, state="done", owner=mine))
    store.create_job(job(4, state="running", owner=other))
    later = T0 + dt.timedelta(hours=1)
    assert store.heartbeat_jobs(mine, later) == 2
    beats = {j.id: j.heartbeat_at for j in store.list_jobs()}
    assert beats == {"job-0001": later, "job-0002": later,
                     "job-0003": T0 + dt.timedelta(minutes=3),
                     "job-0004": T0 + dt.timedelta(minutes=4)}
    assert [j.id for j in store.list_jobs()] == ["job-0004", "job-0003", "job-0002", "job-0001"]
    assert [j.id for j in store.list_jobs(states=("queued", "running"), owner=mine)] == [
        "job-0002", "job-0001"]


def test_creating_a_job_forgets_the_oldest_finished_ones(store: Store) -> None:
    for n in range(6):
        store.create_job(job(n, state=("done", "failed", "cancelled")[n % 3]))
    store.create_job(job(6, state="running"))
    store.create_job(job(7), keep=2)
    # the two newest finished jobs stay, and every unfinished one
    assert [j.id for j in store.list_jobs()] == ["job-0007", "job-0006", "job-0005",
                                                 "job-0004"]
    store.create_job(job(8, state="done"), keep=0)
    assert [j.id for j in store.list_jobs()] == ["job-0007", "job-0006"]


def test_migration_0012_adds_and_drops_the_job_table(db_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    with Store(db_url) as store:
        store.create_job(job(1))
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(normalize_url(db_url))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0011")
        with engine.connect() as conn:
            assert not inspect(conn).has_table("api_jobs")
    finally:
        engine.dispose()
    with Store(db_url) as store:  # upgraded again on open
        assert store.list_jobs() == []
        store.create_job(job(2))
        assert dataclasses.astuple(store.list_jobs()[0]) == dataclasses.astuple(job(2))
