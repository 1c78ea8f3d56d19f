"""Every reader, the decoder and standard input, fed hostile bytes: nothing raises out of
``iter_articles`` (bad input is a ``Skipped`` with a one-line reason), and no good record is
lost because the file also holds bad ones.

"Good" records are generated to be readable (an id, a text with words); "bad" ones are
whatever can be wrong with a record: not JSON, not an object, no text, a text that is not a
string, numbers of thousands of digits, nesting thousands deep, invalid UTF-8, control
characters, NUL bytes, a date no parser reads. Files mix the two in any order, and every
good record must come out as an article with its id and text.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import io
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from eventcoder.ingest import Skipped, decode_bytes, iter_articles, normalize_text, read_stream
from eventcoder.ingest.decode import DecodeError, looks_binary
from eventcoder.schema import Article

pytestmark = pytest.mark.fuzz

# -- strategies --------------------------------------------------------------------------------

#: words of a good article: ASCII and other scripts, so language detection and decoding meet
#: more than English
WORDS = st.sampled_from(["Gunmen", "killed", "two", "farmers", "near", "Kirkuk", "on", "Monday",
                         "police", "said", "café", "Ниневия", "الموصل", "北京", "ßtraße", "12",
                         "1,200", "&", "<b>", "—", "«quoted»", "naïve", "e\u0301"])
GOOD_TEXT = st.lists(WORDS, min_size=1, max_size=30).map(" ".join).filter(
    lambda t: any(c.isalnum() for c in t))
#: any JSON value (what a good record's optional fields may hold: read or ignored, never fatal)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=8)


@st.composite
def good_records(draw: st.DrawFn, n: int) -> dict:
    """A record that must be read: its id ``good-<n>``, a text with words, and any value in
    the optional fields (a date nobody can parse only gives a warning)."""
    rec: dict = {"id": f"good-{n}", "text": draw(GOOD_TEXT)}
    for key in draw(st.lists(st.sampled_from(["title", "date", "source", "url", "language"]),
                             unique=True, max_size=3)):
        rec[key] = draw(JSON_VALUES)
    return rec


#: a line (no newline in it) that is not a good record
BAD_LINES = st.one_of(
    st.text(max_size=80).map(lambda s: s.replace("\n", " ")),
    st.binary(max_size=80).map(lambda b: b.replace(b"\n", b" ").decode("latin-1")),
    JSON_VALUES.map(json.dumps),  # JSON, but not an object with a text
    st.dictionaries(st.sampled_from(["id", "title", "body", "content", "text"]),
                    st.one_of(st.none(), st.integers(), st.lists(st.integers(), max_size=2),
                              st.just(""), st.just("   "), st.just("\x00"), st.just("...")),
                    max_size=3).map(json.dumps),  # no usable text
    st.integers(min_value=4301, max_value=6000).map(lambda n: '{"text": ' + "9" * n + "}"),
    st.integers(min_value=2000, max_value=200_000).map(lambda n: "[" * n + "]" * n),
    st.integers(min_value=2000, max_value=50_000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.just('{"text": "\ud800 lone surrogate"}'),
    st.just('{"text": "Gunmen killed two", "text": 7}'),  # a repeated key: the last one wins
)


@st.composite
def mixed_records(draw: st.DrawFn) -> tuple[list[object], set[str]]:
    """Good records (dicts) and bad lines (strings) in any order; the ids of the good ones."""
    items: list[object] = []
    good: set[str] = set()
    for i in range(draw(st.integers(min_value=0, max_value=8))):
        if draw(st.booleans()):
            items.append(draw(good_records(i)))
            good.add(f"good-{i}")
        else:
            items.append(draw(BAD_LINES))
    return items, good


@contextmanager
def written(name: str, data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        yield path


def read_all(path: Path | str) -> list[Article | Skipped]:
    out = list(iter_articles([path]))
    for item in out:
        assert isinstance(item, Article | Skipped)
        if isinstance(item, Skipped):
            assert item.reason.strip() and "\n" not in item.reason, item
        else:
            assert item.text and item.text == normalize_text(item.text)
    return out


def assert_good_read(out: list[Article | Skipped], records: list[object], good: set[str], *,
                     exact: bool = True) -> None:
    """Every good record came out as an article with its id and (``exact``) its text. A file
    read whole (JSON, CSV) that is not valid UTF-8 is decoded by a guess for the whole file,
    so there only the id is checked: the record is read, its text may be decoded otherwise."""
    texts = {a.id: a.text for a in out if isinstance(a, Article)}
    for rec in records:
        if isinstance(rec, dict) and rec.get("id") in good:
            assert rec["id"] in texts, (rec, out)
            if exact:
                assert texts[rec["id"]] == normalize_text(rec["text"])


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# -- the decoder -------------------------------------------------------------------------------

@given(st.binary(max_size=2000))
def test_decode_bytes_gives_text_or_a_decode_error(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except DecodeError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert isinstance(text, str)
    assert isinstance(looks_binary(data), bool)


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "cp1251",
                             "koi8-r", "shift_jis", "gb18030", "big5", "euc-kr", "iso-8859-7",
                             "cp1256", "mac-roman"])


@given(st.text(max_size=300), ENCODINGS)
def test_text_in_any_encoding_decodes(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    try:
        got = decode_bytes(data)
    except DecodeError:
        assert looks_binary(data)  # control characters: called binary, said so
        return
    if encoding in ("utf-8-sig", "utf-16"):
        assert got == text
    elif encoding == "utf-8":  # a leading U+FEFF is read as a byte-order mark and dropped
        assert got == text.removeprefix("\ufeff")


# -- one file per article: txt, html ------------------------------------------------------------

@given(st.binary(max_size=3000))
@example(b"\xff\xfe" + b"\x00\xd8")  # UTF-16 with a lone surrogate
def test_txt_any_bytes(data: bytes) -> None:
    with written("a.txt", data) as path:
        out = read_all(path)
    assert len(out) == 1


TAGS = st.sampled_from(["p", "div", "span", "script", "style", "article", "body", "html", "a",
                        "table", "tr", "td", "br", "title", "meta", "svg", "math", "template",
                        "noscript", "iframe", "textarea", "!--", "![CDATA[", "?xml"])
MARKUP = st.lists(st.one_of(
    TAGS.map(lambda t: f"<{t}>"), TAGS.map(lambda t: f"</{t}>"), GOOD_TEXT,
    st.sampled_from(["&amp;", "&nbsp;", "&#0;", "&#x110000;", "&#99999999999;", "&bogus;",
                     "<!DOCTYPE html>", '<meta charset="bogus-9">', '<meta charset="utf-7">',
                     "<p class='x' class='y'>", "<", ">", "&", "\x00", "\ufeff", "\r"]),
    st.text(max_size=20)), max_size=40).map("".join)


@given(st.one_of(MARKUP.map(lambda s: s.encode("utf-8", "surrogatepass")),
                 st.binary(max_size=2000)))
@example(b"<html>")  # found: lxml's fragment_fromstring raised AssertionError
def test_html_any_markup(data: bytes) -> None:
    with written("a.html", data) as path:
        out = read_all(path)
    assert len(out) == 1


# -- records: jsonl, json, csv, parquet -------------------------------------------------------

def jsonl_bytes(records: list[object]) -> bytes:
    lines = []
    for rec in records:
        line = json.dumps(rec, ensure_ascii=False) if isinstance(rec, dict) else str(rec)
        lines.append(line.encode("utf-8", "surrogatepass"))
    return b"\n".join(lines) + b"\n"


@given(mixed_records())
# found: a NUL byte in a bad line made the whole file "binary file", its good records lost
@example(([{"id": "good-0", "text": "Gunmen"}, "\x00"], {"good-0"}))
# found: a number of 4,301 digits raised ValueError, which ended the file
@example(([{"id": "good-0", "text": "Gunmen"}, '{"text": ' + "9" * 4301 + "}",
           {"id": "good-2", "text": "Gunmen"}], {"good-0", "good-2"}))
# found: nesting deeper than the recursion limit raised RecursionError, which ended the file
@example(([{"id": "good-0", "text": "Gunmen"}, "[" * 100_000 + "]" * 100_000,
           {"id": "good-2", "text": "Gunmen"}], {"good-0", "good-2"}))
def test_jsonl_every_good_record_is_read(mixed: tuple[list[object], set[str]]) -> None:
    records, good = mixed
    with written("a.jsonl", jsonl_bytes(records)) as path:
        out = read_all(path)
    assert_good_read(out, records, good)


@given(mixed_records())
# found: RecursionError raised out of read_stream
@example(([{"id": "good-0", "text": "Gunmen"}, "[" * 100_000 + "]" * 100_000,
           {"id": "good-2", "text": "Gunmen"}], {"good-0", "good-2"}))
def test_jsonl_on_standard_input(mixed: tuple[list[object], set[str]]) -> None:
    records, good = mixed
    out = list(read_stream(io.BytesIO(jsonl_bytes(records))))
    assert all(isinstance(x, Article | Skipped) for x in out)
    if records and isinstance(records[0], dict):  # told as JSONL by its first line
        assert_good_read(out, records, good)


@given(mixed_records())
# found: one lone surrogate (ED A0 80) counted as three bad characters turned the whole file's
# decoding to Windows-1252 ('café' read as 'cafÃ©')
@example(([{"id": "good-0", "text": "café"}, '{"text": "\ud800 lone surrogate"}'],
          {"good-0"}))
def test_json_list_every_good_record_is_read(mixed: tuple[list[object], set[str]]) -> None:
    records, good = mixed
    items = []
    for rec in records:
        if isinstance(rec, dict):
            items.append(rec)
        else:
            try:  # a bad line that is JSON goes in as that value, else as a string
                items.append(json.loads(rec))
            except (ValueError, RecursionError):
                items.append(rec)
    try:
        data = json.dumps(items, ensure_ascii=False).encode("utf-8", "surrogatepass")
    except (ValueError, RecursionError):
        assume(False)
    with written("a.json", data) as path:
        out = read_all(path)
    assert_good_read(out, records, good, exact=is_utf8(data))


@given(mixed_records(), st.sampled_from([",", "\t"]))
def test_csv_every_good_row_is_read(mixed: tuple[list[object], set[str]], delimiter: str
                                    ) -> None:
    records, good = mixed
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(["id", "text", "title", "date"])
    for rec in records:
        if isinstance(rec, dict):
            writer.writerow([rec["id"], rec["text"], str(rec.get("title", "")),
                             str(rec.get("date", ""))])
        else:  # a bad row: the line's text in the text column, and odd cells elsewhere
            writer.writerow(["", str(rec)[:200].replace("\x00", ""), "x", "not a date"])
    name = "a.tsv" if delimiter == "\t" else "a.csv"
    data = buf.getvalue().encode("utf-8", "surrogatepass")
    with written(name, data) as path:
        out = read_all(path)
    assert_good_read(out, records, good, exact=is_utf8(data))


@given(mixed_records(), st.integers(min_value=1, max_value=4))
def test_parquet_every_good_row_is_read(mixed: tuple[list[object], set[str]],
                                        row_group: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    records, good = mixed
    rows = []
    for rec in records:
        if isinstance(rec, dict):
            rows.append({"id": rec["id"], "text": rec["text"], "date": str(rec.get("date"))})
        else:
            rows.append({"id": None, "text": str(rec)[:200].encode("utf-8", "replace").decode(),
                         "date": "not a date"})
    table = pa.Table.from_pylist(rows, schema=pa.schema([("id", pa.string()),
                                                         ("text", pa.string()),
                                                         ("date", pa.string())]))
    buf = io.BytesIO()
    pq.write_table(table, buf, row_group_size=row_group)
    with written("a.parquet", buf.getvalue()) as path:
        out = read_all(path)
    assert_good_read(out, records, good)


@given(st.binary(max_size=2000))
def test_parquet_any_bytes(data: bytes) -> None:
    with written("a.parquet", b"PAR1" + data + b"PAR1") as path:
        read_all(path)


# -- feeds -------------------------------------------------------------------------------------

#: what a bad feed entry holds: nothing, markup, control characters (not XML), a bad date
BAD_ENTRIES = st.one_of(
    st.just(""), st.text(max_size=60),
    st.just("<description></description>"),
    st.just("<description>&lt;script&gt;x&lt;/script&gt;</description>"),
    st.just("<pubDate>not a date</pubDate>"),
    st.just("<description>\x01\x02\x1b</description>"),
    st.just("<link>javascript:alert(1)</link>"),
)


@st.composite
def feeds(draw: st.DrawFn) -> tuple[bytes, list[dict], set[str]]:
    items = []
    good: set[str] = set()
    records: list[dict] = []
    for i in range(draw(st.integers(min_value=1, max_value=6))):
        if draw(st.booleans()):
            text = draw(GOOD_TEXT.filter(lambda t: "<b>" not in t))  # an entry's text is HTML
            title = f"good-{i}"
            date = draw(st.one_of(st.just(""), st.text(max_size=20),
                                  st.just("Mon, 04 Mar 2024 23:30 -0500")))
            items.append(f"<item><title>{title}</title><description>{escape(text)}"
                         f"</description><pubDate>{escape(date)}</pubDate></item>")
            good.add(title)
            records.append({"title": title, "text": text})
        else:
            bad = draw(BAD_ENTRIES)
            # escaped, so the feed stays one XML document (control characters excepted)
            items.append(f"<item>{bad if bad.startswith('<') else escape(bad)}</item>")
    doc = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire'
           "</title>" + "".join(items) + "</channel></rss>")
    return doc.encode("utf-8", "surrogatepass"), records, good


def _rss(*items: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire'
            "</title>" + "".join(items) + "</channel></rss>").encode("utf-8")


@given(feeds())
# found: a date feedparser parses to year -1 raised ValueError and lost its entry
@example((_rss("<item><title>good-0</title><description>Gunmen</description><pubDate>"
               "0000-00-00</pubDate></item>"), [{"title": "good-0", "text": "Gunmen"}],
          {"good-0"}))
# found: a NUL byte in one entry made the whole feed "binary file"
@example((_rss("<item><title>good-0</title><description>Gunmen</description><pubDate>"
               "\x00</pubDate></item>"), [{"title": "good-0", "text": "Gunmen"}], {"good-0"}))
def test_feed_every_good_entry_is_read(feed: tuple[bytes, list[dict], set[str]]) -> None:
    data, records, good = feed
    with written("a.rss", data) as path:
        out = read_all(path)
    by_title = {a.title: a.text for a in out if isinstance(a, Article)}
    for rec in records:
        assert rec["title"] in by_title, (rec, out)
        assert normalize_text(" ".join(rec["text"].split())) in " ".join(
            by_title[rec["title"]].split()) or rec["text"].strip() == ""


@given(st.one_of(st.binary(max_size=2000),
                 MARKUP.map(lambda s: ('<?xml version="1.0"?><rss><channel><item>'
                                       "<description>" + s).encode("utf-8", "surrogatepass"))))
@example(b"<rss<a<&#2147500000;")  # found: OverflowError in feedparser's loose parser
def test_feed_any_bytes(data: bytes) -> None:
    with written("a.rss", data) as path:
        read_all(path)


# -- gzip --------------------------------------------------------------------------------------

@given(mixed_records(), st.data())
def test_gzip_jsonl_truncated_anywhere_keeps_what_came_before(
        mixed: tuple[list[object], set[str]], data: st.DataObject) -> None:
    records, good = mixed
    raw = jsonl_bytes(records)
    packed = gzip.compress(raw)
    cut = data.draw(st.integers(min_value=0, max_value=len(packed)))
    with written("a.jsonl.gz", packed[:cut]) as path:
        out = read_all(path)
    if cut == len(packed):
        assert_good_read(out, records, good)


@given(st.sampled_from(["a.txt.gz", "a.json.gz", "a.html.gz", "a.rss.gz", "a.csv.gz",
                        "a.jsonl.gz", "a.parquet.gz"]), st.binary(max_size=500))
def test_gzip_any_bytes(name: str, data: bytes) -> None:
    with written(name, data) as path:
        read_all(path)
    with written(name, b"\x1f\x8b\x08\x00" + data) as path:  # a gzip header, then anything
        read_all(path)


@given(st.binary(max_size=2000))
def test_standard_input_any_bytes(data: bytes) -> None:
    out = list(read_stream(io.BytesIO(data)))
    assert out and all(isinstance(x, Article | Skipped) for x in out)


def test_utf16_jsonl_with_a_bom_is_read() -> None:
    data = codecs.BOM_UTF16_LE + '{"id": "good-0", "text": "Gunmen killed two"}\r\n'.encode(
        "utf-16-le")
    with written("a.jsonl", data) as path:
        out = read_all(path)
    assert isinstance(out[0], Article) and out[0].id == "good-0"


_ = dt  # dates appear in generated records only


# -- URL bodies --------------------------------------------------------------------------------

MEDIA_TYPES = st.sampled_from(["", "text/html", "application/rss+xml", "application/xml",
                               "application/json", "application/x-ndjson", "text/csv",
                               "text/plain", "application/gzip", "application/octet-stream",
                               "application/vnd.apache.parquet", "image/png"])
URL_PATHS = st.sampled_from(["/", "/story", "/a.json", "/a.jsonl", "/a.jsonl.gz", "/feed.xml",
                             "/a.csv", "/a.tsv", "/a.parquet", "/a.txt.gz", "/a.pdf"])


@given(st.one_of(st.binary(max_size=2000), MARKUP.map(lambda s: s.encode("utf-8", "replace")),
                 mixed_records().map(lambda m: jsonl_bytes(m[0]))),
       MEDIA_TYPES, URL_PATHS)
def test_a_url_body_of_any_type_and_content(monkeypatch_module, data: bytes, media: str,
                                            path: str) -> None:
    """Whatever a server sends, under whatever media type and name, reading it gives
    articles or Skipped (the fetch itself is replaced: its checks are tests/ingest/
    test_urls.py's)."""
    from eventcoder.ingest import fetch

    url = "https://news.example" + path
    monkeypatch_module.setattr(fetch, "fetch_url",
                               lambda u, limits=None: fetch.Fetched(url, media, data))
    read_all(url)


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as mp:
        yield mp
