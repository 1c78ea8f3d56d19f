"""What one input may cost (issue 15): every limit is a setting, stops its input early with a
one-line reason naming the setting, and the inputs (or lines, items) after it are still read.

Hostile markup: web pages and feeds are parsed in a helper process with a time cap
(eventcoder.ingest.sandbox); a feed's own entities are never expanded (billion laughs, the
quadratic blowup, external entities); a page nested past libxml2's depth limit is still read.
"""

from __future__ import annotations

import gzip
import json
import time
import tracemalloc
from pathlib import Path

import pytest

from eventcoder.config import Config
from eventcoder.errors import ConfigError
from eventcoder.ingest import Skipped, iter_articles
from eventcoder.ingest.limits import DEFAULT_LIMITS, ReadLimits
from eventcoder.schema import Article

BODY = "Gunmen killed two farmers near Kirkuk on Monday, police said."


def _read(*paths: Path, **limits: object) -> list[Article | Skipped]:
    return list(iter_articles(paths, limits=ReadLimits(**limits)))  # type: ignore[arg-type]


def _record(n: int) -> str:
    return json.dumps({"id": f"a{n}", "text": f"{BODY} Report {n}."})


# -- settings ----------------------------------------------------------------------------------

def test_limits_are_settings_with_the_readers_defaults() -> None:
    assert Config().read_limits == DEFAULT_LIMITS
    cfg = Config.load(env={"EVENTCODER_MAX_LINE_BYTES": "1000",
                           "EVENTCODER_ALLOW_PRIVATE_URLS": "yes",
                           "EVENTCODER_PARSE_TIMEOUT": "0"})
    assert cfg.read_limits.max_line_bytes == 1000 and cfg.read_limits.allow_private_urls
    assert cfg.read_limits.parse_timeout == 0
    with pytest.raises(ConfigError, match="max_items_per_file"):
        Config.load(env={"EVENTCODER_MAX_ITEMS_PER_FILE": "0"})
    with pytest.raises(ConfigError, match="allow_private_urls"):
        Config.load(env={"EVENTCODER_ALLOW_PRIVATE_URLS": "perhaps"})


# -- gzip --------------------------------------------------------------------------------------

def _bomb(path: Path, first: bytes, megabytes: int) -> Path:
    """A .gz file of ``first`` and then ``megabytes`` MiB of 'a' with no newline: one member
    per MiB (a few hundred bytes each), so a GiB of output is made in no time."""
    member = gzip.compress(b"a" * (1 << 20), compresslevel=9)
    with path.open("wb") as fh:
        fh.write(gzip.compress(first))
        for _ in range(megabytes):
            fh.write(member)
    return path


def test_a_gzip_bomb_is_stopped_at_the_cap_without_reading_it_into_memory(tmp_path: Path
                                                                           ) -> None:
    bomb = _bomb(tmp_path / "bomb.jsonl.gz", (_record(1) + "\n").encode(), 1024)  # 1 GiB
    assert bomb.stat().st_size < 2 * 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    try:
        out = _read(bomb, max_decompressed_bytes=16 * 1024 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 30
    assert peak < 40 * 1024 * 1024, f"peak {peak:,} bytes"
    assert isinstance(out[0], Article) and out[0].id == "a1"  # what came before is kept
    assert isinstance(out[-1], Skipped) and out[-1].origin == str(bomb)
    assert out[-1].reason == ("decompressed size over 16,777,216 bytes "
                              "(max_decompressed_bytes); the rest of the file is not read")


@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.json.gz", "bomb.html.gz",
                                  "bomb.rss.gz", "bomb.csv.gz"])
def test_a_whole_file_gzip_bomb_is_skipped(tmp_path: Path, name: str) -> None:
    bomb = _bomb(tmp_path / name, b"text\n", 64)
    out = _read(bomb, max_decompressed_bytes=8 * 1024 * 1024)
    assert len(out) == 1 and isinstance(out[0], Skipped)
    assert "max_decompressed_bytes" in out[0].reason
    out = _read(bomb, max_file_bytes=4 * 1024 * 1024)  # the whole-file cap comes first here
    assert isinstance(out[0], Skipped) and "max_file_bytes" in out[0].reason


# -- JSONL lines and items ---------------------------------------------------------------------

def test_a_long_jsonl_line_is_skipped_and_the_next_lines_read(tmp_path: Path) -> None:
    long = json.dumps({"id": "long", "text": "word " * 400_000})  # 2 MB
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join([_record(1), long, _record(3), "x" * 3_000_000]),
                    encoding="utf-8")  # the last: an endless line without a newline
    out = _read(path, max_line_bytes=1_000_000)
    assert [type(x).__name__ for x in out] == ["Article", "Skipped", "Article", "Skipped"]
    assert len(long) == 2_000_026
    assert out[1] == Skipped(f"{path}:line 2", "line 2 too long (2,000,026 bytes > "
                                               "1,000,000; max_line_bytes)")
    assert out[3].origin == f"{path}:line 4" and "3,000,000 bytes" in out[3].reason


def test_a_long_line_on_standard_input(tmp_path: Path) -> None:
    import io

    from eventcoder.ingest import read_stream

    data = ("x" * 5000 + "\n" + _record(2) + "\n").encode()
    out = list(read_stream(io.BytesIO(data), limits=ReadLimits(max_line_bytes=1000)))
    assert isinstance(out[0], Skipped) and "max_line_bytes" in out[0].reason
    assert isinstance(out[1], Article) and out[1].id == "a2"


@pytest.mark.parametrize("ext", [".jsonl", ".json", ".csv", ".rss"])
def test_items_past_the_cap_are_not_read(tmp_path: Path, ext: str) -> None:
    path = tmp_path / f"many{ext}"
    if ext == ".jsonl":
        path.write_text("\n".join(_record(n) for n in range(10)), encoding="utf-8")
    elif ext == ".json":
        path.write_text(json.dumps([json.loads(_record(n)) for n in range(10)]),
                        encoding="utf-8")
    elif ext == ".csv":
        path.write_text("id,text\n" + "".join(f"a{n},{BODY} {n}\n" for n in range(10)),
                        encoding="utf-8")
    else:
        items = "".join(f"<item><title>t{n}</title><description>{BODY} {n}</description>"
                        "</item>" for n in range(10))
        path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
                        f"{items}</channel></rss>", encoding="utf-8")
    again = tmp_path / f"again{ext}"
    again.write_bytes(path.read_bytes())
    out = _read(path, again, max_items_per_file=3)  # counted per file
    assert [isinstance(x, Article) for x in out] == [True, True, True, False] * 2
    assert out[3] == Skipped(str(path), "more than 3 items (max_items_per_file); the rest "
                                        "is not read")


def test_a_file_over_max_file_bytes_is_skipped_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(BODY * 100, encoding="utf-8")
    out = _read(path, max_file_bytes=1000)
    assert out == [Skipped(str(path), "file too large (6,100 bytes > 1,000; max_file_bytes)")]


# -- hostile markup ----------------------------------------------------------------------------

def _feed(doctype: str, description: str) -> str:
    return (f'<?xml version="1.0"?>\n{doctype}\n<rss version="2.0"><channel><title>t</title>'
            f"<item><title>Hostile</title><description>{description}</description></item>"
            f"<item><title>Second</title><description>{BODY}</description></item>"
            "</channel></rss>")


LAUGHS = "<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n" + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
    for i in range(1, 10)) + "]>"


@pytest.mark.parametrize(("doctype", "description"), [
    (LAUGHS, "&lol9;"),  # billion laughs: 10**9 'lol'
    (LAUGHS.replace("\n", ""), "&lol9;"),  # the same, on one line
    ('<!DOCTYPE rss [<!ENTITY a "' + "a" * 4000 + '">]>', "&a;" * 100_000),  # quadratic
    ('<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>', "Leak: &xxe;"),
    ('<!DOCTYPE rss [\n<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;\n]>', "Hi &e;"),
])
def test_a_feed_s_own_entities_are_never_expanded(tmp_path: Path, doctype: str,
                                                   description: str) -> None:
    path = tmp_path / "hostile.rss"
    path.write_text(_feed(doctype, description), encoding="utf-8")
    started = time.perf_counter()
    out = _read(path)
    assert time.perf_counter() - started < 20
    texts = [x.text for x in out if isinstance(x, Article)]
    assert BODY in texts  # the good entry is read
    assert all(len(t) < 400_000 and "root:" not in t for t in texts)


def test_a_page_nested_past_the_parser_s_depth_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + f"<p>{BODY}</p>"
                    + "</div>" * 100_000 + "</body></html>", encoding="utf-8")
    out = _read(path)
    assert isinstance(out[0], Article) and out[0].text == BODY


def test_a_page_that_takes_too_long_to_parse_is_skipped_at_the_cap(tmp_path: Path) -> None:
    slow = tmp_path / "slow.html"  # libxml2 compares each attribute with the others
    slow.write_text("<html><body><p " + " ".join(f'a{i}="x"' for i in range(300_000))
                    + f">{BODY}</p></body></html>", encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text(f"<html><body><p>{BODY}</p></body></html>", encoding="utf-8")
    _read(good, parse_timeout=60)  # the helper started, its imports done
    started = time.perf_counter()
    out = _read(slow, good, parse_timeout=2)
    assert time.perf_counter() - started < 30  # 2 s and a new helper; minutes without
    assert out[0] == Skipped(str(slow), "page took longer than 2 s to parse (parse_timeout)")
    assert isinstance(out[1], Article) and out[1].text == BODY  # the next page: a new helper


def test_warnings_of_a_parse_in_the_helper_reach_this_process(tmp_path: Path, caplog) -> None:
    path = tmp_path / "dated.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
                    f"<title>x</title><description>{BODY}</description>"
                    "<pubDate>the day after never</pubDate></item></channel></rss>",
                    encoding="utf-8")
    with caplog.at_level("WARNING", logger="eventcoder.ingest"):
        out = _read(path)
    assert isinstance(out[0], Article)
    assert any("date 'the day after never' not understood" in r.getMessage()
               for r in caplog.records)
