"""The parquet export to a folder: a Hive-partitioned dataset year=/month=/country=, one typed
schema, read back by pyarrow, pandas and DuckDB (when installed) with the events' values."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pytest

from eventcoder.errors import InputError
from eventcoder.export import write_events
from eventcoder.export.writers import (
    PARQUET_NO_COUNTRY,
    parquet_dataset_schema,
    parquet_partitioning,
    parquet_schema,
)
from eventcoder.schema import EVENT_FIELDS, Event, Evidence


def make_event(n: int, day: dt.date | None, country: str | None, **kw: object) -> Event:
    text = f"Gunmen killed {n} people."
    base: dict[str, object] = dict(
        event_id=f"ev-{n}", article_ids=[f"a{n}", "b"], event_date=day, time_precision=1,
        disorder_type="Political violence", event_type="Violence against civilians",
        sub_event_type="Attack", plover_type="ASSAULT",
        actor1="Unidentified Armed Group (Iraq)", inter1=3, actor2="Civilians (Iraq)",
        inter2=7, interaction=37, civilian_targeting=True, country=country, iso3="IRQ",
        admin1="Ninewa", location="Mosul", latitude=36.335, longitude=43.11889,
        geo_precision=1, geonames_id=99072, fatalities=n, notes="Gunmen attacked.",
        confidence=0.75, sources_count=2, location_reason="event sentence",
        evidence=[Evidence(article_id=f"a{n}", field="sentence", start=0, end=len(text),
                           text=text),
                  Evidence(article_id=f"a{n}", field="fatalities", start=14, end=15,
                           text=str(n))])
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


EVENTS = [
    make_event(1, dt.date(2024, 3, 1), "Iraq"),
    make_event(2, dt.date(2024, 3, 9), "Iraq"),
    make_event(3, dt.date(2024, 4, 2), "Syria", iso3="SYR", latitude=None, longitude=None),
    make_event(4, dt.date(2023, 12, 31), "Côte d'Ivoire", iso3="CIV"),
    make_event(5, None, None, iso3=None),  # no date, no country
]


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    out = tmp_path / "events"
    assert write_events(EVENTS, "parquet", out) == len(EVENTS)
    return out


def _by_id(rows: list[dict]) -> dict[str, dict]:
    return {r["event_id"]: r for r in rows}


def _event(row: dict) -> Event:
    """An Event back from a dataset row: the partition keys dropped, country's placeholder
    undone."""
    rec = {k: row[k] for k in EVENT_FIELDS}
    if rec["country"] == PARQUET_NO_COUNTRY:
        rec["country"] = None
    return Event.model_validate(rec)


def test_the_folders_are_hive_partitions(dataset: Path) -> None:
    files = sorted(str(p.relative_to(dataset)) for p in dataset.rglob("*") if p.is_file())
    assert files == [
        "_common_metadata",
        "year=0/month=0/country=unknown/part-0.parquet",
        "year=2023/month=12/country=C%C3%B4te%20d%27Ivoire/part-0.parquet",
        "year=2024/month=3/country=Iraq/part-0.parquet",
        "year=2024/month=4/country=Syria/part-0.parquet",
    ]
    # the data files hold every field but country (the folders give it)
    import pyarrow.parquet as pq

    one = pq.read_schema(dataset / "year=2024/month=3/country=Iraq/part-0.parquet")
    assert one.names == [f.name for f in parquet_schema() if f.name != "country"]
    assert pq.read_schema(dataset / "_common_metadata").names == one.names


def test_pyarrow_reads_one_typed_schema_and_the_events_back(dataset: Path) -> None:
    table = pads.dataset(dataset, format="parquet", partitioning=parquet_partitioning()
                         ).to_table()
    assert table.schema.remove_metadata() == parquet_dataset_schema()
    schema = table.schema
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("year").type == pa.int16() and schema.field("month").type == pa.int8()
    assert schema.field("evidence").type == pa.list_(pa.struct([
        ("article_id", pa.string()), ("field", pa.string()), ("start", pa.int64()),
        ("end", pa.int64()), ("text", pa.string())]))
    rows = _by_id(table.to_pylist())
    assert {i: (r["year"], r["month"], r["country"]) for i, r in rows.items()} == {
        "ev-1": (2024, 3, "Iraq"), "ev-2": (2024, 3, "Iraq"), "ev-3": (2024, 4, "Syria"),
        "ev-4": (2023, 12, "Côte d'Ivoire"), "ev-5": (0, 0, "unknown")}
    assert rows["ev-1"]["article_id"] == "a1"
    assert [_event(rows[e.event_id]) for e in EVENTS] == EVENTS
    # a filter on the keys reads only their folders
    iraq = pads.dataset(dataset, format="parquet", partitioning=parquet_partitioning()
                        ).to_table(filter=(pads.field("country") == "Iraq"))
    assert sorted(iraq.column("event_id").to_pylist()) == ["ev-1", "ev-2"]


def test_pandas_reads_it_as_it_is(dataset: Path) -> None:
    import pandas as pd

    df = pd.read_parquet(dataset)
    assert len(df) == len(EVENTS)
    assert set(df.columns) == {*EVENT_FIELDS, "article_id", "year", "month"}
    df = df.set_index("event_id")
    assert df.loc["ev-4", "country"] == "Côte d'Ivoire" and int(df.loc["ev-4", "year"]) == 2023
    assert df.loc["ev-1", "event_date"] == dt.date(2024, 3, 1)
    assert df.loc["ev-1", "evidence"][1]["text"] == "1"
    assert pd.isna(df.loc["ev-5", "event_date"]) and df.loc["ev-5", "country"] == "unknown"
    iraq = pd.read_parquet(dataset, filters=[("country", "=", "Iraq")])
    assert sorted(iraq["event_id"]) == ["ev-1", "ev-2"]


def test_duckdb_reads_it(dataset: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    rows = con.execute(
        "select event_id, year, month, country, event_date, evidence[1].text "
        f"from read_parquet('{dataset}/**/*.parquet', hive_partitioning = true) "
        "order by event_id").fetchall()
    assert rows == [
        ("ev-1", 2024, 3, "Iraq", dt.date(2024, 3, 1), "Gunmen killed 1 people."),
        ("ev-2", 2024, 3, "Iraq", dt.date(2024, 3, 9), "Gunmen killed 2 people."),
        ("ev-3", 2024, 4, "Syria", dt.date(2024, 4, 2), "Gunmen killed 3 people."),
        ("ev-4", 2023, 12, "Côte d'Ivoire", dt.date(2023, 12, 31), "Gunmen killed 4 people."),
        ("ev-5", 0, 0, "unknown", None, "Gunmen killed 5 people."),
    ]


def test_a_new_export_replaces_an_earlier_one_and_nothing_else(dataset: Path,
                                                               tmp_path: Path) -> None:
    assert write_events(EVENTS[:1], "parquet", dataset) == 1
    assert len(pads.dataset(dataset, partitioning="hive").to_table()) == 1
    assert not (dataset / "year=2024" / "month=4").exists()  # no stale partition left
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".events.")]  # no temp
    other = tmp_path / "notes"
    other.mkdir()
    (other / "todo.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="not a Parquet export of eventcoder"):
        write_events(EVENTS, "parquet", other)
    assert [p.name for p in other.iterdir()] == ["todo.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert write_events(EVENTS, "parquet", empty) == len(EVENTS)


def test_no_events_is_an_empty_dataset_with_its_schema(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "none"
    assert write_events([], "parquet", out) == 0
    assert [p.name for p in out.iterdir()] == ["_common_metadata"]
    assert "event_id" in pq.read_schema(out / "_common_metadata").names


def test_a_binary_stream_still_gets_one_file() -> None:
    buf = io.BytesIO()
    assert write_events(EVENTS, "parquet", buf) == len(EVENTS)
    assert buf.getvalue()[:4] == b"PAR1"


def test_events_command_writes_the_dataset(tmp_path: Path) -> None:
    from ec_testutils import run_cli
    from eventcoder.schema import Article
    from eventcoder.store import Store

    db = f"sqlite:///{tmp_path / 'e.db'}"
    with Store(db) as store:
        store.save_batch([Article.from_text(f"text {e.event_id}", id=e.article_ids[0])
                          for e in EVENTS], EVENTS)
    out = tmp_path / "out"
    result = run_cli("events", "--db", db, "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0, result.output
    table = pads.dataset(out, partitioning=parquet_partitioning()).to_table()
    assert sorted(table.column("event_id").to_pylist()) == [e.event_id for e in EVENTS]
    result = run_cli("events", "--db", db, "--format", "parquet")
    assert result.exit_code == 2 and "needs --output PATH" in result.output
