"""What a new user runs into (issue 11, items 5 and 6): files in a folder that no reader takes
are reported, not ignored; every command reads input with the same one-line messages."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest

from eventcoder.ingest import Skipped, find_input_files, iter_articles
from eventcoder.schema import Article

BODY = "Gunmen killed five civilians in Kirkuk on Monday, police said."


def _read(*paths: Path, **kw: object) -> list[Article | Skipped]:
    return list(iter_articles(paths, **kw))  # type: ignore[arg-type]


def _unwrapped(text: str) -> str:
    """``text`` without any white space: rich wraps long lines, within words too."""
    return "".join(text.split())


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BODY, encoding="utf-8")


# -- item 5: files it does not read are counted ----------------------------------------------

def test_files_no_reader_takes_are_skipped_with_their_type(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt", "report.pdf", "notes.md", "letter.docx", "photo.JPG", "README",
                     "sub/scan.pdf.gz", "sub/b.jsonl"])
    (tmp_path / "sub" / "b.jsonl").write_text(json.dumps({"text": BODY}) + "\n",
                                              encoding="utf-8")
    out = _read(tmp_path)
    got = {Path(x.origin).relative_to(tmp_path).as_posix(): x.reason
           for x in out if isinstance(x, Skipped)}
    assert got == {
        "README": "unsupported file type (no extension)",
        "letter.docx": "unsupported file type '.docx'",
        "notes.md": "unsupported file type '.md'",
        "photo.JPG": "unsupported file type '.jpg'",
        "report.pdf": "unsupported file type '.pdf'",
        "sub/scan.pdf.gz": "unsupported file type '.pdf.gz'",
    }
    assert sum(isinstance(x, Article) for x in out) == 2
    # in the folder's sorted order, as the files come
    assert [Path(x.origin or "").name for x in out] == [
        "README", "a.txt", "letter.docx", "notes.md", "photo.JPG", "report.pdf", "b.jsonl:line 1",
        "scan.pdf.gz"]


def test_hidden_files_and_tool_litter_are_passed_over(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt", ".DS_Store", ".hidden.txt", ".git/config", ".git/HEAD.txt",
                     "__pycache__/x.cpython-311.pyc", "sub/__pycache__/y.pyc", "Thumbs.db",
                     "sub/thumbs.db", "desktop.ini", "~$letter.docx", "sub/.ipynb_checkpoints/c.txt",
                     "sub/b.md"])
    files = [p.relative_to(tmp_path).as_posix() for p in find_input_files([tmp_path])]
    assert files == ["a.txt", "sub/b.md"]


def test_a_file_named_explicitly_is_read_whatever_its_name(tmp_path: Path) -> None:
    _tree(tmp_path, [".hidden.txt", "report.pdf"])
    out = _read(tmp_path / ".hidden.txt", tmp_path / "report.pdf")
    assert isinstance(out[0], Article)
    assert out[1] == Skipped(str(tmp_path / "report.pdf"), "unsupported file type '.pdf'")


def test_run_stats_count_unsupported_files_and_add_up_on_rerun(tmp_path: Path) -> None:
    from eventcoder.config import Config
    from eventcoder.pipeline import Pipeline
    from eventcoder.run import code_articles
    from eventcoder.store import Store

    folder = tmp_path / "news"
    _tree(folder, ["a.txt", "report.pdf", "notes.md", ".DS_Store"])
    article = next(x for x in _read(folder) if isinstance(x, Article))
    pipeline = Pipeline(Config())  # nothing is coded here: no model is loaded
    with Store(f"sqlite:///{tmp_path / 'events.db'}") as store:
        store.save_batch([article], [], [])  # a.txt was coded by an earlier run
        for _ in range(2):  # re-running reports the same
            stats = code_articles(iter_articles([folder]), store, pipeline)
            assert (stats.read, stats.coded, stats.already_stored) == (3, 0, 1)
            assert stats.read == stats.coded + stats.already_stored + len(stats.skipped)
            assert stats.articles_read == 1
            assert [str(s) for s in stats.skipped] == [
                f"{folder / 'notes.md'}: unsupported file type '.md'",
                f"{folder / 'report.pdf'}: unsupported file type '.pdf'"]
            assert {s.stage for s in stats.skipped} == {"reading"}


@pytest.mark.parametrize("name", ["empty", "only-litter"])
def test_a_folder_without_any_file_is_still_an_error(tmp_path: Path, name: str) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import cli

    folder = tmp_path / name
    folder.mkdir()
    if name == "only-litter":
        _tree(folder, [".DS_Store", "Thumbs.db"])
    result = CliRunner().invoke(cli, ["extract", str(folder), "--db",
                                      f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 1 and "no readable input files" in result.output


def test_extract_lists_each_unread_file_and_counts_it(tmp_path: Path, tiny_gazetteer_path: Path
                                                      ) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import cli

    folder = tmp_path / "news"
    _tree(folder, ["report.pdf", "notes.md", ".DS_Store"])
    args = ["extract", str(folder), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--gazetteer",
            str(tiny_gazetteer_path), "--no-progress"]
    for _ in range(2):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, result.output  # every input skipped: nothing coded
        err = _unwrapped(result.stderr)
        assert _unwrapped(f"skipped {folder / 'notes.md'}: unsupported file type '.md'") in err
        assert _unwrapped(f"skipped {folder / 'report.pdf'}: unsupported file type '.pdf'") in err
        assert ".DS_Store" not in err
        assert _unwrapped("2 read: 0 coded, 0 copies linked, 0 already stored, 2 skipped") in err
        assert "every input was skipped (2): nothing coded" in result.output


# -- item 6c: a UTF-16 JSONL file (Windows PowerShell's `>`) ----------------------------------

RECORDS = [{"id": "a1", "text": "Gunmen killed five civilians in Kirkuk. Café owners fled 𝔘."},
           {"title": "no text here"},
           {"id": "a3", "text": BODY}]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("gz", [False, True])
def test_utf16_jsonl_with_bom_is_read_like_utf16_text(tmp_path: Path, encoding: str,
                                                      gz: bool) -> None:
    import codecs
    import gzip

    bom = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else codecs.BOM_UTF16_BE
    # what PowerShell 5's `Get-Content a.jsonl > b.jsonl` writes: BOM, UTF-16LE, CRLF
    data = bom + "\r\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS
                             ).encode(encoding) + "\r\n\r\n".encode(encoding)
    path = tmp_path / ("news.jsonl.gz" if gz else "news.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    out = _read(path)
    assert [type(x).__name__ for x in out] == ["Article", "Skipped", "Article"]
    first, skip, last = out
    assert isinstance(first, Article) and isinstance(last, Article)
    assert (first.id, first.text) == ("a1", RECORDS[0]["text"])
    assert (last.id, last.text, last.origin) == ("a3", BODY, f"{path}:line 3")
    assert skip == Skipped(f"{path}:line 2", "line 2 has no 'text' field")
    # the same file as .txt is one article of the same decoded text
    txt = tmp_path / "news.txt"
    txt.write_bytes(data)
    text = _read(txt)[0]
    assert isinstance(text, Article) and RECORDS[0]["text"] in text.text  # type: ignore[operator]


def test_utf16_jsonl_stray_bytes_stay_on_their_line(tmp_path: Path) -> None:
    import codecs

    lines = [json.dumps(r) for r in RECORDS]
    data = (codecs.BOM_UTF16_LE + (lines[0] + "\n").encode("utf-16-le")
            + b"{\x00\x00\xd8}\x00\n\x00"  # a lone surrogate in a line that is no JSON anyway
            + (lines[2] + "\n").encode("utf-16-le"))
    path = tmp_path / "odd.jsonl"
    path.write_bytes(data)
    out = _read(path)
    assert isinstance(out[0], Article) and isinstance(out[2], Article)
    assert isinstance(out[1], Skipped) and out[1].origin == f"{path}:line 2"
    assert out[1].reason.startswith("invalid JSON on line 2")


def test_whitespace_only_utf16_jsonl_is_an_empty_file(tmp_path: Path) -> None:
    import codecs

    path = tmp_path / "blank.jsonl"
    path.write_bytes(codecs.BOM_UTF16_LE + " \r\n\r\n".encode("utf-16-le"))
    assert _read(path) == [Skipped(str(path), "empty file")]


# -- item 6a: geoparse reads JSONL with extract's reader and messages --------------------------

MALFORMED = [
    '{"id": "d1", "text": "Clashes broke out in Kirkuk."}',
    '{not json',
    '[1, 2]',
    '{"title": "a headline only"}',
    '{"text": 5}',
    '{"id": "d6", "body": null}',
    '{"id": "d7", "text": "Clashes in Kirkuk.", "spans": [[11, 99]]}',
    '{"id": "d8", "text": "Clashes in Kirkuk.", "spans": "11-17"}',
    '{"id": "d9", "text": "  Clashes in Kirkuk.", "spans": [[13, 19]]}',
]


def _malformed(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(MALFORMED) + "\n", encoding="utf-8")
    return path


def test_geoparse_reports_bad_jsonl_lines_as_extract_does(tmp_path: Path) -> None:
    from eventcoder.cli.geoparse import _documents

    path = _malformed(tmp_path)
    got = list(_documents((path,)))
    skips = [str(x) for x in got if isinstance(x, Skipped)]
    assert skips == [
        f"{path}:line 2: invalid JSON on line 2: Expecting property name enclosed in double "
        "quotes (column 2)",
        f"{path}:line 3: line 3 is not a JSON object",
        f"{path}:line 4: line 4 has no 'text' field",
        f"{path}:line 5: line 5: 'text' is not a string",
        f"{path}:line 6: line 6 has no 'text' field",
        f"{path}:line 7: line 7: span [11, 99] lies outside the text (0-18)",
        f"{path}:line 8: line 8: 'spans' is not a list of [start, end] pairs of whole numbers",
    ]
    # exactly what extract's reader says of the lines both refuse
    extract_says = [str(x) for x in iter_articles([path]) if isinstance(x, Skipped)]
    assert extract_says == skips[:5]
    docs = [x for x in got if not isinstance(x, Skipped)]
    assert [(a.id, spans) for a, spans in docs] == [("d1", None), ("d9", [(13, 19)])]
    # the text is kept as given: the spans index it
    assert docs[1][0].text[13:19] == "Kirkuk"
    assert all("Error" not in s for s in skips)  # no exception names (KeyError: 'text')


def test_geoparse_reads_utf16_jsonl_and_skips_unsupported_files(tmp_path: Path) -> None:
    import codecs

    from eventcoder.cli.geoparse import _documents

    (tmp_path / "ps.jsonl").write_bytes(codecs.BOM_UTF16_LE + (MALFORMED[0] + "\r\n").encode(
        "utf-16-le"))
    _tree(tmp_path, ["a.txt", "report.pdf", ".DS_Store"])
    got = [str(x) if isinstance(x, Skipped) else x[0].id for x in _documents((tmp_path,))]
    assert got == [_read(tmp_path / "a.txt")[0].id,  # type: ignore[union-attr]
                   "d1",
                   f"{tmp_path / 'report.pdf'}: unsupported file type '.pdf'"]


def test_geoparse_skips_a_broken_gzip_jsonl_with_one_line(tmp_path: Path) -> None:
    from eventcoder.cli.geoparse import _documents

    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(b"not gzip at all")
    (skip,) = _documents((path,))
    assert isinstance(skip, Skipped) and skip.origin == str(path)
    assert skip.reason.startswith("unreadable: BadGzipFile")


@pytest.mark.e2e
def test_geoparse_cli_prints_one_line_per_bad_line(tmp_path: Path, tiny_gazetteer_path: Path
                                                   ) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import cli

    path = _malformed(tmp_path)
    result = CliRunner().invoke(cli, ["geoparse", str(path), "--gazetteer",
                                      str(tiny_gazetteer_path)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["d1", "d9"]
    errors = result.stderr.splitlines()
    assert len(errors) == 7 and all(e.startswith(f"skipped {path}:line ") for e in errors)
    assert f"skipped {path}:line 6: line 6 has no 'text' field" in errors
    assert "Traceback" not in result.output and "KeyError" not in result.output


# -- item 6b: gazetteer lookup of an unknown name ---------------------------------------------

def test_gazetteer_lookup_without_a_match_says_so_and_fails(tiny_gazetteer_path: Path) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import cli

    runner = CliRunner()
    miss = runner.invoke(cli, ["gazetteer", "lookup", "Atlantis", "--gazetteer",
                               str(tiny_gazetteer_path)])
    assert miss.exit_code == 1
    assert miss.stdout == ""
    assert miss.stderr == f"Error: no place named 'Atlantis' in {tiny_gazetteer_path}\n"
    hit = runner.invoke(cli, ["gazetteer", "lookup", "Kirkuk", "--gazetteer",
                              str(tiny_gazetteer_path)])
    assert hit.exit_code == 0 and "\tKirkuk\tIQ\t" in hit.stdout


# -- item 6d: a date that is not understood is a one-line warning -----------------------------

DAY = dt.date(2025, 3, 10)
WARNED = "using the default date 2025-03-10 (--date)"


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "eventcoder.ingest" and r.levelno == logging.WARNING]


def test_a_date_not_understood_warns_once_naming_file_and_line(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    records = [{"id": "ok", "text": BODY, "date": "2024-03-05"},
               {"id": "xx", "text": BODY + " 1", "date": "xx"},
               {"id": "none", "text": BODY + " 2"},
               {"id": "blank", "text": BODY + " 3", "date": ""},
               {"id": "month", "text": BODY + " 4", "published": "2024-13-45"},
               {"id": "long", "text": BODY + " 5", "date": "sometime\nafter " + "the storm " * 9},
               {"id": "num", "text": BODY + " 6", "date": 10**20}]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="eventcoder.ingest"):
        out = _read(path, default_date=DAY)
    dates = [a.published for a in out]  # type: ignore[union-attr]
    assert dates == [dt.date(2024, 3, 5)] + [DAY] * 6
    assert _warnings(caplog) == [
        f"{path}:line 2: date 'xx' not understood; {WARNED}",
        f"{path}:line 5: date '2024-13-45' not understood; {WARNED}",
        f"{path}:line 6: date 'sometime after the storm the storm the storm the storm "
        f"th...' not understood; {WARNED}",  # white space folded, cut at 60 characters
        f"{path}:line 7: date 100000000000000000000 not understood; {WARNED}",
    ]
    assert all("\n" not in w for w in _warnings(caplog))


def test_date_warnings_of_every_format_that_carries_dates(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "a.json").write_text(json.dumps([{"text": BODY, "date": "soon"}]),
                                     encoding="utf-8")
    (tmp_path / "b.csv").write_text(f"text,date\n\"{BODY}\",someday\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(f"---\ndate: the other day\n---\n{BODY}", encoding="utf-8")
    (tmp_path / "d.rss").write_text(
        "<rss version='2.0'><channel><title>Wire</title><item><title>Clashes</title>"
        f"<description>{BODY}</description><pubDate>not a date</pubDate></item>"
        "</channel></rss>", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="eventcoder.ingest"):
        out = _read(tmp_path)
    assert all(isinstance(a, Article) and a.published is None for a in out)
    assert _warnings(caplog) == [
        f"{tmp_path / 'a.json'}#item 1: date 'soon' not understood; the article has no date",
        f"{tmp_path / 'b.csv'}:line 2: date 'someday' not understood; the article has no date",
        f"{tmp_path / 'c.txt'}: date 'the other day' not understood; the article has no date",
        f"{tmp_path / 'd.rss'}#item 1: date 'not a date' not understood; the article has no date",
    ]


def test_extract_prints_the_date_warning_as_one_line(tmp_path: Path,
                                                     tiny_gazetteer_path: Path) -> None:
    """The warning reaches a real command's standard error (a subprocess: under pytest the
    command's logging set-up is pytest's). The article is stored beforehand, so nothing is
    coded and no model is loaded."""
    import os
    import subprocess
    import sys

    from eventcoder.store import Store

    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "n1", "text": BODY, "date": "xx"}) + "\n",
                    encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'events.db'}"
    with Store(db) as store:
        store.save_batch([a for a in _read(path) if isinstance(a, Article)], [], [])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run(
        [sys.executable, "-c", "from eventcoder.cli import main; main()", "extract", str(path),
         "--db", db,
         "--date", "2025-03-10", "--gazetteer", str(tiny_gazetteer_path), "--no-progress",
         "--format", "jsonl"],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert f"WARNING {path}:line 1: date 'xx' not understood; {WARNED}" in lines
    assert "Traceback" not in result.stderr
