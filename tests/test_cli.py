"""The command line: contracts, idempotency, exports, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.cli.geoparse import PLACE_KEYS
from eventcoder.schema import EVENT_FIELDS

ACLED_LEAD = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
              "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
              "assoc_actor_2", "inter2", "interaction", "civilian_targeting"]


@pytest.fixture(scope="module")
def coded(tmp_path_factory, examples_dir):
    """The examples coded once into a fresh SQLite database."""
    root = tmp_path_factory.mktemp("cli")
    articles = root / "articles"
    shutil.copytree(examples_dir, articles)
    db = f"sqlite:///{root / 'events.db'}"
    result = CliRunner().invoke(cli, ["extract", str(articles), "--db", db, "--format", "jsonl",
                                      "--date", "2025-03-10"])
    assert result.exit_code == 0, result.output
    return articles, db, result


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


@pytest.mark.e2e
def test_extract_jsonl_contract(coded):
    _, _, result = coded
    rows = _jsonl(result.stdout)
    assert len(rows) >= 8
    for row in rows:
        assert list(row) == [*EVENT_FIELDS, "article_id"]
        assert row["article_id"] == row["article_ids"][0]
    ids = {row["article_id"] for row in rows}
    assert {"syr-001", "syr-003"} <= ids
    assert "skipped" in result.stderr and "rapport-fr" in result.stderr


@pytest.mark.e2e
def test_rerun_adds_nothing(coded):
    articles, db, first = coded
    again = CliRunner().invoke(cli, ["extract", str(articles), "--db", db, "--format", "jsonl",
                                     "--date", "2025-03-10"])
    assert again.exit_code == 0, again.output
    assert ": 0 coded, " in again.stderr and "; 0 new events; " in again.stderr
    assert sorted(r["event_id"] for r in _jsonl(again.stdout)) == sorted(
        r["event_id"] for r in _jsonl(first.stdout))


@pytest.mark.e2e
def test_events_csv_has_acled_columns(coded):
    _, db, first = coded
    result = CliRunner().invoke(cli, ["events", "--db", db, "--format", "csv"])
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert reader.fieldnames[: len(ACLED_LEAD)] == ACLED_LEAD
    rows = list(reader)
    assert len(rows) == len(_jsonl(first.stdout))
    assert all(r["sub_event_type"] for r in rows)


@pytest.mark.e2e
def test_events_filters(coded):
    _, db, _ = coded
    result = CliRunner().invoke(cli, ["events", "--db", db, "--format", "jsonl", "--country",
                                      "Syria", "--min-fatalities", "1"])
    assert result.exit_code == 0, result.output
    rows = _jsonl(result.stdout)
    assert rows and all(r["iso3"] == "SYR" and r["fatalities"] >= 1 for r in rows)


@pytest.mark.e2e
def test_geoparse_contract(tmp_path):
    src = tmp_path / "docs.jsonl"
    text = "Clashes broke out in Kirkuk and near Mosul."
    src.write_text(json.dumps({"id": "d1", "text": text}) + "\n" +
                   json.dumps({"id": "d2", "text": text, "spans": [[21, 27]]}) + "\n")
    result = CliRunner().invoke(cli, ["geoparse", str(src)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [list(x) for x in lines] == [["id", "places"], ["id", "places"]]
    first, second = lines
    assert {p["text"] for p in first["places"]} >= {"Kirkuk", "Mosul"}
    for p in first["places"]:
        assert tuple(p) == PLACE_KEYS
        assert text[p["start"]:p["end"]] == p["text"]
    assert [(p["start"], p["end"]) for p in second["places"]] == [(21, 27)]
    assert second["places"][0]["country_code"] == "IQ"


def test_user_mistakes_are_one_line_errors(tmp_path):
    runner = CliRunner()
    bad_date = runner.invoke(cli, ["extract", str(tmp_path), "--date", "10/03/2025"])
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    empty = runner.invoke(cli, ["extract", str(tmp_path), "--db",
                                f"sqlite:///{tmp_path / 'x.db'}"])
    assert empty.exit_code == 1 and "Traceback" not in empty.output
    assert "no readable input files" in empty.output
    parquet = runner.invoke(cli, ["events", "--db", f"sqlite:///{tmp_path / 'x.db'}",
                                  "--format", "parquet"])
    assert parquet.exit_code == 2 and "--output" in parquet.output
