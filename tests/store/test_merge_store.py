"""Issue 12, item 2, in the store, on SQLite and PostgreSQL: ``Store.merge_events`` (one
transaction, the merge policy, the absorbed-id table of migration 0006, the history),
``resolve_id``/``get_event`` of an absorbed id, and the indexed blocking query
``merge_candidates``. The rules themselves: tests/dedup/test_cross.py."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.dedup.cross import (
    MergeSettings,
    candidates_for,
    candidates_for_many,
    merge_stored,
)
from eventcoder.schema import Article, Event, Evidence
from eventcoder.store import Store

DAY = dt.date(2025, 5, 10)
DJIBO = dict(country="Burkina Faso", iso3="BFA", admin1="Sahel", admin2="Soum",
             location="Djibo", latitude=14.0986, longitude=-1.6266)


def ev(article: str, fatalities: int, geo_precision: int = 1, **kw: object) -> Event:
    sentence = f"Jihadists attacked the army detachment in Djibo ({article})."
    base: dict[str, object] = dict(
        event_id=f"ev-{article}", article_ids=[article], event_date=DAY,
        disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
        actor1="Jama'at Nusrat al-Islam wal-Muslimin (JNIM)",
        actor2="Military Forces of Burkina Faso", fatalities=fatalities, confidence=0.7,
        geo_precision=geo_precision,
        evidence=[Evidence(article_id=article, field="sentence", start=0, end=len(sentence),
                           text=sentence)], **DJIBO)
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def _save(store: Store, *events: Event) -> None:
    arts = [Article.from_text(f"text of {e.article_ids[0]}", id=e.article_ids[0]) for e in events]
    store.save_batch(arts, list(events))


def test_merging_two_reports_keeps_every_article_and_the_lowest_toll(store: Store) -> None:
    _save(store, ev("a1", 12, geo_precision=2), ev("a2", 19), ev("a3", 60))
    merged = store.merge_events("ev-a1", "ev-a2", score=0.7, reasons=["text 0.3"])
    assert merged is not None and merged.event_id == "ev-a1"
    assert merged.article_ids == ["a1", "a2"] and merged.sources_count == 2
    assert merged.fatalities == 12                       # lowest non-zero across reports
    assert merged.geo_precision == 1                      # the more precise place
    assert {e.article_id for e in merged.evidence} == {"a1", "a2"}
    assert store.get_event("ev-a1") == merged
    assert store.event_history("ev-a1")[-1].article_ids == ["a1"]   # the merge is logged
    assert store.count_events() == 2
    # the absorbed id stays resolvable
    assert store.resolve_id("ev-a2") == "ev-a1" and store.get_event("ev-a2") == merged
    assert store.resolve_id("ev-a1") == "ev-a1" and store.resolve_id("nope") is None
    # a survivor absorbed later takes its aliases along (kept flat)
    store.merge_events("ev-a3", "ev-a1")
    assert store.resolve_id("ev-a2") == "ev-a3" and store.resolve_id("ev-a1") == "ev-a3"
    assert store.merged_into("ev-a3") == ["ev-a1", "ev-a2"]
    final = store.get_event("ev-a2")
    assert final is not None and final.sources_count == 3 and final.fatalities == 12
    assert store.events_for_articles(["a2"]) == [final]


def test_a_town_and_the_region_it_lies_in_are_candidates_at_any_distance(store: Store
                                                                         ) -> None:
    """A report that places the event only in the region (geo_precision 3: the Sahel
    region's centre, about 95 km from Djibo) and one that names the town are candidates of
    each other, found by the region search; a region event of another admin1 is not, nor a
    precise event of the same admin1 far away."""
    region = dict(location="Sahel", latitude=14.2, longitude=-0.65)
    _save(store, ev("a1", 12),
          ev("r1", 12, geo_precision=3, **region),
          ev("r2", 12, geo_precision=3, **{**region, "admin1": "Nord", "latitude": 13.2}),
          ev("t2", 12, **region))
    s = MergeSettings()
    assert [e.event_id for e in candidates_for(ev("a1", 12), store, s)] == ["ev-r1"]
    assert [e.event_id for e in candidates_for(
        ev("r1", 12, geo_precision=3, **region), store, s)] == ["ev-a1", "ev-t2"]
    merges = merge_stored(store, ["ev-r1"])
    assert [(m.survivor, m.absorbed) for m in merges] == [("ev-a1", "ev-r1")]
    merged = store.get_event("ev-r1")
    assert merged is not None and merged.location == "Djibo"  # the more precise place


def test_a_town_and_the_district_it_lies_in_are_candidates_at_any_distance(store: Store
                                                                           ) -> None:
    """A report that places the event only as the district (Soum, named as itself, at its
    centre about 40 km from Djibo: geo_precision 2) and one that names a town of it are
    candidates of each other, found by the admin1 search, and merge; a town of another
    district of the admin1 (Gorom-Gorom, Oudalan) is a candidate of the district (the search
    is by admin1) but not the same event, and no candidate of the far town."""
    soum = dict(location="Soum", latitude=14.3, longitude=-1.3)
    gorom = dict(location="Gorom-Gorom", admin2="Oudalan", latitude=14.44, longitude=-0.23)
    _save(store, ev("a1", 12), ev("d1", 12, geo_precision=2, **soum),
          ev("t2", 12, geo_precision=2, **gorom))
    s = MergeSettings()
    assert [e.event_id for e in candidates_for(ev("a1", 12), store, s)] == ["ev-d1"]
    assert [e.event_id for e in candidates_for(
        ev("d1", 12, geo_precision=2, **soum), store, s)] == ["ev-a1", "ev-t2"]
    merges = merge_stored(store, ["ev-d1"])
    assert [(m.survivor, m.absorbed) for m in merges] == [("ev-a1", "ev-d1")]
    merged = store.get_event("ev-d1")
    assert merged is not None and merged.location == "Djibo"  # the more precise place


def test_saving_an_absorbed_id_again_goes_into_the_survivor(store: Store) -> None:
    _save(store, ev("a1", 12), ev("a2", 19))
    store.merge_events("ev-a1", "ev-a2")
    store.save_batch([Article.from_text("a copy", id="c2")],
                     [ev("c2", 19, event_id="ev-a2")])
    assert store.count_events() == 1
    survivor = store.get_event("ev-a1")
    assert survivor is not None and survivor.article_ids == ["a1", "a2", "c2"]


def test_merging_an_unknown_or_the_same_id_changes_nothing(store: Store) -> None:
    _save(store, ev("a1", 12))
    assert store.merge_events("ev-a1", "ev-zz") is None
    assert store.merge_events("ev-a1", "ev-a1") is None
    assert store.get_event("ev-a1") == ev("a1", 12)


def test_candidates_come_from_the_window_the_box_and_the_types(store: Store) -> None:
    _save(store, ev("a1", 12), ev("a2", 19),
          ev("late", 3, event_date=DAY + dt.timedelta(days=3)),
          ev("far", 3, latitude=14.5, longitude=-1.6266),       # about 45 km north
          ev("demo", 0, event_type="Protests", sub_event_type="Peaceful protest",
             disorder_type="Demonstrations"),
          ev("gone", 3, status="rejected"))
    found = candidates_for(ev("a1", 12), store, MergeSettings())
    assert [e.event_id for e in found] == ["ev-a2"]
    merges = merge_stored(store, ["ev-a1", "ev-a2", "ev-late", "ev-far"])
    assert [(m.survivor, m.absorbed) for m in merges] == [("ev-a1", "ev-a2")]


def _spread(n: int) -> list[Event]:
    """``n`` events spread as a real store's are: three years, many places, many types."""
    import random

    rng = random.Random(1)
    types = [("Armed clash", "Battles"), ("Attack", "Violence against civilians"),
             ("Air/drone strike", "Explosions/Remote violence"),
             ("Peaceful protest", "Protests"), ("Arrests", "Strategic developments")]
    out = []
    for i in range(n):
        st, et = rng.choice(types)
        out.append(ev(f"s{i:05d}", rng.randrange(9), event_date=DAY - dt.timedelta(
            days=rng.randrange(1095)), sub_event_type=st, event_type=et,
            disorder_type="Demonstrations" if et == "Protests" else
            "Strategic developments" if et.startswith("Strategic") else "Political violence",
            latitude=rng.uniform(-30, 50), longitude=rng.uniform(-100, 120)))
    return out


def _blocking_plans(store: Store, call) -> list[str]:  # type: ignore[no-untyped-def]
    """The plans of the blocking queries ``call()`` sends (EXPLAIN QUERY PLAN on SQLite,
    EXPLAIN on PostgreSQL), one string each."""
    from sqlalchemy import event as sa_event

    captured: list[tuple[str, object]] = []

    def grab(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        if "FROM events" in statement and "event_date BETWEEN" in statement:
            captured.append((statement, params))
    sa_event.listen(store.engine, "before_cursor_execute", grab)
    try:
        call()
    finally:
        sa_event.remove(store.engine, "before_cursor_execute", grab)
    sqlite = store.engine.dialect.name == "sqlite"
    with store.engine.connect() as conn:
        return ["\n".join(str(r[-1] if sqlite else r[0]) for r in conn.exec_driver_sql(
            ("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + sql, params))  # type: ignore[arg-type]
            for sql, params in captured]


BLOCKING_SEARCH = ("SEARCH events USING INDEX ix_events_type_date_lat_lon "
                   "(sub_event_type=? AND event_date>? AND event_date<?)")
#: the second search of an event with an admin1: the events placed only as its region
REGION_SEARCH = ("SEARCH events USING INDEX ix_events_lower_admin1_date "
                 "(<expr>=? AND event_date>? AND event_date<?)")


@pytest.mark.parametrize("analyzed", [False, True])
def test_blocking_searches_the_blocking_index_not_the_table(store: Store,
                                                            analyzed: bool) -> None:
    """Issue 12, item 7: the blocking query, for one event and for a batch, searches the
    (sub_event_type, event_date, latitude, longitude) index of migration 0009 by the types
    and the date window, and the events placed only as the event's region by the
    (lower(admin1), event_date) index of migration 0008, with and without the planner's
    statistics; no plan scans events (nor searches by type alone, as SQLite did with the
    single-column indexes: every event of the type)."""
    stored = _spread(3000)
    _save(store, *stored)
    sqlite = store.engine.dialect.name == "sqlite"
    if analyzed:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    elif not sqlite:
        pytest.skip("PostgreSQL plans by cost: with statistics only")
    s = MergeSettings()
    probe = [stored[0], stored[1].model_copy(update={"sub_event_type": "Peaceful protest"}),
             stored[2]]
    one = _blocking_plans(store, lambda: candidates_for(probe[1], store, s))
    many = _blocking_plans(store, lambda: candidates_for_many(probe, store, s))
    assert len(one) == 1 and len(many) == 1
    for plan in one + many:
        if sqlite:
            lines = [x for x in plan.splitlines() if "events" in x]
            assert "SCAN events" not in plan, plan
            assert len(lines) == (6 if plan in many else 2), plan
            if not analyzed:  # a store never ANALYZEd: the blocking and region indexes
                assert lines == [BLOCKING_SEARCH, REGION_SEARCH] * (len(lines) // 2), plan
            else:  # with statistics (and the API's date indexes, migration 0008) SQLite may
                # prefer a date index: still a search bounded by the date window
                assert all(x.startswith("SEARCH events USING INDEX") and "event_date>?" in x
                           for x in lines), plan
        else:  # by cost: the blocking index, or the API's box index (0008), never a scan
            assert "Seq Scan" not in plan, plan
            assert ("ix_events_type_date_lat_lon" in plan or "ix_events_lat_lon" in plan), plan
            assert "(latitude >= " in plan, plan


def test_a_transaction_saves_and_merges_as_one(store: Store) -> None:
    """The run path's batch transaction (Store.transaction): save and merge commit together,
    or neither does; on PostgreSQL the advisory lock is taken again inside (re-entrant)."""
    with pytest.raises(RuntimeError), store.transaction():
        _save(store, ev("a1", 12), ev("a2", 19))
        assert merge_stored(store, ["ev-a2"])  # sees the uncommitted events
        raise RuntimeError
    assert store.count_articles() == 0 and store.count_events() == 0
    with store.transaction():
        _save(store, ev("a1", 12), ev("a2", 19))
        merge_stored(store, ["ev-a2"])
    assert store.count_events() == 1 and store.resolve_id("ev-a2") == "ev-a1"


# ------------------------------------------------------------------------------------------
# the batched path (issue 12, item 7): merge_candidates_many, get_events and merge_stored's
# read-ahead give what one event at a time gives

TOWNS = [("Djibo", 14.0986, -1.6266), ("Arbinda", 14.2326, -0.8686),
         ("Gorom", 14.0, -0.85), ("Pobe", 13.95, -1.75)]     # some within 25 km of others
WORDS = ("convoy market checkpoint mosque herders soldiers fighters village wells cattle "
         "trucks school garrison road bridge clinic farmers traders miners church bakery "
         "pasture motorbikes depot granary ambush volunteers outpost patrol chief teachers "
         "refugees smugglers dawn evening hillside riverbank quarry pipeline barracks").split()
SAY = ["Gunmen hit the {} near {}.", "Witnesses in {1} said the {0} burned.",
       "{1}: fighting around the {0}, a source said.", "Army says {0} attacked at {1}."]
GROUPS = ["Jama'at Nusrat al-Islam wal-Muslimin (JNIM)", "Islamic State Sahel Province",
          "Unidentified Armed Group (Burkina Faso)"]


def _dense(n: int, seed: int = 3) -> list[tuple[Article, Event]]:
    """``n`` reports of a few dozen events in four nearby towns over a week: many candidates,
    chains of merges, near misses on either side of the threshold."""
    import random

    rng = random.Random(seed)
    real = [(rng.choice(TOWNS), rng.randrange(7), rng.choice(["Armed clash", "Attack"]),
             rng.sample(WORDS, 5), rng.choice([0, 2, 5, 9])) for _ in range(n // 3)]
    out = []
    for i in range(n):
        (town, lat, lon), day, st, words, toll = rng.choice(real)
        if rng.random() < 0.4:
            words = rng.sample(WORDS, 5)
        text = rng.choice(SAY).format(" and ".join(rng.sample(words, 3)), town)
        aid = f"d{i:03d}"
        out.append((Article.from_text(f"Report {i}. {text}", id=aid), ev(
            aid, max(0, toll + rng.choice([0, 0, 3, -1])), geo_precision=rng.choice([1, 2]),
            event_date=DAY + dt.timedelta(days=day + rng.choice([0, 0, 0, 1])),
            sub_event_type=st, event_type="Battles" if st == "Armed clash" else
            "Violence against civilians", location=town, admin2=None,
            actor1=rng.choice(GROUPS), latitude=lat + rng.uniform(-0.06, 0.06),
            longitude=lon + rng.uniform(-0.06, 0.06),
            status="rejected" if rng.random() < 0.03 else "auto",
            evidence=[Evidence(article_id=aid, field="sentence", start=0, end=len(text),
                               text=text)])))
    return out


class _OneAtATime:
    """A store seen through MergeTarget only: merge_stored reads one event at a time."""

    def __init__(self, store: Store) -> None:
        self.get_event = store.get_event
        self.merge_candidates = store.merge_candidates
        self.merge_events = store.merge_events
        self.kept_apart = store.kept_apart


def _second_url(db_url: str, request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'other.db'}"
    return request.getfixturevalue("pg_cluster").create_database()  # type: ignore[no-any-return]


def test_many_candidates_and_events_are_those_of_one_at_a_time(store: Store) -> None:
    data = _dense(120)
    store.save_batch([a for a, _ in data], [e for _, e in data])
    store.merge_events("ev-d000", "ev-d001")
    batch = store.query_events(status="all") + [ev("nowhere", 1, latitude=None)]
    s = MergeSettings()
    many = store.merge_candidates_many(
        batch, days_for=lambda e: s.window(e, e), km=s.km,
        types_for=lambda e: [e.sub_event_type, "Attack"] if e.sub_event_type != "Attack"
        else ["Attack"])
    assert set(many) == {e.event_id for e in batch}
    assert sum(len(v) for v in many.values()) > 500        # a dense store: many candidates
    for e in batch:
        types = [e.sub_event_type, "Attack"] if e.sub_event_type != "Attack" else ["Attack"]
        assert many[e.event_id] == store.merge_candidates(
            e, days=s.window(e, e), km=s.km, sub_event_types=types), e.event_id
    ids = ["ev-d001", "ev-d000", "nope", "ev-d005", "ev-d001"]
    got = store.get_events(ids)
    assert list(got) == ["ev-d001", "ev-d000", "ev-d005"]
    assert all(got[i] == store.get_event(i) for i in got)
    assert got["ev-d001"].event_id == "ev-d000"             # an absorbed id: its survivor


# seeds whose merges differ when the read-ahead keeps a stale candidate ("run") or a stale
# event ("dedup") after a merge
@pytest.mark.parametrize("path, seed, n", [("run", 0, 60), ("dedup", 7, 40),
                                           ("dry-run", 3, 120)])
def test_batched_merging_makes_the_merges_of_one_event_at_a_time(
        store: Store, db_url: str, request: pytest.FixtureRequest, tmp_path,  # type: ignore[no-untyped-def]
        path: str, seed: int, n: int) -> None:
    data = _dense(n, seed)
    with Store(_second_url(db_url, request, tmp_path)) as other:
        records = []
        for target in (store, _OneAtATime(other)):
            real = target if isinstance(target, Store) else other
            done = []
            if path == "run":  # the run path: merge each saved batch
                for i in range(0, len(data), 20):
                    part = data[i:i + 20]
                    real.save_batch([a for a, _ in part], [e for _, e in part])
                    done += merge_stored(target, [e.event_id for _, e in part])  # type: ignore[arg-type]
            else:              # eventcoder dedup: every stored event
                real.save_batch([a for a, _ in data], [e for _, e in data])
                done = merge_stored(target, [e.event_id for e in real.iter_events()],  # type: ignore[arg-type]
                                    dry_run=path == "dry-run")
            records.append(done)
        assert len(records[0]) > n // 4                        # chains of merges
        assert records[0] == records[1]
        assert store.query_events(status="all") == other.query_events(status="all")


def test_a_survivor_moved_into_the_box_of_a_later_event_is_found(store: Store) -> None:
    # x (stored, vague place) absorbs y (a day later, a precise place 17 km south): the
    # survivor keeps x's date and takes y's place. z, dated to the week (a 7-day window) a
    # week before x and 17 km south of y: when the batch [y, z] was read ahead, neither x (33
    # km away) nor y (8 days away) was a candidate of z; the merged x is, and is the same
    # event (it does not find z itself: its own window is 2 days)
    text = "Jihadists attacked the army detachment in Djibo, killing soldiers."
    x, y, z = (ev(a, 12, latitude=lat, event_date=DAY + dt.timedelta(days=d), admin2=None,
                  evidence=[Evidence(article_id=a, field="sentence", start=0, end=len(text),
                                     text=text)], **kw)
               for a, lat, d, kw in (("a1", 14.30, 0, {"geo_precision": 2}),
                                     ("y1", 14.15, 1, {}), ("z1", 14.00, -7,
                                                            {"time_precision": 2})))
    _save(store, x)
    _save(store, y, z)
    assert candidates_for(z, store) == []
    assert [c.event_id for c in candidates_for(y, store)] == ["ev-a1"]
    merges = merge_stored(store, ["ev-y1", "ev-z1"])
    assert [(m.survivor, m.absorbed) for m in merges] == [("ev-a1", "ev-y1"),
                                                           ("ev-a1", "ev-z1")]
    final = store.get_event("ev-a1")
    assert final is not None and final.sources_count == 3 and final.latitude == 14.15
