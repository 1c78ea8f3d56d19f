"""The HTTP API's store queries: EventFilter's filters, keyset pages, counts, statistics,
article infos and the data version. Every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from eventcoder.schema import Article, Event, Evidence
from eventcoder.store import MAP_COLUMNS, EventFilter, MapPoints, PageKey, Store
from eventcoder.taxonomy import SUB_EVENT_TYPES

DAY = dt.date(2024, 3, 4)  # a Monday


def _art(n: int) -> Article:
    return Article.from_text(f"Report {n}: gunmen attacked a village.", id=f"a{n}",
                             title=f"Title {n}", url=f"https://example.org/{n}",
                             source=f"Wire {n % 2}", published=DAY)


def _ev(n: int, **kw: object) -> Event:
    sub = SUB_EVENT_TYPES[n % 5]
    base: dict[str, object] = dict(
        event_id=f"ev-{n:03d}", article_ids=[f"a{n}"], event_date=DAY + dt.timedelta(days=n % 40),
        disorder_type=sub.disorder_type, event_type=sub.event_type, sub_event_type=sub.name,
        actor1="Unidentified Armed Group (Iraq)", country="Iraq", iso3="IRQ",
        admin1=("Ninewa", "Kirkuk", "Basra")[n % 3], admin2=("Mosul", "Hawija")[n % 2],
        location="Somewhere", latitude=30.0 + n % 7, longitude=40.0 + n % 9,
        fatalities=n % 4, notes=f"Event {n}.", confidence=0.5 + (n % 5) / 10,
        evidence=[Evidence(article_id=f"a{n}", field="fatalities", start=0, end=6,
                           text=f"report {n}")])
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


@pytest.fixture()
def filled(store: Store) -> list[Event]:
    evs = [_ev(n) for n in range(60)]
    evs += [_ev(60, event_date=None), _ev(61, event_date=None, fatalities=9),
            _ev(62, status="rejected"),
            _ev(63, notes="50% of the Market_Place burned", latitude=None, longitude=None),
            _ev(64, latitude=-10.0, longitude=179.5), _ev(65, latitude=-10.0, longitude=-179.5)]
    store.save_batch([_art(int(e.article_ids[0][1:])) for e in evs], evs)
    return evs


def _ids(events: list[Event]) -> list[str]:
    return [e.event_id for e in events]


def _all_pages(store: Store, filters: EventFilter, sort: str, limit: int) -> list[Event]:
    out: list[Event] = []
    after: PageKey | None = None
    for _ in range(1000):
        page, after = store.page_events(filters, sort=sort, limit=limit, after=after)
        out += page
        assert len(page) <= limit
        if after is None:
            return out
    raise AssertionError("pagination does not end")


def _expected(events: list[Event], sort: str) -> list[str]:
    field = sort.lstrip("-")
    desc = sort.startswith("-")
    valued = [e for e in events if getattr(e, field) is not None]
    valued.sort(key=lambda e: (getattr(e, field), e.event_id), reverse=desc)
    rest = sorted((e for e in events if getattr(e, field) is None), key=lambda e: e.event_id,
                  reverse=desc)
    return _ids(valued + rest)


@pytest.mark.parametrize("sort", ["event_date", "-event_date", "fatalities", "-fatalities"])
@pytest.mark.parametrize("limit", [1, 7, 100])
def test_pages_give_every_row_once_in_order(store: Store, filled: list[Event], sort: str,
                                            limit: int) -> None:
    visible = [e for e in filled if e.status != "rejected"]
    got = _all_pages(store, EventFilter(), sort, limit)
    assert _ids(got) == _expected(visible, sort)
    assert store.count_events(EventFilter()) == len(visible)
    assert store.count_events() == len(filled)  # no filter: every stored event


def test_a_page_survives_rows_added_before_it(store: Store, filled: list[Event]) -> None:
    first, after = store.page_events(EventFilter(), limit=10)
    store.save_batch([_art(100)], [_ev(100, event_date=DAY - dt.timedelta(days=1))])
    rest = _all_pages_from(store, after)
    seen = _ids(first) + _ids(rest)
    assert len(seen) == len(set(seen))  # nothing repeated
    assert set(seen) == {e.event_id for e in filled if e.status != "rejected"}


def _all_pages_from(store: Store, after: PageKey | None) -> list[Event]:
    out: list[Event] = []
    while after is not None:
        page, after = store.page_events(EventFilter(), limit=10, after=after)
        out += page
    return out


def test_filters(store: Store, filled: list[Event]) -> None:
    def ids(**kw: object) -> set[str]:
        f = EventFilter(**kw)  # type: ignore[arg-type]
        found = _all_pages(store, f, "event_date", 50)
        assert store.count_events(f) == len(found)
        return set(_ids(found))

    visible = [e for e in filled if e.status != "rejected"]
    assert ids(admin2="HAWIJA") == {e.event_id for e in visible if e.admin2 == "Hawija"}
    sub = SUB_EVENT_TYPES[1].name
    assert ids(sub_event_type=sub.upper()) == {e.event_id for e in visible
                                               if e.sub_event_type == sub}
    assert ids(bbox=(40.0, 30.0, 41.0, 31.0)) == {
        e.event_id for e in visible if e.latitude is not None and e.longitude is not None
        and 30 <= e.latitude <= 31 and 40 <= e.longitude <= 41}
    assert ids(bbox=(179.0, -11.0, -179.0, -9.0)) == {"ev-064", "ev-065"}  # the antimeridian
    assert ids(located=True) == {e.event_id for e in visible if e.latitude is not None}
    assert ids(q="market_place") == {"ev-063"}  # case-insensitive, "_" is no wildcard
    assert ids(q="50%") == {"ev-063"}
    assert ids(q="5_%") == set()
    assert ids(q="REPORT 12") == {"ev-012"}  # evidence text
    assert ids(status="rejected") == {"ev-062"}
    assert ids(status=("all",)) == {e.event_id for e in filled}
    assert ids(admin1="kirkuk", since=DAY, until=DAY + dt.timedelta(days=9)) == {
        e.event_id for e in visible if e.admin1 == "Kirkuk" and e.event_date is not None
        and DAY <= e.event_date <= DAY + dt.timedelta(days=9)}
    # the query methods take the new filters too
    assert {e.event_id for e in store.query_events(admin2="Mosul", q="event 1")} == {
        e.event_id for e in visible if e.admin2 == "Mosul" and "event 1" in e.notes.lower()}
    assert _ids(list(store.iter_events(sub_event_type=sub, page_size=3))) == _ids(
        store.query_events(sub_event_type=sub))


def test_stats(store: Store, filled: list[Event]) -> None:
    visible = [e for e in filled if e.status != "rejected"]
    month = store.event_stats(EventFilter(), interval="month")
    assert (month.events, month.fatalities) == (len(visible), sum(e.fatalities for e in visible))
    by_month: dict[dt.date | None, int] = {}
    for e in visible:
        key = e.event_date.replace(day=1) if e.event_date else None
        by_month[key] = by_month.get(key, 0) + 1
    assert [(r.key, r.events) for r in month.by_period] == sorted(
        by_month.items(), key=lambda kv: (kv[0] is None, kv[0] or dt.date.min))
    week = store.event_stats(EventFilter(admin1="Ninewa"), interval="week")
    ninewa = [e for e in visible if e.admin1 == "Ninewa"]
    assert week.events == len(ninewa)
    assert all(r.key is None or r.key.weekday() == 0 for r in week.by_period)
    assert sum(r.events for r in week.by_period) == len(ninewa)
    assert {r.key for r in month.by_admin1} == {("Iraq", "Ninewa"), ("Iraq", "Kirkuk"),
                                               ("Iraq", "Basra")}
    assert sum(r.events for r in month.by_event_type) == len(visible)
    assert month.by_event_type == sorted(month.by_event_type, key=lambda r: (-r.events, r.key))
    # by period and type together: the same counts as each alone, in period then type order
    both: dict[tuple[dt.date | None, str], list[int]] = {}
    for e in visible:
        acc = both.setdefault((e.event_date.replace(day=1) if e.event_date else None,
                               e.event_type), [0, 0])
        acc[0] += 1
        acc[1] += e.fatalities
    assert {r.key: [r.events, r.fatalities] for r in month.by_period_and_type} == both
    rank = {r.key: i for i, r in enumerate(month.by_event_type)}
    assert [r.key for r in month.by_period_and_type] == sorted(
        both, key=lambda k: (k[0] is None, k[0] or dt.date.min, rank[k[1]]))
    assert sum(r.events for r in week.by_period_and_type) == len(ninewa)
    with pytest.raises(ValueError, match="unknown interval"):
        store.event_stats(interval="year")


def test_map_points(store: Store, filled: list[Event]) -> None:
    def located(events: list[Event]) -> dict[str, tuple[float, float, str, int]]:
        return {e.event_id: (e.longitude, e.latitude, e.event_type, e.fatalities)
                for e in events if e.latitude is not None and e.longitude is not None}

    def points(p: MapPoints) -> dict[str, tuple[float, float, str, int]]:
        cols = p.columns()
        assert list(cols) == list(MAP_COLUMNS)
        assert {len(c) for c in cols.values()} == {p.count}
        return {i: (x, y, t, f) for i, x, y, t, f in zip(*cols.values(), strict=True)}

    visible = [e for e in filled if e.status != "rejected"]
    every = store.map_points()
    assert points(every) == located(visible)  # ev-063 has no coordinates
    assert (every.count, every.total, every.truncated) == (len(visible) - 1, len(visible) - 1,
                                                          False)
    ninewa = store.map_points(EventFilter(admin1="ninewa", min_fatalities=2))
    assert points(ninewa) == located([e for e in visible if e.admin1 == "Ninewa"
                                      and e.fatalities >= 2])
    across = store.map_points(EventFilter(bbox=(179.0, -11.0, -179.0, -9.0)))
    assert set(points(across)) == {"ev-064", "ev-065"}
    # a limit keeps the latest by date (undated last, ties by id), and says so
    order = sorted((e for e in visible if e.latitude is not None),
                   key=lambda e: (e.event_date is None, -(e.event_date or DAY).toordinal(),
                                  [-ord(c) for c in e.event_id]))
    assert order[-1].event_date is None and order[-2].event_date is None
    for n in (5, len(order) - 1):  # dated ones only; all of them and one of the undated
        latest = store.map_points(limit=n)
        assert set(points(latest)) == {e.event_id for e in order[:n]}
        assert (latest.count, latest.total, latest.truncated) == (n, len(order), True)
    assert store.map_points(limit=len(visible) - 1).truncated is False
    none = store.map_points(EventFilter(country="nowhere"))
    assert (none.count, none.total, none.truncated, points(none)) == (0, 0, False, {})
    # coordinates a map cannot place are left out with the missing ones
    store.save_batch([_art(70)], [_ev(70, latitude=95.0, longitude=40.0)])
    assert "ev-070" not in points(store.map_points())
    assert store.count_events(EventFilter(located=True)) == every.total + 1


def test_article_infos(store: Store, filled: list[Event]) -> None:
    infos = store.article_infos(["a1", "a2", "nope"])
    assert set(infos) == {"a1", "a2"}
    assert (infos["a1"].title, infos["a1"].url, infos["a1"].source, infos["a1"].published,
            infos["a1"].copy_of, infos["a1"].text) == ("Title 1", "https://example.org/1",
                                                       "Wire 1", DAY, None, None)
    assert store.article_infos(["a1"], text=True)["a1"].text == _art(1).text


def test_data_version_moves_with_every_commit(store: Store, db_url: str) -> None:
    before = store.data_version()
    assert before is not None
    if store.engine.dialect.name == "sqlite":  # PostgreSQL's moves with any write anywhere
        assert store.data_version() == before  # nothing written
    with Store(db_url) as other:  # another connection (another process alike)
        other.save_batch([_art(1)], [_ev(1)])
    assert store.data_version() != before


def test_memory_store_has_no_data_version() -> None:
    with Store("sqlite://") as mem:
        assert mem.data_version() is None


def test_region_query_reads_one_index_range_without_sorting(store: Store,
                                                            filled: list[Event]) -> None:
    if store.engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans small tables by cost")
    from sqlalchemy import event as sa_event

    captured: list[tuple[str, object]] = []

    @sa_event.listens_for(store.engine, "before_cursor_execute")
    def grab(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        if statement.startswith("SELECT events.") and "ORDER BY" in statement:
            captured.append((statement, params))
    store.page_events(EventFilter(admin1="Kirkuk", since=DAY, until=DAY + dt.timedelta(days=9)),
                      limit=5, after=PageKey(DAY, "ev-001"))
    assert captured
    with store.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + captured[0][0], captured[0][1]))  # type: ignore[arg-type]
    assert "ix_events_lower_admin1_date" in plan and "TEMP B-TREE" not in plan, plan


def test_random_pages_against_a_model(store: Store) -> None:
    rng = random.Random(7)
    evs = [_ev(n, fatalities=rng.randrange(3),
               event_date=None if rng.random() < 0.2 else DAY + dt.timedelta(rng.randrange(5)))
           for n in range(80)]
    store.save_batch([_art(n) for n in range(80)], evs)
    for sort in ("event_date", "-event_date", "fatalities", "-fatalities"):
        limit = rng.randrange(1, 12)
        assert _ids(_all_pages(store, EventFilter(), sort, limit)) == _expected(evs, sort)
