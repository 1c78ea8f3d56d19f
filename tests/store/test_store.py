"""Store: round trip, idempotency, upsert, filters, migrations, bad URLs, SIGKILL safety.

Every test runs on SQLite and, when the server binaries are installed, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

from eventcoder.dedup.policy import merge_pair
from eventcoder.extract.rows import compose_notes
from eventcoder.schema import Article, Candidate, Event, Evidence, Span, stable_id
from eventcoder.store import Store, StoreError, normalize_url
from eventcoder.store.tables import event_articles, evidence, metadata


def art(n: int, text_: str | None = None) -> Article:
    return Article.from_text(text_ or f"Article number {n}: gunmen attacked a village.",
                             id=f"a{n}", title=f"T{n}", url=f"http://example.org/{n}",
                             source="Wire", published=dt.date(2024, 1, n % 28 + 1),
                             language="en", origin=f"/in/{n}.txt")


def ev(n: int, **kw: object) -> Event:
    base: dict[str, object] = dict(
        event_id=f"ev-{n}", article_ids=[f"a{n}"], event_date=dt.date(2024, 1, n % 28 + 1),
        time_precision=1, disorder_type="Political violence",
        event_type="Violence against civilians", sub_event_type="Attack",
        plover_type="ASSAULT", actor1="Unidentified Armed Group (Iraq)", inter1=3,
        actor2="Civilians (Iraq)", inter2=7, interaction=37, civilian_targeting=True,
        assoc_actor_2="Farmers (Iraq)", country="Iraq", iso3="IRQ", admin1="Ninewa",
        admin2="Mosul", location="Mosul", latitude=36.335, longitude=43.11889,
        geo_precision=1, geonames_id=99072, fatalities=n, notes="Gunmen attacked a village.",
        confidence=0.8125,
        evidence=[Evidence(article_id=f"a{n}", field="fatalities", start=0, end=4, text="five"),
                  Evidence(article_id=f"a{n}", field="actor1", start=5, end=11, text="gunmen")],
        status="auto", sources_count=1, location_reason="literal place in event sentence",
    )
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def test_round_trip_is_lossless(store: Store) -> None:
    events = [ev(1), ev(2, event_date=None, latitude=None, longitude=None, geonames_id=None,
                     plover_type=None, actor2=None, status="reviewed", notes="é ü 中文")]
    assert store.save_batch([art(1), art(2)], events) == 2
    got = store.query_events()
    assert got == events  # undated events sort last
    assert store.get_event("ev-1") == events[0]
    assert store.get_article("a1") == art(1)
    assert store.get_article("missing") is None
    assert store.count_events() == 2 and store.count_articles() == 2


def test_idempotent_save_and_known_hashes(store: Store) -> None:
    arts = [art(i) for i in range(1, 4)]
    assert store.save_batch(arts, [ev(1), ev(2)]) == 2
    assert store.save_batch(arts, [ev(1), ev(2)]) == 0
    assert store.count_events() == 2 and store.count_articles() == 3
    assert store.event_history("ev-1") == []  # unchanged: no new revision
    hashes = [a.content_hash for a in arts] + ["0" * 64]
    assert store.known_hashes(hashes) == {a.content_hash for a in arts}
    assert store.known_hashes([]) == set()


def test_known_texts_are_ignored_and_reused_ids_renamed(store: Store) -> None:
    a = art(1)
    same_text = Article.from_text(a.text, id="other-id")
    same_id = Article.from_text("Completely different text.", id="a1")
    store.save_batch([a, same_text], [])
    store.save_batch([same_text], [])
    assert store.count_articles() == 1 and store.get_article("a1") == a
    e = ev(5, article_ids=["a1"], evidence=[Evidence(article_id="a1", field="actor1", start=0,
                                                     end=10, text="Completely")])
    store.save_batch([same_id], [e])
    new_id = f"a1~{same_id.content_hash[:8]}"
    assert store.count_articles() == 2 and store.get_article("a1") == a
    stored = store.get_article(new_id)
    assert stored is not None and stored.text == "Completely different text."
    # its events take ids of their own, so they never merge into the old version's by accident
    renamed_id = stable_id("ev-5", new_id)
    assert store.get_event("ev-5") is None
    got = store.get_event(renamed_id)
    assert got is not None and got.article_ids == [new_id]
    assert got.evidence[0].article_id == new_id
    store.save_batch([same_id], [])  # known text now: nothing new
    assert store.count_articles() == 2
    assert [x.event_id for x in store.events_for_hashes([same_id.content_hash])] == [renamed_id]
    assert store.events_for_hashes([a.content_hash, "0" * 64]) == []


def test_known_hashes_many(store: Store) -> None:
    arts = [art(i) for i in range(1200)]
    store.save_batch(arts, [])
    assert len(store.known_hashes(a.content_hash for a in arts)) == 1200


def test_upsert_replaces_fields_and_unions_lists(store: Store) -> None:
    first = ev(1)
    store.save_batch([art(1)], [first])
    newer = ev(1, article_ids=["a9", "a1"], fatalities=9, sources_count=2,
               actor1="Islamic State (IS)", inter1=2, interaction=27,
               evidence=[Evidence(article_id="a9", field="fatalities", start=3, end=7,
                                  text="nine"), first.evidence[0]])
    assert store.save_batch([art(9)], [newer]) == 0
    got = store.get_event("ev-1")
    assert got is not None
    assert got.actor1 == "Islamic State (IS)"  # a newer coding's fields replace the old ones
    assert got.fatalities == 1  # but a9 is another report: the lowest non-zero figure
    assert got.sources_count == 2
    assert got.article_ids == ["a1", "a9"]
    assert [e.text for e in got.evidence] == ["five", "gunmen", "nine"]
    assert got.notes == compose_notes(got)
    assert store.event_history("ev-1") == [first]
    assert store.count_events() == 1


def test_same_id_twice_in_one_batch(store: Store) -> None:
    n = store.save_batch([], [ev(1), ev(1, article_ids=["a2"], fatalities=4)])
    assert n == 1
    got = store.get_event("ev-1")
    assert got is not None and got.article_ids == ["a1", "a2"] and got.fatalities == 1


def test_human_review_is_not_overwritten_by_auto(store: Store) -> None:
    store.save_batch([], [ev(1, status="reviewed", fatalities=3)])
    store.save_batch([], [ev(1, status="auto", fatalities=30, article_ids=["a7"],
                             sources_count=1)])
    got = store.get_event("ev-1")
    assert got is not None
    assert got.status == "reviewed" and got.fatalities == 3
    assert got.article_ids == ["a1", "a7"] and got.sources_count == 2
    store.save_batch([], [ev(1, status="rejected")])
    assert store.get_event("ev-1").status == "rejected"  # type: ignore[union-attr]


def test_the_same_event_from_two_articles_follows_the_merge_policy(store: Store) -> None:
    """Saving one event id from two articles merges as in-article dedup does
    (eventcoder.dedup.policy), the store's only difference being supersede=True."""
    first = ev(1, fatalities=8, confidence=0.6, admin2=None, location="Ninewa",
               latitude=36.0, longitude=42.5, geo_precision=3, geonames_id=1,
               location_reason="region named in the sentence")
    second = ev(1, article_ids=["a2"], fatalities=6, confidence=0.9,
                event_date=dt.date(2024, 1, 3),
                evidence=[Evidence(article_id="a2", field="fatalities", start=0, end=3,
                                   text="six"),
                          Evidence(article_id="a2", field="location", start=20, end=25,
                                   text="Mosul")])
    # notes composed from the fields, as the pipeline writes them
    first, second = (e.model_copy(update={"notes": compose_notes(e)}) for e in (first, second))
    store.save_batch([art(1)], [first])
    # the same article coded again with a lower figure: one report's figure is its highest
    store.save_batch([], [first.model_copy(update={"fatalities": 5})])
    assert store.get_event("ev-1") == first and store.event_history("ev-1") == []
    store.save_batch([art(2)], [second])
    got = store.get_event("ev-1")
    assert got == merge_pair(first, second, supersede=True).event
    assert got is not None
    assert got.fatalities == 6  # two reports: the lowest non-zero figure
    assert got.location == "Mosul" and got.geo_precision == 1  # the more precise place
    assert got.confidence == 0.9
    assert got.event_date == dt.date(2024, 1, 3)  # the newer coding's other fields
    assert got.article_ids == ["a1", "a2"] and got.sources_count == 2
    assert [e.text for e in got.evidence] == ["five", "gunmen", "six", "Mosul"]
    assert got.notes == compose_notes(got) and "in Mosul (Ninewa). 6 reported" in got.notes
    assert "On 3 January 2024" in got.notes
    assert store.event_history("ev-1") == [first]
    # a lower figure from a third report is the conservative figure; a report with none
    # leaves it
    store.save_batch([], [ev(1, article_ids=["a3"], fatalities=4)])
    store.save_batch([], [ev(1, article_ids=["a4"], fatalities=0)])
    last = store.get_event("ev-1")
    assert last is not None and last.fatalities == 4 and last.sources_count == 4


def test_filters(store: Store) -> None:
    events = [
        ev(1, event_date=dt.date(2024, 1, 5), fatalities=0),
        ev(2, event_date=dt.date(2024, 2, 5), country="Syria", iso3="SYR", admin1="Aleppo",
           event_type="Battles", sub_event_type="Armed clash", disorder_type="Political violence",
           actor1="Military Forces of Syria (2000-)", actor2="Islamic State (IS)",
           assoc_actor_2=None, fatalities=12),
        ev(3, event_date=dt.date(2024, 3, 5), event_type="Protests",
           sub_event_type="Peaceful protest", disorder_type="Demonstrations",
           actor1="Protesters (Iraq)", actor2=None, assoc_actor_2="Teachers' 50%_Union",
           fatalities=0),
        ev(4, event_date=None),
    ]
    store.save_batch([], events)

    def ids(**kw: object) -> list[str]:
        return [e.event_id for e in store.query_events(**kw)]  # type: ignore[arg-type]

    assert ids() == ["ev-1", "ev-2", "ev-3", "ev-4"]
    assert ids(since=dt.date(2024, 2, 1)) == ["ev-2", "ev-3"]
    assert ids(until=dt.date(2024, 2, 5)) == ["ev-1", "ev-2"]
    assert ids(country="syria") == ids(country="syr") == ["ev-2"]
    assert ids(country="IRQ") == ["ev-1", "ev-3", "ev-4"]
    assert ids(admin1="ALEPPO") == ["ev-2"]
    assert ids(event_type="battles") == ids(event_type="ARMED CLASH") == ["ev-2"]
    assert ids(actor="islamic state") == ["ev-2"]
    assert ids(actor="teachers") == ["ev-3"]
    assert ids(actor="50%_") == ["ev-3"]  # LIKE wildcards are literal
    assert ids(actor="%%") == ids(actor="a_b") == []
    assert ids(min_fatalities=4) == ["ev-2", "ev-4"]
    assert ids(limit=2) == ["ev-1", "ev-2"]
    assert ids(country="iraq", event_type="Attack", min_fatalities=1) == ["ev-4"]


@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_schema_matches_migrations(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from eventcoder.store.tables import events

    with Store(db_url) as store:
        with store.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={
                "compare_type": True, "version_table": "eventcoder_alembic_version"})
            assert compare_metadata(ctx, metadata) == []
        # expression indexes are not compared by autogenerate on SQLite: check them by name
        assert {ix.name for ix in events.indexes} <= _index_names(store)
    with Store(db_url) as again:  # re-opening an up-to-date database is a no-op
        assert again.count_events() == 0


def test_every_scalar_event_field_has_a_column() -> None:
    from eventcoder.store.store import EVENT_SCALARS
    from eventcoder.store.tables import events

    assert set(EVENT_SCALARS) <= set(events.c.keys())


def test_sqlite_pragmas(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_memory_and_bare_path(tmp_path: Path) -> None:
    with Store("sqlite://") as mem:
        mem.save_batch([art(1)], [ev(1)])
        assert mem.count_events() == 1
    with Store(str(tmp_path / "plain.db")) as s:
        assert s.count_events() == 0
    assert (tmp_path / "plain.db").exists()


@pytest.mark.parametrize("url", [
    "", "nosuchdb://x", "mysql://u@h/db", "sqlite:////no/such/folder/x.db",
    "postgresql://u@127.0.0.1:1/db", "postgresql://u@[bad/db",
])
def test_bad_url_is_a_value_error(url: str) -> None:
    with pytest.raises(ValueError) as info:
        Store(url)
    assert isinstance(info.value, StoreError)
    assert "\n" not in str(info.value)


def test_postgres_url_uses_psycopg3() -> None:
    assert normalize_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"


WRITER = textwrap.dedent("""
    import datetime as dt, sys
    from eventcoder.schema import Article, Candidate, Event, Evidence, Span, stable_id
    from eventcoder.store import Store

    url, batches, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    store = Store(url)
    for b in range(batches):
        arts, evs = [], []
        for i in range(size):
            a = Article.from_text(f"Batch {b} article {i}: troops shelled the town.")
            arts.append(a)
            evs.append(Event(
                event_id=f"ev-{b}-{i}", article_ids=[a.id], event_date=dt.date(2024, 1, 1),
                disorder_type="Political violence", event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack",
                evidence=[Evidence(article_id=a.id, field="sub_event_type", start=20,
                                   end=27, text="shelled")]))
        print(f"saving {b}", flush=True)
        store.save_batch(arts, evs)
        print(f"committed {b}", flush=True)
    print("done", flush=True)
""")


def _consistent(url: str, size: int) -> int:
    with Store(url) as store:
        n = store.count_events()
        assert n % size == 0, "a batch was partly written"
        assert store.count_articles() == n
        with store.engine.connect() as conn:
            links = conn.scalar(select(func.count()).select_from(event_articles))
            spans = conn.scalar(select(func.count()).select_from(evidence))
            orphans = conn.scalar(text(
                "SELECT count(*) FROM events e WHERE NOT EXISTS "
                "(SELECT 1 FROM evidence v WHERE v.event_id = e.event_id)"))
        assert links == n and spans == n and orphans == 0
        return n


def test_sigkill_mid_run_leaves_a_consistent_db(db_url: str, tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    batches, size = 12, 400
    cmd = [sys.executable, str(script), db_url, str(batches), str(size)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "saving 3":
            break
    os.kill(proc.pid, signal.SIGKILL)  # inside batch 3's save_batch (its transaction)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    n = _consistent(db_url, size)
    assert 3 * size <= n < batches * size
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert _consistent(db_url, size) == batches * size


def test_events_for_articles_in_reading_order(store: Store) -> None:
    def span(aid: str, start: int) -> list[Evidence]:
        return [Evidence(article_id=aid, field="sub_event_type", start=start, end=start + 3,
                         text="hit")]

    store.save_batch([], [
        ev(1, article_ids=["a1"], evidence=span("a1", 50)),
        ev(2, article_ids=["a1"], evidence=span("a1", 10)),
        ev(3, article_ids=["a2", "a1"], evidence=span("a2", 5)),
        ev(4, article_ids=["a3"], evidence=span("a3", 0)),
    ])
    got = [e.event_id for e in store.events_for_articles(["a2", "a1", "a2", "zz"])]
    assert got == ["ev-3", "ev-2", "ev-1"]
    assert store.events_for_articles([]) == []


CONCURRENT_WRITER = textwrap.dedent("""
    import datetime as dt, sys
    from eventcoder.schema import Article, Event
    from eventcoder.store import Store

    url, tag, batches, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with Store(url) as store:
        for b in range(batches):
            arts = [Article.from_text(f"Writer {tag}, batch {b}, article {i}.")
                    for i in range(size)]
            evs = [Event(event_id=f"ev-{b}-{i}", article_ids=[a.id], event_date=dt.date(2024, 1, 1),
                         disorder_type="Political violence", event_type="Battles",
                         sub_event_type="Armed clash") for i, a in enumerate(arts)]
            store.save_batch(arts, evs)
""")


def test_two_concurrent_writers_merge_without_errors(db_url: str, tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(CONCURRENT_WRITER, encoding="utf-8")
    batches, size = 5, 200
    procs = [subprocess.Popen([sys.executable, str(script), db_url, tag, str(batches),
                               str(size)], stderr=subprocess.PIPE, text=True)
             for tag in ("A", "B")]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    with Store(db_url) as store:
        assert store.count_events() == batches * size
        assert store.count_articles() == 2 * batches * size
        assert all(len(e.article_ids) == 2 for e in store.query_events())


def test_article_sources(store: Store) -> None:
    store.save_batch([art(1), Article.from_text("No source here.", id="x")], [])
    assert store.article_sources(["a1", "x", "missing"]) == {"a1": "Wire", "x": None}


def test_large_query_results_keep_their_lists(store: Store) -> None:
    events = [ev(i, event_id=f"ev-{i:04d}", event_date=dt.date(2024, 1, 1) + dt.timedelta(days=i),
                 article_ids=[f"a{i}", "shared"], fatalities=i % 3) for i in range(700)]
    store.save_batch([], events)
    assert store.query_events() == events
    assert store.query_events(min_fatalities=1) == [e for e in events if e.fatalities >= 1]


def test_errors_hide_passwords_and_newer_revisions_are_reported(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store("mysql://bob:s3cret@db.example.org/events")
    assert "s3cret" not in str(info.value)
    url = f"sqlite:///{tmp_path / 'future.db'}"
    Store(url).close()
    with Store(url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE eventcoder_alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer eventcoder"):
        Store(url)


def test_not_a_database_file(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("this is not a SQLite database, just some text " * 50, encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open database"):
        Store(f"sqlite:///{bad}")


def test_upgrade_from_first_revision_keeps_data(db_url: str) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from eventcoder.store.store import MIGRATIONS, normalize_url

    url = normalize_url(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text(
            "INSERT INTO events (event_id, time_precision, disorder_type, event_type, "
            "sub_event_type, inter1, inter2, interaction, civilian_targeting, geo_precision, "
            "fatalities, notes, confidence, status, sources_count, location_reason, revision, "
            "created_at, updated_at) VALUES ('old', 1, 'Political violence', 'Battles', "
            "'Armed clash', 0, 0, 0, false, 3, 2, '', 0.5, 'auto', 1, '', 1, "
            "'2024-01-01 00:00:00', '2024-01-01 00:00:00')"))
    engine.dispose()
    with Store(db_url) as store:
        assert [e.event_id for e in store.query_events(event_type="BATTLES")] == ["old"]
        assert "ix_events_lower_country" in _index_names(store)


def _index_names(store: Store) -> set[str]:
    """Index names from the catalog (SQLAlchemy does not reflect expression indexes)."""
    sql = ("SELECT name FROM sqlite_master WHERE type = 'index'"
           if store.engine.dialect.name == "sqlite" else
           "SELECT indexname FROM pg_indexes WHERE tablename = 'events'")
    with store.engine.connect() as conn:
        return set(conn.scalars(text(sql)))


@pytest.mark.parametrize("page_size", [1, 2, 7, 2000])
def test_iter_events_streams_the_same_rows(store: Store, page_size: int) -> None:
    events = [ev(i, event_id=f"ev-{i:02d}",
                 event_date=None if i % 4 == 0 else dt.date(2024, 1, 1 + i % 3),
                 country="Syria" if i % 2 else "Iraq") for i in range(1, 20)]
    store.save_batch([], events)
    for kw in ({}, {"country": "syria"}, {"since": dt.date(2024, 1, 2)}, {"limit": 5},
               {"limit": 17}, {"min_fatalities": 100}):
        expected = store.query_events(**kw)  # type: ignore[arg-type]
        got = list(store.iter_events(page_size=page_size, **kw))  # type: ignore[arg-type]
        assert got == expected, kw


def test_repeated_article_id_in_one_event_is_stored_once(store: Store) -> None:
    assert store.save_batch([], [ev(1, article_ids=["a1", "a2", "a1"])]) == 1
    got = store.get_event("ev-1")
    assert got is not None and got.article_ids == ["a1", "a2"]


def test_long_url_ids(store: Store) -> None:
    long_id = "https://news.example.org/" + "x" * 1000
    a = Article.from_text("Gunmen attacked a convoy near the border.", id=long_id)
    store.save_batch([a], [ev(1, event_id="ev-" + "y" * 600, article_ids=[long_id],
                              evidence=[Evidence(article_id=long_id, field="actor1", start=0,
                                                 end=6, text="Gunmen")])])
    assert store.get_article(long_id) == a
    assert store.query_events()[0].article_ids == [long_id]


def test_set_status_keeps_history(store: Store) -> None:
    store.save_batch([], [ev(1)])
    reviewed = store.set_status("ev-1", "reviewed")
    assert reviewed is not None and reviewed.status == "reviewed"
    assert store.get_event("ev-1") == reviewed
    assert [e.status for e in store.event_history("ev-1")] == ["auto"]
    assert store.set_status("ev-1", "reviewed") == reviewed  # no new revision
    assert len(store.event_history("ev-1")) == 1
    assert store.set_status("missing", "rejected") is None
    with pytest.raises(ValueError, match="unknown status"):
        store.set_status("ev-1", "approved")


def test_an_updated_article_never_merges_into_the_old_versions_events(store: Store) -> None:
    # the same article id with new text: event ids derived from the article id would collide
    old = Article.from_text("Gunmen killed four villagers near Kirkuk on Monday.", id="wire-1")
    new = Article.from_text("Gunmen killed nine villagers near Kirkuk on Monday.", id="wire-1")
    store.save_batch([old], [ev(7, article_ids=["wire-1"], fatalities=4)])
    cand = Candidate(article_id="wire-1", sentence=Span(start=0, end=10, text="Gunmen kil"),
                     trigger=Span(start=7, end=13, text="killed"), status="reported",
                     event_id="ev-7")
    store.save_batch([new], [ev(7, article_ids=["wire-1"], fatalities=9)], [cand])
    kept = store.get_event("ev-7")
    assert kept is not None and kept.fatalities == 4 and kept.article_ids == ["wire-1"]
    assert store.count_events() == 2
    new_id = f"wire-1~{new.content_hash[:8]}"
    (stored_cand,) = store.candidates_for_articles([new_id])
    assert stored_cand.event_id == stable_id("ev-7", new_id)
    assert store.get_event(stable_id("ev-7", new_id)).fatalities == 9


def test_reads_leave_rejected_events_out_unless_asked(store: Store) -> None:
    store.save_batch([art(1), art(2), art(3)],
                     [ev(1), ev(2, status="reviewed"), ev(3, status="rejected")])
    assert [e.event_id for e in store.query_events()] == ["ev-1", "ev-2"]
    assert [e.event_id for e in store.iter_events()] == ["ev-1", "ev-2"]
    assert [e.event_id for e in store.query_events(status="rejected")] == ["ev-3"]
    assert [e.event_id for e in store.iter_events(status="all")] == ["ev-1", "ev-2", "ev-3"]
    assert [e.event_id for e in store.events_for_articles(["a3", "a2"])] == ["ev-2"]
    assert store.event_statuses(["ev-3", "ev-1", "zz"]) == {"ev-1": "auto", "ev-3": "rejected"}
    assert store.countries() == [("Iraq", "IRQ")]


def test_open_without_create_needs_an_existing_store(db_url: str) -> None:
    with pytest.raises(StoreError, match=r"^no (eventcoder )?database at "):
        Store(db_url, create=False)
    url = normalize_url(db_url)
    if url.get_backend_name() == "sqlite":
        assert not Path(url.database or "").exists()
    else:  # the database exists on the server, but no table was created in it
        engine = Store._create_engine(url)
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == []
        engine.dispose()
    with Store(db_url) as created:
        assert created.count_events() == 0
        created.save_batch([art(1)], [ev(1)])
    with Store(db_url, create=False) as existing:
        assert [e.event_id for e in existing.query_events()] == ["ev-1"]
