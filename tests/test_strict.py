"""``extract --strict`` (issue 15): any skipped input is an error exit after the run, whose
summary (skips by reason) is printed either way."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.ingest import iter_articles
from eventcoder.schema import Article
from eventcoder.store import Store

BODY = "Gunmen killed five civilians in Kirkuk on Monday, police said."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An article the store already holds (nothing to code: no model needed) and two files
    that are skipped."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(BODY, encoding="utf-8")
    (news / "b.jsonl").write_text('{"text": "..."}\n{not json\n' + "y" * 5000 + "\n",
                                  encoding="utf-8")
    (news / "c.pdf").write_bytes(b"%PDF-1.4")
    article = next(x for x in iter_articles([news / "a.txt"]) if isinstance(x, Article))
    with Store(f"sqlite:///{tmp_path / 'e.db'}") as store:
        store.save_batch([article], [], [])
    return news


def _extract(folder: Path, *flags: str, env: dict[str, str] | None = None):
    db = f"sqlite:///{folder.parent / 'e.db'}"
    return CliRunner(env=env).invoke(cli, ["extract", str(folder), "--db", db, "--no-progress",
                                           *flags])


def test_skips_are_summed_up_by_reason_and_are_no_error_without_strict(folder: Path) -> None:
    result = _extract(folder, env={"EVENTCODER_MAX_LINE_BYTES": "1000"})
    assert result.exit_code == 0, result.output
    summary = result.output.strip().splitlines()[-1]
    assert summary.startswith("5 read: 0 coded, 0 copies linked, 1 already stored, 4 skipped (")
    for kind in ("1 no words in text", "1 invalid JSON", "1 too long",
                 "1 unsupported file type '.pdf'"):
        assert kind in summary


def test_strict_makes_any_skip_an_error_after_the_summary(folder: Path) -> None:
    result = _extract(folder, "--strict")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-2].startswith("5 read: 0 coded, 0 copies linked, 1 already stored, 4 skipped "
                                "(2 invalid JSON, 1 no words in text, 1 unsupported file type")
    assert lines[-1] == "Error: --strict: 4 inputs skipped (listed above)"
    assert "Traceback" not in result.output


def test_strict_passes_a_clean_run(folder: Path) -> None:
    for name in ("b.jsonl", "c.pdf"):
        (folder / name).unlink()
    result = _extract(folder, "--strict")
    assert result.exit_code == 0, result.output
