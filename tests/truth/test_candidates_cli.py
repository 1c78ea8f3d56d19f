"""Candidates reach the store and the command line: --explain, `eventcoder candidates`,
--min-confidence on extract and events. The article is written for this test."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli

# every test here runs `eventcoder extract` on an article
pytestmark = pytest.mark.e2e

ARTICLE = (
    "MOSUL, Iraq - Gunmen killed three shepherds near Tal Afar on Sunday, police said.\n\n"
    "Islamic State carried out a bombing in the town in October 2017 that killed dozens.\n\n"
    "Militants have threatened to attack police stations in the province next week, an "
    "officer said.\n"
)


def _extract(tmp_path, *args: str):
    src = tmp_path / "report.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'ev.db'}"
    res = CliRunner().invoke(cli, ["extract", str(src), "--db", db, "--date", "2025-03-10",
                                   "--format", "jsonl", *args])
    assert res.exit_code == 0, res.output
    return db, res


def test_explain_says_why_each_sentence_was_or_was_not_coded(tmp_path):
    _, res = _extract(tmp_path, "--explain", "--min-confidence", "0")
    out = res.stderr if hasattr(res, "stderr") else res.output
    assert "coded" in out and "background" in out and "hypothetical" in out, out


def test_candidates_are_stored_and_listed_by_status(tmp_path):
    db, _ = _extract(tmp_path, "--min-confidence", "0")
    res = CliRunner().invoke(cli, ["candidates", "--db", db, "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    statuses = {r["status"] for r in rows}
    assert {"reported", "background", "hypothetical"} <= statuses, statuses
    assert all(r["reason"] for r in rows)
    assert any(r["event_id"] for r in rows if r["status"] == "reported")
    only = CliRunner().invoke(cli, ["candidates", "--db", db, "--status", "background",
                                    "--format", "jsonl"])
    assert {json.loads(x)["status"] for x in only.stdout.splitlines() if x.startswith("{")} \
        == {"background"}


def test_min_confidence_filters_what_is_written_and_what_is_queried(tmp_path):
    db, res = _extract(tmp_path, "--min-confidence", "0")
    events = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert events
    top = max(e["confidence"] for e in events)
    q = CliRunner().invoke(cli, ["events", "--db", db, "--format", "jsonl",
                                 "--min-confidence", str(min(1.0, top + 0.001))])
    assert q.exit_code == 0 and not [x for x in q.stdout.splitlines() if x.startswith("{")]
    _, strict = _extract(tmp_path / "..", "--min-confidence", "1")
    assert not [x for x in strict.stdout.splitlines() if x.startswith("{")]
