"""What a new user runs into (issue 11, items 3, 4 and 9): standard input, one-line messages
that name the file and line, a summary whose counts add up, a progress bar that counts
articles, a table that stays readable for a large run, -v.

Most tests run ``eventcoder extract`` without the spaCy model: their articles are unusable or
in another language (refused before parsing), or a stand-in pipeline codes them (``fake_coding``).
CliRunner's standard error is not a terminal, as with ``2> log.txt``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.cli.extract import count_items, reason_kind, total_items
from eventcoder.ingest import read_stream
from eventcoder.pipeline import ArticleResult, Pipeline
from eventcoder.schema import Article, Event

FRENCH = ("Des hommes armés ont tué deux civils à Mossoul lundi, a indiqué la police locale "
          "dans un communiqué publié mardi matin.")
ENGLISH = "Gunmen killed two civilians in Mosul on Monday, police said."
#: what a line of eventcoder's standard error starts with (anything else is a wrapped line)
MESSAGE = re.compile(r"^(skipped|note|read|ignored|hint) |^[\d,]+ read: |^Error: ")


def _jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                   for r in records)


@pytest.fixture
def run(tmp_path, tiny_gazetteer_path):
    """``eventcoder extract ARGS`` into a fresh database, with the tiny gazetteer."""

    def invoke(*args: str, input: str | None = None):
        db = f"sqlite:///{tmp_path / 'events.db'}"
        result = CliRunner().invoke(cli, ["extract", *args, "--db", db, "--gazetteer",
                                          str(tiny_gazetteer_path)], input=input)
        # the French articles these tests feed (refused before parsing: no model needed) can
        # leave nothing coded, which exits 1 after the summary (tested on its own below)
        nothing = "every input was skipped" in result.output
        assert result.exit_code == (1 if nothing else 0), result.output
        return result

    return invoke


@pytest.fixture
def fake_coding(monkeypatch):
    """Code every English article into one event per article, without the model, warning
    that it has no date (as the real pipeline does): for tests of what the CLI prints."""

    def flush(self, articles: list[Article], batch_size: int):
        for n, a in enumerate(articles):
            event = Event(event_id=f"ev-{a.content_hash[:12]}", article_ids=[a.id],
                          event_date=dt.date(2024, 3, 1 + n % 28),
                          disorder_type="Political violence",
                          event_type="Violence against civilians", sub_event_type="Attack",
                          actor1="Unidentified Armed Group (Iraq)", country="Iraq",
                          location="Mosul", fatalities=2, confidence=0.9)
            yield ArticleResult(article=a, events=[event],
                                warnings=["no date in the text: event_date left empty"])

    monkeypatch.setattr(Pipeline, "_flush", flush)


def _summary(messages: list[str]) -> str:
    """The run's summary line (an "Error: every input was skipped" line may follow it)."""
    return next(m for m in reversed(messages) if re.match(r"^[\d,]+ read: ", m))


def _messages(stderr: str) -> list[str]:
    lines = [line for line in stderr.splitlines() if line.strip()]
    for line in lines:
        assert MESSAGE.match(line), f"not a message of its own (wrapped?): {line!r}"
    return lines


# --------------------------------------------------------------------------------------------
# item 3: standard input


def test_read_stream_tells_jsonl_from_text():
    jsonl = read_stream(io.BytesIO(_jsonl("", {"id": "a1", "text": ENGLISH}, "not json",
                                          {"title": "no text"}).encode()))
    assert [str(x) if not isinstance(x, Article) else (x.id, x.origin) for x in jsonl] == [
        ("a1", "<stdin>:line 2"),
        "<stdin>:line 3: invalid JSON on line 3: Expecting value (column 1)",
        "<stdin>:line 4: line 4 has no 'text' field"]
    text, = read_stream(io.BytesIO(f"Attack in Mosul\n\n{ENGLISH}\n{{not json}}\n".encode()))
    assert isinstance(text, Article)
    assert (text.origin, text.title) == ("<stdin>", "Attack in Mosul")
    pretty = list(read_stream(io.BytesIO(json.dumps([{"text": ENGLISH}], indent=2).encode())))
    assert [a.origin for a in pretty if isinstance(a, Article)] == ["<stdin>#item 1"]
    assert [str(x) for x in read_stream(io.BytesIO(b"\n \n"))] == ["<stdin>: empty input"]


def test_extract_reads_jsonl_from_stdin(run):
    result = run("-", input=_jsonl({"id": "fr1", "text": FRENCH}, "{broken", "",
                                   {"text": FRENCH + " Encore."}))
    messages = _messages(result.stderr)
    assert "skipped <stdin>:line 2: invalid JSON on line 2: Expecting property name " \
           "enclosed in double quotes (column 2)" in messages
    assert "skipped <stdin>:line 1: language 'fr' not processed (languages: en)" in messages
    assert "skipped <stdin>:line 4: language 'fr' not processed (languages: en)" in messages
    assert _summary(messages).startswith("3 read: 0 coded, 0 copies linked, 0 already stored, 3 skipped "
                                   "(2 language 'fr' not processed, 1 invalid JSON); "
                                   "0 new events; 0 events printed in ")


def test_extract_reads_plain_text_from_stdin(run):
    result = run("-", input=f"Attaque à Mossoul\n\n{FRENCH}\n")
    assert "skipped <stdin>: language 'fr' not processed (languages: en)" in result.stderr
    assert "1 read: 0 coded, 0 copies linked, 0 already stored, 1 skipped" in result.stderr


def test_extract_and_geoparse_take_a_pipe(tmp_path, tiny_gazetteer_path):
    """A real pipe, as `curl ... | eventcoder extract -`, by `-` and by /dev/stdin."""
    db = f"sqlite:///{tmp_path / 'events.db'}"
    for name, data in (("-", _jsonl({"text": FRENCH}, "oops")),
                       ("/dev/stdin", f"{FRENCH}\n")):
        proc = subprocess.run(
            [sys.executable, "-c", "from eventcoder.cli import main; main()", "extract", name,
             "--db", db, "--gazetteer", str(tiny_gazetteer_path), "--format", "jsonl"],
            input=data.encode(), capture_output=True, timeout=120)
        err = proc.stderr.decode()
        assert proc.returncode == 1 and "every input was skipped" in err, err
        where = "<stdin>:line 1" if name == "-" else "<stdin>"
        assert f"skipped {where}: language 'fr' not processed" in err
        assert proc.stdout == b""


@pytest.mark.e2e
def test_geoparse_reads_stdin(tiny_gazetteer_path):
    geo = CliRunner().invoke(cli, ["geoparse", "-", "--gazetteer", str(tiny_gazetteer_path)],
                             input=_jsonl({"id": "d1", "text": "Clashes broke out in Kirkuk."},
                                          "{broken"))
    assert geo.exit_code == 0, geo.output
    assert "skipped <stdin>:line 2: invalid JSON on line 2" in geo.stderr
    (line,) = [json.loads(x) for x in geo.stdout.splitlines()]
    assert line["id"] == "d1" and [p["name"] for p in line["places"]] == ["Kirkuk"]


def test_files_and_folders_still_checked(tmp_path):
    missing = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "does not exist" in missing.output


# --------------------------------------------------------------------------------------------
# item 4: one line per message, naming the file and line; counts that add up


def test_long_messages_stay_on_one_line(tmp_path, run):
    folder = tmp_path / ("a-folder-with-a-rather-long-name-" * 3)
    folder.mkdir()
    src = folder / "articles-of-the-week.jsonl"
    src.write_text(_jsonl({"text": FRENCH}, "{" + "x" * 100, {"id": 7}), encoding="utf-8")
    result = run(str(src), "-v")
    messages = _messages(result.stderr)
    long = [m for m in messages if len(m) > 80]
    assert len(long) >= 4
    assert f"skipped {src}:line 3: line 3 has no 'text' field" in messages
    assert any(m.startswith(f"skipped {src}:line 2: invalid JSON on line 2") for m in messages)
    assert f"read {src}: 1 article, 2 unusable" in messages


def test_notes_name_the_file_not_a_hash(tmp_path, run, fake_coding):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "mosul.txt").write_text(ENGLISH + "\n", encoding="utf-8")
    (tmp_path / "in" / "more.jsonl").write_text(_jsonl({"id": "m1", "text": ENGLISH + " Two."}),
                                                encoding="utf-8")
    result = run(str(tmp_path / "in"), "--format", "jsonl")
    messages = _messages(result.stderr)
    assert f"note {tmp_path / 'in' / 'mosul.txt'}: no date in the text: event_date left " \
           "empty" in messages
    assert f"note {tmp_path / 'in' / 'more.jsonl'}:line 1: no date in the text: event_date " \
           "left empty" in messages
    assert not any(re.search(r"\bh[0-9a-f]{16}\b", m) for m in messages)


def test_summary_adds_up_and_says_where_events_went(tmp_path, run, fake_coding):
    src = tmp_path / "news.jsonl"
    src.write_text(_jsonl({"text": ENGLISH}, {"text": ENGLISH + " Again."}, "{bad",
                          {"text": FRENCH}, {"text": ENGLISH}), encoding="utf-8")
    first = run(str(src), "--format", "jsonl")
    assert len(first.stdout.splitlines()) == 2
    assert "5 read: 2 coded, 0 copies linked, 1 already stored, 2 skipped (1 invalid JSON, 1 language 'fr' " \
           "not processed); 2 new events; 2 events printed in " in first.stderr
    out = tmp_path / "events.csv"
    again = run(str(src), "--format", "csv", "--output", str(out))
    assert "5 read: 0 coded, 0 copies linked, 3 already stored, 2 skipped (1 invalid JSON, 1 language 'fr' " \
           f"not processed); 0 new events; 2 events written to {out} in " in again.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.parametrize(("reason", "kind"), [
    ("invalid JSON on line 3: Expecting value (column 1)", "invalid JSON"),
    ("line 4 has no 'text' field", "no 'text' field"),
    ("item 2 is not a JSON object", "not a JSON object"),
    ("language 'fr' not processed (languages: en)", "language 'fr' not processed"),
    ("unreadable: OSError: [Errno 5] Input/output error", "unreadable"),
    ("binary file", "binary file"),
])
def test_skips_are_counted_by_kind_of_reason(reason, kind):
    assert reason_kind(reason) == kind


# --------------------------------------------------------------------------------------------
# item 9: big batches


def test_totals_are_counted_cheaply(tmp_path):
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(_jsonl(*({"text": f"{ENGLISH} {i}"} for i in range(1200))) + "{last}",
                     encoding="utf-8")
    txt = tmp_path / "b.txt"
    txt.write_text(ENGLISH, encoding="utf-8")
    csv = tmp_path / "c.csv"
    csv.write_text("text\nx\n", encoding="utf-8")
    assert count_items(jsonl) == 1201 and count_items(txt) == 1
    assert total_items([jsonl, txt]) == 1202
    assert total_items([jsonl, csv]) is None and total_items([Path("-")]) is None


def test_progress_counts_articles(tmp_path, run):
    src = tmp_path / "one-big-file.jsonl"
    src.write_text(_jsonl(*({"text": f"{FRENCH} {i}"} for i in range(12))), encoding="utf-8")
    result = run(str(src), "--progress")
    assert re.search(r"coding .*12/12 articles · 0 events", result.stderr)
    piped = run("-", "--progress", input=src.read_text(encoding="utf-8"))
    assert re.search(r"coding 12 articles · 0 events", piped.stderr)  # no total: a count


def test_large_table_shows_the_first_rows(tmp_path, run, fake_coding):
    src = tmp_path / "many.jsonl"
    src.write_text(_jsonl(*({"text": f"{ENGLISH} Number {i}."} for i in range(60))),
                   encoding="utf-8")
    result = run(str(src))
    assert result.stdout.count("Mosul, Iraq") == 50
    assert "60 events, the first 50 shown: 60 Attack; 2024-03-01 to 2024-03-28" in result.stdout
    assert "hint the table shows the first 50 of 60 events: for all of them, --format " \
           "jsonl|csv|geojson, --output FILE, or --max-rows 0" in _messages(result.stderr)
    assert "60 events printed" in result.stderr
    few = run(str(src), "--max-rows", "3")
    assert few.stdout.count("Mosul, Iraq") == 3
    everything = run(str(src), "--max-rows", "0")
    assert everything.stdout.count("Mosul, Iraq") == 60 and "hint" not in everything.stderr


def test_verbose_says_what_was_read_or_ignored(tmp_path, run):
    folder = tmp_path / "news"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "x.txt").write_text("x", encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / "a.jsonl").write_text(_jsonl({"text": FRENCH}, "{"), encoding="utf-8")
    (folder / "b.txt").write_text(FRENCH, encoding="utf-8")
    messages = _messages(run(str(folder), "-v").stderr)
    assert f"ignored {folder / '.git'} (hidden folder)" in messages
    (folder / "Thumbs.db").write_bytes(b"\x00")
    messages = _messages(run(str(folder), "-v").stderr)
    assert f"ignored {folder / 'Thumbs.db'} (tool file)" in messages
    # a type no reader takes is an input: read, and skipped with its reason
    assert f"skipped {folder / 'report.pdf'}: unsupported file type '.pdf'" in messages
    assert f"read {folder / 'a.jsonl'}: 1 article, 1 unusable" in messages
    assert f"read {folder / 'b.txt'}: 1 article" in messages
    quiet = _messages(run(str(folder)).stderr)
    assert not any(m.startswith(("read ", "ignored ")) for m in quiet)


@pytest.mark.e2e
def test_extract_codes_stdin_with_the_model(run):
    result = run("-", "--format", "jsonl", input=_jsonl({"id": "s1", "text": ENGLISH}))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["article_id"] == "s1" for r in rows)
    messages = _messages(result.stderr)
    assert all("<stdin>:line 1" in m for m in messages if m.startswith("note "))
    assert _summary(messages).startswith("1 read: 1 coded, 0 copies linked, 0 already stored, 0 skipped;")


def test_a_run_that_codes_nothing_exits_1(run):
    """Every input skipped is a failure a script can see (a re-run whose articles are all
    stored already exits 0: tests/test_cli.py::test_rerun_adds_nothing)."""
    result = run("-", input=f"{FRENCH}\n")
    assert result.exit_code == 1 and "every input was skipped (1): nothing coded" in result.output
