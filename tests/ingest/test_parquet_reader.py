"""The .parquet reader: the JSONL contract in columns, read row group by row group; a bad row
or a damaged row group is skipped with its reason and the rest of the file is read."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventcoder.cli.extract import count_items, reason_kind
from eventcoder.ingest import Skipped, iter_articles, supported_exts
from eventcoder.ingest import readers as readers_module
from eventcoder.schema import Article

MOSUL = "Gunmen shot dead two policemen at a checkpoint in Mosul on Monday, police said."
RAQQA = "An air strike hit a village near Raqqa on Tuesday, killing four civilians."
HOMS = "Hundreds protested in Homs on Friday against power cuts, witnesses said."


def _write(path: Path, columns: dict, row_group_size: int = 2, schema=None) -> Path:
    pq.write_table(pa.table(columns, schema=schema), path, row_group_size=row_group_size)
    return path


def _read(path: Path, **kw) -> list[Article | Skipped]:
    return list(iter_articles([path], **kw))


def test_rows_are_articles_with_the_json_fields(tmp_path: Path) -> None:
    assert ".parquet" in supported_exts()
    path = _write(tmp_path / "news.parquet", {
        "ID": [101, 102, None],  # case-insensitive; numbers become strings; none: hash id
        "Text": [MOSUL, RAQQA, HOMS],
        "headline": ["Mosul checkpoint attack", None, "Homs protest"],
        "published": [dt.date(2025, 3, 11), dt.date(2025, 3, 12), None],
        "url": ["https://example.org/1", None, None],
        "source": ["Wire A", "Wire B", None],
        "lang": ["en", None, "en"],
        "html": ["<p>not read</p>"] * 3,
    })
    items = _read(path, default_date=dt.date(2025, 1, 1))
    assert all(isinstance(i, Article) for i in items)
    a, b, c = items
    assert (a.id, a.text, a.title, a.published, a.url, a.source, a.language, a.origin) == (
        "101", MOSUL, "Mosul checkpoint attack", dt.date(2025, 3, 11), "https://example.org/1",
        "Wire A", "en", f"{path}:row 1")
    assert (b.id, b.published, b.language, b.origin) == (
        "102", dt.date(2025, 3, 12), "en", f"{path}:row 2")
    assert c.id == f"h{c.content_hash[:16]}" and c.published == dt.date(2025, 1, 1)
    assert c.origin == f"{path}:row 3"  # numbered through the file, across row groups


def test_same_articles_as_the_jsonl_reader(tmp_path: Path) -> None:
    import json

    records = [{"id": "a1", "text": MOSUL, "date": "2025-03-11", "source": "Wire A"},
               {"id": "a2", "text": RAQQA, "date": "2025-03-12", "title": "Strike"}]
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    keys = list(dict.fromkeys(k for r in records for k in r))
    table = pa.table({k: [r.get(k) for r in records] for k in keys})
    pq.write_table(table, tmp_path / "news.parquet")
    strip = lambda items: [i.model_copy(update={"origin": None}) for i in items]  # noqa: E731
    assert strip(_read(tmp_path / "news.parquet")) == strip(_read(jsonl))


def test_date_columns_of_every_type(tmp_path: Path) -> None:
    stamps = [dt.datetime(2025, 3, 4, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))]
    for name, column in {
        "date32": pa.array([dt.date(2025, 3, 4)], pa.date32()),
        "timestamp": pa.array([dt.datetime(2025, 3, 4, 12)], pa.timestamp("ms")),
        # the day where it was written, as for feeds: not UTC's 5th
        "timestamp_tz": pa.array(stamps, pa.timestamp("s", tz="America/Bogota")),
        "epoch": pa.array([1741089600], pa.int64()),
        "text": pa.array(["4 March 2025"]),
    }.items():
        path = _write(tmp_path / f"{name}.parquet", {"text": pa.array([MOSUL]), "date": column})
        (article,) = _read(path)
        assert isinstance(article, Article) and article.published == dt.date(2025, 3, 4), name


def test_bad_rows_are_skipped_with_their_reason(tmp_path: Path, caplog) -> None:
    path = _write(tmp_path / "mixed.parquet", {
        "id": ["a1", "a2", "a3", "a4", "a5"],
        "text": [MOSUL, None, "   ", "?!", RAQQA],
        "date": ["2025-03-11", None, None, None, "someday soon"],
    })
    with caplog.at_level(logging.WARNING, logger="eventcoder.ingest"):
        items = _read(path)
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Skipped", "Skipped",
                                                 "Article"]
    assert [(s.origin, s.reason) for s in items if isinstance(s, Skipped)] == [
        (f"{path}:row 2", "row 2 has no 'text' field"),
        (f"{path}:row 3", "empty text"),
        (f"{path}:row 4", "no words in text")]
    assert reason_kind("row 2 has no 'text' field") == "no 'text' field"
    assert f"{path}:row 5: date 'someday soon' not understood" in caplog.text
    numbers = _write(tmp_path / "numbers.parquet", {"text": [12, 13]})
    assert [s.reason for s in _read(numbers)] == ["row 1: 'text' is not a string",
                                                  "row 2: 'text' is not a string"]


def test_tables_that_hold_no_articles(tmp_path: Path) -> None:
    events = _write(tmp_path / "events.parquet", {"event_id": ["ev-1"], "notes": ["x"]})
    (skip,) = _read(events)
    assert skip.reason == "table has no 'text' column (columns: event_id, notes)"
    empty = _write(tmp_path / "empty.parquet", {"text": pa.array([], pa.string())})
    assert [s.reason for s in _read(empty)] == ["empty table"]
    fake = tmp_path / "fake.parquet"
    fake.write_text("id,text\n1,hello\n", encoding="utf-8")
    (skip,) = _read(fake)
    assert skip.origin == str(fake) and skip.reason.startswith("unreadable: ArrowInvalid")
    gz = tmp_path / "news.parquet.gz"
    gz.write_bytes(b"\x1f\x8b not really")
    assert "Parquet compresses its own pages" in _read(gz)[0].reason


def test_a_damaged_row_group_is_skipped_and_the_next_ones_read(tmp_path: Path,
                                                                monkeypatch) -> None:
    path = _write(tmp_path / "news.parquet", {
        "id": [f"a{i}" for i in range(6)], "text": [f"{MOSUL} Report {i}." for i in range(6)]})
    real = pq.ParquetFile.iter_batches

    def damaged(self, *args, row_groups=None, **kwargs):
        if row_groups == [1]:
            raise OSError("Corrupt snappy compressed data.")
        return real(self, *args, row_groups=row_groups, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", damaged)
    items = _read(path)
    assert [i.id if isinstance(i, Article) else i.origin for i in items] == [
        "a0", "a1", f"{path}#row group 2", "a4", "a5"]
    assert items[2].reason == ("row group 2 (rows 3 to 4) unreadable: OSError: Corrupt snappy "
                               "compressed data.")
    assert items[3].origin == f"{path}:row 5"


def test_read_one_row_group_at_a_time(tmp_path: Path, monkeypatch) -> None:
    """Lazily: the first article comes before the second row group is decoded, and no more
    than PARQUET_BATCH_ROWS rows are decoded at once."""
    monkeypatch.setattr(readers_module, "PARQUET_BATCH_ROWS", 3)
    path = _write(tmp_path / "big.parquet", {
        "text": [f"{MOSUL} Report {i}." for i in range(40)]}, row_group_size=10)
    asked: list[tuple] = []
    real = pq.ParquetFile.iter_batches

    def spy(self, batch_size=65536, row_groups=None, columns=None, **kwargs):
        asked.append((batch_size, tuple(row_groups), tuple(columns)))
        for batch in real(self, batch_size=batch_size, row_groups=row_groups,
                          columns=columns, **kwargs):
            assert batch.num_rows <= 3
            yield batch

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", spy)
    items = iter_articles([path])
    next(items)
    assert asked == [(3, (0,), ("text",))]
    assert sum(isinstance(i, Article) for i in items) == 39
    assert [a[1] for a in asked] == [(0,), (1,), (2,), (3,)]


def test_the_progress_bar_counts_rows_from_the_footer(tmp_path: Path) -> None:
    path = _write(tmp_path / "news.parquet", {"text": [MOSUL, RAQQA, HOMS]})
    assert count_items(path) == 3


@pytest.mark.e2e
def test_extract_reads_parquet(tmp_path: Path) -> None:
    from ec_testutils import run_cli

    path = _write(tmp_path / "news.parquet", {
        "id": ["a1", "a2"], "text": [MOSUL, RAQQA], "date": ["2025-03-11", "2025-03-12"]})
    result = run_cli("extract", str(path), "--db", f"sqlite:///{tmp_path / 'e.db'}",
                     "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert "2 read: 2 coded" in result.stderr
