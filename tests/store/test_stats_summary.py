"""The statistics' summary tables (migrations 0010 and 0011): kept exact by triggers on every
write path, read by ``Store.event_stats`` with the same answer as the grouped queries over the
events (with any date range: whole months from the regions' summary by month, the partial ones
at the ends from the events), and migrated both ways. Every test runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pytest.importorskip("hypothesis", reason="hypothesis (the dev extra) is not installed")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, create_engine, delete, select, text

from eventcoder.errors import InputError
from eventcoder.schema import Article, Event, Evidence
from eventcoder.store import EventFilter, Store
from eventcoder.store.store import MIGRATIONS, normalize_url
from eventcoder.store.tables import (
    events,
    metadata,
    stats_by_day,
    stats_by_region,
    stats_by_region_month,
)
from eventcoder.taxonomy import SUB_EVENT_TYPES

DAY = dt.date(2024, 3, 4)  # a Monday
#: the days of a few months (their first and last days among them) over three years
DATES = [None, DAY, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=9),
         DAY + dt.timedelta(days=40), dt.date(2024, 2, 29), dt.date(2024, 3, 1),
         dt.date(2024, 3, 31), dt.date(2024, 4, 1), dt.date(2024, 4, 30), dt.date(2024, 6, 15),
         dt.date(2023, 12, 31), dt.date(2025, 1, 1), dt.date(2025, 1, 16)]
#: NULL and "" are different groups
COUNTRIES = [None, "", "Iraq", "Syria"]
ADMIN1S = [None, "", "Ninewa", "Aleppo"]
STATUSES = ["auto", "reviewed", "rejected"]
SUBS = SUB_EVENT_TYPES[:6]  # more than one event type
#: the filters the summaries answer (status, and for the days a date range), and one they do
#: not (which reads the events for both groupings)
FILTERS = [EventFilter(), EventFilter(status="all"), EventFilter(status="rejected"),
           EventFilter(status=("auto", "rejected")), EventFilter(since=DATES[2]),
           EventFilter(until=DATES[3], status="all"),
           EventFilter(since=DATES[1], until=DATES[3], status="reviewed"),
           EventFilter(country="iraq"),
           # the regions' summary by month: whole months, partial ones at either end (read
           # from their days, or as their month less the other days), none inside, open ends
           EventFilter(since=dt.date(2024, 3, 1), until=dt.date(2024, 3, 31)),
           EventFilter(since=dt.date(2024, 3, 2), until=dt.date(2024, 3, 31), status="all"),
           EventFilter(since=dt.date(2024, 3, 5), until=dt.date(2024, 3, 20)),
           EventFilter(since=dt.date(2024, 3, 5), until=dt.date(2024, 4, 13)),
           EventFilter(since=dt.date(2023, 12, 31), until=dt.date(2025, 1, 16), status="all"),
           EventFilter(since=dt.date(2024, 2, 29), until=dt.date(2024, 4, 30)),
           EventFilter(since=dt.date(2024, 3, 2)), EventFilter(until=dt.date(2024, 4, 29)),
           EventFilter(since=dt.date(2024, 4, 1), status="rejected"),
           EventFilter(until=dt.date(2024, 3, 31), status=("reviewed", "rejected")),
           EventFilter(since=dt.date(2024, 4, 2), until=dt.date(2024, 3, 30))]
#: a date range's ends: the stored days, the days next to them, and any day of four years
BOUND_DAYS = sorted({d + dt.timedelta(days=k) for d in DATES if d is not None
                     for k in (-1, 0, 1)})
bounds_st = st.one_of(st.none(), st.sampled_from(BOUND_DAYS),
                      st.dates(dt.date(2022, 12, 1), dt.date(2026, 1, 31)))
#: a date range (a start after the end too) with the statuses, and the interval
ranges_st = st.lists(st.tuples(
    st.builds(EventFilter, since=bounds_st, until=bounds_st,
              status=st.sampled_from([None, "all", "rejected", ("auto", "reviewed")])),
    st.sampled_from(["week", "month"])), min_size=1, max_size=6)


def _event(n: int, art: int, date: int, sub: int, country: int, admin1: int, dead: int,
           status: int, precision: int) -> Event:
    s = SUBS[sub]
    return Event(event_id=f"ev-{n}", article_ids=[f"a{art}"], event_date=DATES[date],
                 disorder_type=s.disorder_type, event_type=s.event_type, sub_event_type=s.name,
                 country=COUNTRIES[country], admin1=ADMIN1S[admin1], fatalities=dead,
                 status=STATUSES[status], geo_precision=precision, confidence=0.5,
                 notes=f"Event {n}.",
                 evidence=[Evidence(article_id=f"a{art}", field="fatalities", start=0, end=4,
                                    text="four")])


events_st = st.builds(_event, st.integers(0, 7), st.integers(0, 9),
                      st.integers(0, len(DATES) - 1), st.integers(0, len(SUBS) - 1),
                      st.integers(0, len(COUNTRIES) - 1), st.integers(0, len(ADMIN1S) - 1),
                      st.integers(0, 6), st.sampled_from([0, 0, 0, 1, 2]), st.integers(1, 3))
#: a reviewer's edit of the fields the summaries group or sum by
edits_st = st.fixed_dictionaries({}, optional={
    "event_date": st.sampled_from(DATES), "country": st.sampled_from(COUNTRIES),
    "admin1": st.sampled_from(ADMIN1S), "fatalities": st.integers(0, 9),
    "status": st.sampled_from(STATUSES),
    "sub_event_type": st.sampled_from([s.name for s in SUBS])})
#: (operation, arguments): indices pick among the events stored when the operation runs
ops_st = st.lists(st.one_of(
    st.tuples(st.just("save"), st.lists(events_st, min_size=1, max_size=4)),
    st.tuples(st.just("merge"), st.integers(0, 20), st.integers(0, 20)),
    st.tuples(st.just("edit"), st.integers(0, 20), edits_st),
    st.tuples(st.just("status"), st.integers(0, 20), st.sampled_from(STATUSES)),
    st.tuples(st.just("split"), st.integers(0, 20), st.integers(1, 3)),
    st.tuples(st.just("transaction"), st.lists(events_st, min_size=1, max_size=3),
              st.integers(0, 20), st.integers(0, 20)),
), min_size=1, max_size=10)


def _stored_ids(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return sorted(conn.scalars(select(events.c.event_id)))


def _pick(ids: list[str], i: int) -> str | None:
    return ids[i % len(ids)] if ids else None


def _articles(evs: list[Event]) -> list[Article]:
    return [Article.from_text(f"Report {a}: gunmen attacked a village.", id=a)
            for a in sorted({a for e in evs for a in e.article_ids})]


def _apply(store: Store, op: tuple[Any, ...]) -> None:
    """Run one store operation (one that makes no sense for the stored events is skipped; one
    the store refuses is rolled back: the summaries must hold either way)."""
    kind, *args = op
    ids = _stored_ids(store)
    try:
        if kind == "save":  # new events, and new codings of stored ones (the merge policy)
            store.save_batch(_articles(args[0]), args[0])
        elif kind == "merge":
            a, b = _pick(ids, args[0]), _pick(ids, args[1])
            if a is not None and b is not None:
                store.merge_events(a, b)
        elif kind == "edit":
            eid = _pick(ids, args[0])
            if eid is not None and args[1]:
                changes = dict(args[1])
                if "sub_event_type" in changes:
                    sub = next(s for s in SUBS if s.name == changes["sub_event_type"])
                    changes.update(event_type=sub.event_type, disorder_type=sub.disorder_type)
                store.edit_event(eid, changes, user="tester")
        elif kind == "status":
            eid = _pick(ids, args[0])
            if eid is not None:
                store.set_status(eid, args[1], user="tester")
        elif kind == "split":
            eid = _pick(ids, args[0])
            got = store.get_event(eid) if eid is not None else None
            if got is not None and len(got.article_ids) > 1:
                k = min(args[1], len(got.article_ids) - 1)
                store.split_event(got.event_id, got.article_ids[-k:], user="tester")
        elif kind == "transaction":  # the run path: save and merge in one transaction
            with store.transaction():
                store.save_batch(_articles(args[0]), args[0])
                now = _stored_ids(store)
                a, b = _pick(now, args[1]), _pick(now, args[2])
                if a is not None and b is not None:
                    store.merge_events(a, b)
    except InputError:
        pass


Summaries = tuple[dict[Any, list[int]], dict[Any, list[int]], dict[Any, list[int]]]


def _expected_summaries(store: Store) -> Summaries:
    """The summaries (by day, region, and month and region) as a fresh count of the events
    would make them (keys with NULLs; a month is its first day)."""
    days: dict[Any, list[int]] = {}
    regions: dict[Any, list[int]] = {}
    months: dict[Any, list[int]] = {}
    with store.engine.connect() as conn:
        for r in conn.execute(select(events.c.event_date, events.c.event_type, events.c.status,
                                     events.c.country, events.c.admin1, events.c.fatalities)):
            month = r.event_date and r.event_date.replace(day=1)
            for acc in (days.setdefault((r.event_date, r.event_type, r.status), [0, 0]),
                        regions.setdefault((r.country, r.admin1, r.status), [0, 0]),
                        months.setdefault((month, r.country, r.admin1, r.status), [0, 0])):
                acc[0] += 1
                acc[1] += r.fatalities
    return days, regions, months


def _summaries(store: Store) -> Summaries:
    """The summary tables, their placeholders read back as NULLs."""
    with store.engine.connect() as conn:
        days = {(None if r.day_null else r.day, r.event_type, r.status):
                [int(r.events), int(r.fatalities)]
                for r in conn.execute(select(stats_by_day))}
        regions = {(None if r.country_null else r.country, None if r.admin1_null else r.admin1,
                    r.status): [int(r.events), int(r.fatalities)]
                   for r in conn.execute(select(stats_by_region))}
        months = {(None if r.month_null else r.month, None if r.country_null else r.country,
                   None if r.admin1_null else r.admin1, r.status):
                  [int(r.events), int(r.fatalities)]
                  for r in conn.execute(select(stats_by_region_month))}
        placeholders = conn.execute(select(stats_by_region_month.c.month).where(
            stats_by_region_month.c.month_null)).scalars().all()
        rows = [len(conn.execute(select(t)).all())
                for t in (stats_by_day, stats_by_region, stats_by_region_month)]
    assert rows == [len(days), len(regions), len(months)]  # no key stored twice
    assert set(placeholders) <= {dt.date(1, 1, 1)}
    return days, regions, months


def _assert_exact(store: Store) -> None:
    assert _summaries(store) == _expected_summaries(store)


def _assert_same_stats(store: Store,
                       cases: list[tuple[EventFilter, str]] | None = None) -> None:
    """``event_stats`` from the summaries equals the grouped queries over the events, for
    ``cases`` (filters, interval), by default :data:`FILTERS` by week and by month."""
    if cases is None:
        cases = [(f, interval) for f in FILTERS for interval in ("week", "month")]
    for filters, interval in cases:
        summary = store.event_stats(filters, interval=interval)
        store._summaries = False
        try:
            grouped = store.event_stats(filters, interval=interval)
        finally:
            store._summaries = True
        assert summary == grouped, (filters, interval)


def _clear(store: Store) -> None:
    """Delete every row (the summaries through the triggers: they must end empty)."""
    with store.engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            if table not in (stats_by_day, stats_by_region, stats_by_region_month):
                conn.execute(delete(table))
    assert _summaries(store) == ({}, {}, {})


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(ops=ops_st, ranges=ranges_st)
def test_summaries_stay_exact_through_any_writes(store: Store, ops: list[tuple[Any, ...]],
                                                 ranges: list[tuple[EventFilter, str]]
                                                 ) -> None:
    _clear(store)
    for op in ops:
        _apply(store, op)
        _assert_exact(store)
    _assert_same_stats(store)
    _assert_same_stats(store, ranges)  # any date range, with the statuses


def test_a_stored_event_counts_in_its_groups_and_moves_with_its_edits(store: Store) -> None:
    first = _event(1, 1, 1, 0, 2, 2, 3, 0, 1)
    store.save_batch(_articles([first]), [first])
    march = DAY.replace(day=1)
    assert _summaries(store) == (
        {(DAY, first.event_type, "auto"): [1, 3]}, {("Iraq", "Ninewa", "auto"): [1, 3]},
        {(march, "Iraq", "Ninewa", "auto"): [1, 3]})
    store.edit_event("ev-1", {"event_date": dt.date(2024, 4, 30), "fatalities": 4})
    assert _summaries(store)[2] == {(dt.date(2024, 4, 1), "Iraq", "Ninewa", "reviewed"): [1, 4]}
    store.edit_event("ev-1", {"event_date": None, "country": "", "fatalities": 5})
    assert _summaries(store) == (
        {(None, first.event_type, "reviewed"): [1, 5]}, {("", "Ninewa", "reviewed"): [1, 5]},
        {(None, "", "Ninewa", "reviewed"): [1, 5]})
    store.set_status("ev-1", "rejected")
    assert store.event_stats().events == 0
    assert store.event_stats(EventFilter(status="rejected")).fatalities == 5
    _assert_same_stats(store)


def test_writes_outside_the_store_keep_them_too(store: Store) -> None:
    """The triggers belong to the table: an operator's SQL keeps the summaries as well."""
    evs = [_event(n, n, n % len(DATES), n % len(SUBS), n % 4, (n // 2) % 4, n, 0, 1)
           for n in range(8)]
    store.save_batch(_articles(evs), evs)
    with store.engine.begin() as conn:
        conn.execute(events.update().where(events.c.event_id.in_(["ev-1", "ev-2", "ev-3"]))
                     .values(status="rejected", fatalities=events.c.fatalities + 1))
        conn.execute(events.update().values(admin1=None))
        conn.execute(delete(events).where(events.c.event_id.in_(["ev-4", "ev-5"])))
    _assert_exact(store)
    _assert_same_stats(store)


def test_only_the_status_and_dates_are_read_from_the_summaries(store: Store) -> None:
    from eventcoder.store.store import _summary_scope

    assert _summary_scope(EventFilter()) == (True, True)
    assert _summary_scope(EventFilter(status=("reviewed", "rejected"))) == (True, True)
    assert _summary_scope(EventFilter(since=DAY)) == (True, False)
    assert _summary_scope(EventFilter(until=DAY, status="all")) == (True, False)
    for other in (EventFilter(country="Iraq"), EventFilter(event_type="Battles"),
                  EventFilter(min_fatalities=0), EventFilter(located=True),
                  EventFilter(q="gunmen"), EventFilter(bbox=(0, 0, 1, 1))):
        assert _summary_scope(other) == (False, False), other
    # no filter at all: blank ones make no condition
    assert _summary_scope(EventFilter(country="", q="  ", min_confidence=0)) == (True, True)


def test_whole_months_are_read_from_the_summary_by_month(store: Store) -> None:
    """A date range's whole months come from ``stats_by_region_month``, a partial month from
    its days or as its month less the other days: a summary made wrong shows in the answers
    that read it, and only in those (the other tests cannot tell the paths apart)."""
    days = [dt.date(2024, 3, 10), dt.date(2024, 4, 1), dt.date(2024, 4, 15),
            dt.date(2024, 4, 30), dt.date(2024, 5, 20)]
    evs = [_event(n, n, 0, n % len(SUBS), 2, 2, n, 0, 1) for n in range(len(days))]
    evs = [e.model_copy(update={"event_date": d}) for e, d in zip(evs, days, strict=True)]
    store.save_batch(_articles(evs), evs)
    with store.engine.begin() as conn:
        conn.execute(stats_by_region_month.update()
                     .where(stats_by_region_month.c.month == dt.date(2024, 4, 1))
                     .values(events=stats_by_region_month.c.events + 100))

    def regions(**kw: Any) -> int:
        by_admin1 = store.event_stats(EventFilter(**kw)).by_admin1
        return sum(r.events for r in by_admin1)

    # April whole, or most of it (its month less a day at each end): the summary
    assert regions(since=dt.date(2024, 3, 5), until=dt.date(2024, 5, 10)) == 103 + 1
    assert regions(since=dt.date(2024, 4, 1), until=dt.date(2024, 4, 30)) == 103
    assert regions(since=dt.date(2024, 4, 2), until=dt.date(2024, 4, 29)) == 101
    assert regions(until=dt.date(2024, 4, 30)) == 104
    # half of April or less, or other filters: the events
    assert regions(since=dt.date(2024, 4, 10), until=dt.date(2024, 4, 20)) == 1
    assert regions(since=dt.date(2024, 4, 16), until=dt.date(2024, 5, 31)) == 2
    assert regions(since=dt.date(2024, 3, 5), until=dt.date(2024, 5, 10),
                   country="Iraq") == 4
    assert regions() == 5  # no date: the regions' summary


def test_partial_months_are_read_from_the_covering_index(store: Store) -> None:
    """The days of a partial month are grouped by region from ``ix_events_stats_date_region``
    (migration 0013) alone, never the table (one random read per event on a big store)."""
    if store.engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans small tables by cost")
    from sqlalchemy import event as sa_event

    evs = [_event(n, n, n % len(DATES), n % len(SUBS), n % 4, (n // 2) % 4, n % 5, n % 3, 1)
           for n in range(30)]
    store.save_batch(_articles(evs), evs)
    captured: list[tuple[str, object]] = []

    @sa_event.listens_for(store.engine, "before_cursor_execute")
    def grab(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        if statement.startswith("SELECT events.country"):
            captured.append((statement, params))
    store.event_stats(EventFilter(since=dt.date(2024, 3, 5), until=dt.date(2024, 4, 13)))
    assert captured  # both ends are partial months
    with store.engine.connect() as conn:
        for statement, params in captured:
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, params))  # type: ignore[arg-type]
            assert "COVERING INDEX ix_events_stats_date_region (status=? AND event_date>? AND event_date<?)" in plan, plan


# --------------------------------------------------------------------------------------------
# migrations 0010 and 0011


def _alembic(url: str, action: str, target: str) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(normalize_url(url))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            getattr(command, action)(cfg, target)
    finally:
        engine.dispose()


def _schema_objects(engine: Engine) -> set[str]:
    """Names of the summary tables, triggers and trigger functions in the database."""
    if engine.dialect.name == "sqlite":
        sql = ("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') "
               "AND (name LIKE 'stats%' OR name LIKE 'trg_events_stats%')")
    else:
        sql = ("SELECT tablename FROM pg_tables WHERE tablename LIKE 'stats%' "
               "UNION ALL SELECT tgname FROM pg_trigger WHERE tgname LIKE 'trg_events_stats%' "
               "UNION ALL SELECT proname FROM pg_proc WHERE proname LIKE 'eventcoder_stats%'")
    with engine.connect() as conn:
        return set(conn.scalars(text(sql)))


def test_upgrade_fills_the_summaries_and_downgrade_drops_them(db_url: str) -> None:
    evs = [_event(n, n, n % len(DATES), n % len(SUBS), n % 4, (n // 2) % 4, n % 5, n % 3, 1)
           for n in range(8)]
    with Store(db_url) as store:
        store.save_batch(_articles(evs), evs)
        made = _schema_objects(store.engine)
    assert {"stats_by_day", "stats_by_region", "trg_events_stats_insert",
            "trg_events_stats_delete"} <= made
    _alembic(db_url, "downgrade", "0009")
    engine = create_engine(normalize_url(db_url))
    try:
        assert _schema_objects(engine) == set()
        # a 0009 store changed with no trigger to follow: the upgrade counts what is there
        with engine.begin() as conn:
            conn.execute(events.update().where(events.c.event_id == "ev-1")
                         .values(status="rejected", country=None))
            conn.execute(delete(events).where(events.c.event_id == "ev-2"))
            conn.execute(events.update().where(events.c.event_id == "ev-3")
                         .values(event_date=None, fatalities=40))
    finally:
        engine.dispose()
    with Store(db_url) as store:
        assert _schema_objects(store.engine) == made
        _assert_exact(store)
        _assert_same_stats(store)
        assert store.event_stats(EventFilter(status="all")).events == 7
        more = [_event(n, n, 1, 0, 2, 2, 1, 0, 1) for n in range(20, 23)]
        store.save_batch(_articles(more), more)  # the triggers work after the upgrade
        _assert_exact(store)
    _alembic(db_url, "downgrade", "0009")
    engine = create_engine(normalize_url(db_url))
    try:
        assert _schema_objects(engine) == set()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM events")).scalar() == 10
    finally:
        engine.dispose()


MONTH_OBJECTS = {"stats_by_region_month", "trg_events_stats_month_insert",
                 "trg_events_stats_month_delete", "trg_events_stats_month_update"}


def test_upgrade_0011_fills_the_summary_by_month_and_downgrade_drops_it(db_url: str) -> None:
    evs = [_event(n, n, n % len(DATES), n % len(SUBS), n % 4, (n // 2) % 4, n % 5, n % 3, 1)
           for n in range(20)]
    with Store(db_url) as store:
        store.save_batch(_articles(evs), evs)
        made = _schema_objects(store.engine)
    assert MONTH_OBJECTS <= made
    month_objects = {m for m in made if "month" in m}  # PostgreSQL: the functions too
    _alembic(db_url, "downgrade", "0010")
    engine = create_engine(normalize_url(db_url))
    try:
        assert _schema_objects(engine) == made - month_objects
        with engine.begin() as conn:  # 0010's triggers alone follow these
            conn.execute(events.update().where(events.c.event_id == "ev-1")
                         .values(status="rejected", country=None, event_date=dt.date(2025, 1, 1)))
            conn.execute(delete(events).where(events.c.event_id == "ev-2"))
            conn.execute(events.update().where(events.c.event_id == "ev-3")
                         .values(event_date=None, fatalities=40))
            assert conn.execute(text(
                "SELECT version_num FROM eventcoder_alembic_version")).scalar() == "0010"
    finally:
        engine.dispose()
    with Store(db_url) as store:  # upgraded on open: counted from the events
        assert _schema_objects(store.engine) == made
        _assert_exact(store)
        _assert_same_stats(store)
        more = [_event(n, n, 4, 0, 2, 2, 1, 0, 1) for n in range(30, 33)]
        store.save_batch(_articles(more), more)  # the triggers work after the upgrade
        store.set_status("ev-4", "rejected")
        _assert_exact(store)
        _assert_same_stats(store)
    _alembic(db_url, "downgrade", "0010")
    engine = create_engine(normalize_url(db_url))
    try:
        assert _schema_objects(engine) == made - month_objects
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM events")).scalar() == 22
    finally:
        engine.dispose()
