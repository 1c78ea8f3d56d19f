"""Issue 12, item 2, in the store, on SQLite and PostgreSQL: ``Store.merge_events`` (one
transaction, the merge policy, the absorbed-id table of migration 0006, the history),
``resolve_id``/``get_event`` of an absorbed id, and the indexed blocking query
``merge_candidates``. The rules themselves: tests/dedup/test_cross.py."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.dedup.cross import MergeSettings, candidates_for, merge_stored
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


@pytest.mark.parametrize("analyzed", [False, True])
def test_blocking_searches_the_blocking_index_not_the_table(store: Store,
                                                            analyzed: bool) -> None:
    """Issue 12, item 7: the blocking query searches the
    (sub_event_type, event_date, latitude, longitude) index of migration 0008 by the types
    and the date window, with and without the planner's statistics; no plan scans events
    (nor searches by type alone, as SQLite did with the single-column indexes: every event
    of the type)."""
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
    many: list[str] = []
    assert len(one) == 1
    for plan in one:
        if sqlite:
            lines = plan.splitlines()
            assert "SCAN events" not in plan, plan
            assert [x for x in lines if "events" in x] == [BLOCKING_SEARCH] * (
                3 if plan in many else 1), plan
        else:
            assert "Seq Scan" not in plan and "ix_events_type_date_lat_lon" in plan, plan
            assert "Index Cond: (((sub_event_type)::text = ANY" in plan, plan
            assert "(event_date >= " in plan and "(latitude >= " in plan, plan


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
