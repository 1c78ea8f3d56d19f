"""Exports: JSONL field order (the contract), ACLED CSV header, GeoJSON, Parquet, table."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from eventcoder.export import ACLED_COLUMNS, CSV_COLUMNS, FORMATS, write_events
from eventcoder.schema import EVENT_FIELDS, Event, Evidence


def make_event(n: int, **kw: object) -> Event:
    base: dict[str, object] = dict(
        event_id=f"ev-{n}", article_ids=[f"a{n}", "b"], event_date=dt.date(2024, 3, n),
        time_precision=1, disorder_type="Political violence",
        event_type="Violence against civilians", sub_event_type="Attack",
        plover_type="ASSAULT", actor1="Unidentified Armed Group (Iraq)", inter1=3,
        actor2="Civilians (Iraq)", inter2=7, interaction=37, civilian_targeting=True,
        country="Iraq", iso3="IRQ", admin1="Ninewa", location="Mosul", latitude=36.335,
        longitude=43.11889, geo_precision=1, geonames_id=99072, fatalities=n,
        notes='Gunmen "attacked", a village', confidence=0.75,
        evidence=[Evidence(article_id=f"a{n}", field="fatalities", start=0, end=4,
                           text="five")],
        sources_count=2, location_reason="event sentence",
    )
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


EVENTS = [make_event(1), make_event(2, latitude=None, longitude=None, event_date=None,
                                    civilian_targeting=False, iso3=None, country=None)]


def test_formats_tuple() -> None:
    assert FORMATS == ("table", "jsonl", "csv", "geojson", "parquet")


def test_jsonl_field_order_is_the_contract(tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    assert write_events(EVENTS, "jsonl", out) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    for line, ev in zip(lines, EVENTS, strict=True):
        rec = json.loads(line)
        assert list(rec) == [*EVENT_FIELDS, "article_id"]
        assert rec["article_id"] == ev.article_ids[0]
        del rec["article_id"]
        assert Event.model_validate(rec) == ev


def test_jsonl_to_stream_and_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    buf = io.StringIO()
    assert write_events(EVENTS[:1], "jsonl", buf) == 1
    assert buf.getvalue().count("\n") == 1
    bbuf = io.BytesIO()
    write_events(EVENTS[:1], "jsonl", bbuf)
    assert bbuf.getvalue().decode("utf-8") == buf.getvalue()
    assert write_events(EVENTS, "jsonl") == 2
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert write_events(EVENTS, "jsonl", "-") == 2
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_csv_header_and_acled_values(tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    assert write_events(EVENTS, "csv", out) == 2
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0][:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0][:3] == ["event_id_cnty", "event_date", "year"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["event_id_cnty"] == "ev-1"
    assert first["event_date"] == "2024-03-01" and first["year"] == "2024"
    assert first["civilian_targeting"] == "Civilian targeting"
    assert first["iso"] == "368"  # ISO 3166-1 numeric for Iraq
    assert first["region"] == "Middle East"
    assert first["notes"] == 'Gunmen "attacked", a village'
    assert first["latitude"] == "36.335" and first["article_ids"] == "a1;b"
    assert json.loads(first["evidence"])[0]["text"] == "five"
    second = dict(zip(rows[0], rows[2], strict=True))
    assert second["civilian_targeting"] == "" and second["iso"] == "" and second["region"] == ""
    assert second["event_date"] == "" and second["latitude"] == ""


def test_geojson_is_a_valid_feature_collection(tmp_path: Path) -> None:
    out = tmp_path / "e.geojson"
    assert write_events(EVENTS, "geojson", out) == 2
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    f1, f2 = doc["features"]
    assert f1["type"] == "Feature"
    assert f1["geometry"] == {"type": "Point", "coordinates": [43.11889, 36.335]}
    assert f2["geometry"] is None
    assert f1["properties"]["event_id"] == "ev-1"
    assert set(EVENT_FIELDS) <= set(f1["properties"])


def test_geojson_empty(tmp_path: Path) -> None:
    out = tmp_path / "none.geojson"
    assert write_events([], "geojson", out) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == {"type": "FeatureCollection",
                                                            "features": []}


def test_parquet_file_on_a_binary_stream_is_typed_and_readable() -> None:
    """A binary file gets one Parquet file (a stream holds no folder); the dataset export to a
    folder: tests/export/test_parquet_dataset.py."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    assert write_events(EVENTS, "parquet", buf) == 2
    table = pq.read_table(io.BytesIO(buf.getvalue()))
    assert table.num_rows == 2
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("latitude").type == pa.float64()
    assert table.schema.names == [*EVENT_FIELDS, "article_id"]
    rows = table.to_pylist()
    assert rows[0]["event_date"] == dt.date(2024, 3, 1)
    assert rows[0]["evidence"][0]["text"] == "five"
    assert rows[0]["article_ids"] == ["a1", "b"] and rows[0]["article_id"] == "a1"
    assert rows[1]["latitude"] is None and rows[1]["country"] is None
    rebuilt = {k: v for k, v in rows[0].items() if k != "article_id"}
    assert Event.model_validate(rebuilt) == EVENTS[0]


def test_parquet_needs_a_path() -> None:
    with pytest.raises(ValueError, match="parquet"):
        write_events(EVENTS, "parquet")
    with pytest.raises(ValueError, match="parquet"):
        write_events(EVENTS, "parquet", io.StringIO())
    buf = io.BytesIO()
    assert write_events(EVENTS, "parquet", buf) == 2
    assert buf.getvalue()[:4] == b"PAR1"


def test_table_for_humans() -> None:
    buf = io.StringIO()
    assert write_events(EVENTS, "table", buf) == 2
    text = buf.getvalue()
    assert "2024-03-01" in text and "Attack" in text and "Mosul" in text
    assert "2 events" in text


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        write_events(EVENTS, "xml")


def test_generators_are_streamed(tmp_path: Path) -> None:
    gen = (make_event(i % 28 + 1, event_id=f"g{i}") for i in range(25))
    assert write_events(gen, "csv", tmp_path / "g.csv") == 25


@pytest.mark.parametrize("iso3, numeric, region", [
    ("IRQ", 368, "Middle East"), ("TUR", 792, "Middle East"), ("IRN", 364, "Middle East"),
    ("ARM", 51, "Caucasus and Central Asia"), ("NGA", 566, "Western Africa"),
    ("MEX", 484, "Central America"), ("AFG", 4, "South Asia"), ("USA", 840, "North America"),
])
def test_country_codes(iso3: str, numeric: int, region: str) -> None:
    from eventcoder.export import country_codes

    assert country_codes()[iso3] == (numeric, region)


def test_csv_source_column_from_article_sources(tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    sources = {"a1": "Wire", "b": "Daily Bugle", "a2": "Wire"}
    write_events(EVENTS, "csv", out, sources=sources)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["source"] == "Wire; Daily Bugle"
    write_events(EVENTS, "csv", out)
    with out.open(encoding="utf-8", newline="") as fh:
        assert next(csv.DictReader(fh))["source"] == ""


def test_non_finite_coordinates_never_make_invalid_json(tmp_path: Path) -> None:
    bad = make_event(3, latitude=float("nan"), longitude=1.0, confidence=float("inf"))
    for fmt in ("jsonl", "geojson"):
        out = tmp_path / f"nan.{fmt}"
        write_events([bad], fmt, out)
        text = out.read_text(encoding="utf-8")
        assert "NaN" not in text and "Infinity" not in text
        json.loads(text.splitlines()[0] if fmt == "jsonl" else text)
    write_events([bad], "csv", tmp_path / "nan.csv")
    with (tmp_path / "nan.csv").open(encoding="utf-8", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["latitude"] == "" and row["confidence"] == ""
