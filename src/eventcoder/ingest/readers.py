"""File readers: .txt, .jsonl, .json, .csv/.tsv, .html/.htm, RSS/Atom feeds (each optionally
gzip-compressed), Parquet tables, and folders of them.

Every reader yields :class:`~eventcoder.schema.Article` records or :class:`Skipped` notes; bad
input never raises out of :func:`iter_articles`. ``docs/formats.md`` documents the decisions
(what ``Article.text`` holds for each format, ids, dates, source, language).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import email.utils
import gzip
import html
import io
import itertools
import json
import logging
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast
from urllib.parse import urlsplit

from ..config import DEFAULT_MAX_ARTICLE_CHARS, DEFAULT_MAX_FILE_BYTES
from ..registry import readers as _registry
from ..schema import Article
from .decode import SNIFF_BYTES, DecodeError, decode_bytes, looks_binary, normalize_text
from .fetch import is_url
from .language import detect_language
from .limits import DEFAULT_LIMITS, ReadLimits
from .sandbox import ParseCrashed, ParseTimeout, run_capped

#: Warnings about input that is read all the same (a date not understood), one line each,
#: naming the file and line; the command line prints them on standard error.
log = logging.getLogger("eventcoder.ingest")

#: Articles longer than this (characters, after decoding) are skipped, not truncated: the
#: default of the ``max_article_chars`` setting (:class:`~eventcoder.ingest.limits.ReadLimits`).
MAX_CHARS = DEFAULT_MAX_ARTICLE_CHARS
#: Whole-file formats (txt, html, json, feeds) larger than this (bytes) are skipped unread:
#: the default of the ``max_file_bytes`` setting.
MAX_FILE_BYTES = DEFAULT_MAX_FILE_BYTES
#: A title line must be shorter than this to be taken as the title of a .txt file.
MAX_TITLE_CHARS = 200

TEXT_EXTS = frozenset({".txt", ".text"})
JSONL_EXTS = frozenset({".jsonl", ".ndjson"})
JSON_EXTS = frozenset({".json"})
HTML_EXTS = frozenset({".html", ".htm", ".xhtml"})
FEED_EXTS = frozenset({".rss", ".atom", ".xml"})
CSV_EXTS = frozenset({".csv", ".tsv"})
PARQUET_EXTS = frozenset({".parquet"})
#: Formats read record by record, never whole: no file size limit (each record has its own).
STREAMED_EXTS = JSONL_EXTS | PARQUET_EXTS
#: The built-in readers' file extensions (lower case, with the dot); with the extensions
#: plugins register: :func:`supported_exts`.
SUPPORTED_EXTS: frozenset[str] = (TEXT_EXTS | JSONL_EXTS | JSON_EXTS | HTML_EXTS | FEED_EXTS
                                   | CSV_EXTS | PARQUET_EXTS)

#: Compressed variants (``.txt.gz``, ``.jsonl.gz``, ...) are read through gzip.
GZIP_EXT = ".gz"

#: Input names that mean standard input (:func:`read_stream`), as Unix tools take them.
STDIN_NAMES = frozenset({"-", "/dev/stdin"})
#: The origin of articles read from standard input (``"<stdin>:line 3"`` for a JSONL record).
STDIN_ORIGIN = "<stdin>"

_ID_KEYS = ("id", "article_id", "doc_id")
_TEXT_KEYS = ("text", "body", "content")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("date", "published", "published_at", "publication_date", "pubdate")
_SOURCE_KEYS = ("source", "sitename", "publisher")
_URL_KEYS = ("url", "link")


@dataclass(frozen=True)
class Skipped:
    """An input that produced no article, and why. Yielded instead of raising.

    origin: the file path, with ``":line N"`` (JSONL) or ``"#item N"`` (JSON list, feed entry)
        when the problem is inside the file.
    reason: one human-readable line, e.g. ``"binary file"`` or ``"invalid JSON on line 3: ..."``.
    """

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


#: A reader, registered by file extension: ``(path, default_date) -> Iterator[Article | Skipped]``.
#: It gets the path as given (also ``.gz`` variants of its extension) and never needs to catch
#: OSError, ValueError and the like: the caller turns them into a :class:`Skipped`.
Reader = Callable[[Path, dt.date | None], Iterator[Article | Skipped]]


# --------------------------------------------------------------------------------------------
# files and folders


#: Names passed over silently inside folders (compared case-insensitively): what tools, not
#: people, leave there. Hidden names (starting with ".") and Office lock files ("~$...") are
#: passed over too (:func:`is_ignored_name`); every other file in a folder is listed.
IGNORED_NAMES = frozenset({"__pycache__", "thumbs.db", "desktop.ini"})


def is_ignored_name(name: str) -> bool:
    """True for a file or folder name that folders are searched without (see
    :data:`IGNORED_NAMES`): hidden (``.git``, ``.DS_Store``), ``__pycache__``, ``Thumbs.db``,
    ``desktop.ini``, Office lock files (``~$...``)."""
    return name.startswith((".", "~$")) or name.lower() in IGNORED_NAMES


def find_inputs(paths: Iterable[str | Path]) -> list[Path | str]:
    """:func:`find_input_files`, with http(s) URLs (strings) kept where they stand: the
    inputs :func:`iter_articles` reads, in argument order. A URL given twice is read once."""
    if isinstance(paths, str | Path):
        paths = [paths]
    out: list[Path | str] = []
    seen: set[Path | str] = set()  # resolved paths and URLs
    files: list[str | Path] = []

    def flush() -> None:
        for p in find_input_files(files):
            if p.resolve() not in seen:
                seen.add(p.resolve())
                out.append(p)
        files.clear()

    for raw in paths:
        if is_url(raw):
            flush()
            if raw not in seen:
                seen.add(str(raw))
                out.append(str(raw))
        else:
            files.append(raw)
    flush()
    return out


def find_input_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand ``paths`` into input files: folders recursively, every regular file in them.

    Files a reader is registered for (:func:`supported_exts`) and files of any other type
    alike: reading one no reader takes gives a :class:`Skipped` ("unsupported file type
    '.pdf'"), so that nothing in a folder is ignored without a word. Only hidden files and
    folders and tools' litter (:func:`is_ignored_name`) inside folders are passed over. Files
    named explicitly are kept whatever their name, and so are paths that do not exist
    (reported as such). Folder contents are sorted. A file reached twice (same resolved path)
    is listed once, at its first position.

    RETURNS: the files, in argument order.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    seen: set[Path] = set()
    out: list[Path] = []

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, names in os.walk(path):  # symlinked folders are not followed
                dirs[:] = [d for d in dirs if not is_ignored_name(d)]
                found.extend(Path(root) / n for n in names if not is_ignored_name(n))
            for p in sorted(found):
                if p.is_file():
                    add(p)
        else:
            add(path)
    return out


def input_ext(path: Path) -> str:
    """The format extension of ``path``, lower case: ``.txt`` for ``a.txt`` and ``a.txt.gz``."""
    suffix = path.suffix.lower()
    if suffix == GZIP_EXT:
        return Path(path.stem).suffix.lower()
    return suffix


class _TooLarge(ValueError):
    """An input past a size limit; the message is the Skipped reason and names the setting."""


class _CappedStream(io.RawIOBase):
    """A decompressing stream that raises :class:`_TooLarge` once it has given more than
    ``cap`` bytes: a gzip bomb is stopped after ``cap`` bytes of output, read in blocks, never
    held in memory whole."""

    def __init__(self, inner: IO[bytes], cap: int) -> None:
        super().__init__()
        self.inner, self.cap, self.total = inner, cap, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.inner.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        pos = self.inner.seek(offset, whence)
        self.total = pos
        return pos

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        # never ask for more than one byte past the cap: a bomb gives at most that
        want = min(len(view), self.cap + 1 - self.total)
        data = self.inner.read(max(want, 1))
        self.total += len(data)
        if self.total > self.cap:
            raise _TooLarge(f"decompressed size over {self.cap:,} bytes "
                            "(max_decompressed_bytes); the rest of the file is not read")
        view[:len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            self.inner.close()
        finally:
            super().close()


def _open_binary(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> IO[bytes]:
    """The file's bytes, decompressed when it ends in .gz (at most
    ``limits.max_decompressed_bytes`` of them: past that, reading raises _TooLarge)."""
    if path.suffix.lower() == GZIP_EXT:
        inner = cast(IO[bytes], gzip.open(path, "rb"))  # a GzipFile is a binary file object
        return cast(IO[bytes], io.BufferedReader(
            _CappedStream(inner, limits.max_decompressed_bytes)))
    return path.open("rb")


def _read_bytes(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> bytes:
    """The whole (decompressed) file. RAISES _TooLarge: beyond ``limits.max_file_bytes``."""
    cap = limits.max_file_bytes
    with _open_binary(path, limits) as fh:
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise _TooLarge(f"file too large (> {cap:,} bytes; max_file_bytes)")
    return data


def iter_articles(paths: Iterable[str | Path], *, default_date: dt.date | None = None,
                  limits: ReadLimits | None = None) -> Iterator[Article | Skipped]:
    """Read every article in ``paths`` (files or folders), in order.

    paths: files and/or folders; folders are searched recursively (:func:`find_input_files`);
        ``http://`` and ``https://`` URLs are fetched (:func:`read_url`).
    default_date: publication date for articles whose input gives none (the CLI's ``--date``).
    limits: what one input may cost (:class:`~eventcoder.ingest.limits.ReadLimits`; default:
        the configuration's defaults); past a limit the input, or its rest, is skipped.
    RETURNS: an iterator of :class:`Article` and, for unusable input, :class:`Skipped`; it
        never raises because of bad input. Ids are unique within one call: an id already
        used for a different text becomes ``"<id>~<first 8 hex of its content hash>"`` (the
        Store applies the same rule against stored articles).
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    limits = DEFAULT_LIMITS if limits is None else limits
    table = reader_table()
    seen: dict[str, str] = {}  # article id -> content hash, to keep ids unique in a run
    for path in find_inputs(paths):
        items = (_read_url(path, default_date, limits) if isinstance(path, str)
                 else _read_file(path, default_date, table, limits))
        for item in items:
            if isinstance(item, Article):
                first = seen.setdefault(item.id, item.content_hash)
                if first != item.content_hash:  # id reused for another text
                    item = item.model_copy(update={"id": f"{item.id}~{item.content_hash[:8]}"})
                    seen.setdefault(item.id, item.content_hash)
            yield item


#: What reading a bad file may raise (a reader need not catch these): turned into a Skipped.
READ_ERRORS = (OSError, EOFError, zlib.error, csv.Error, ValueError, TypeError, LookupError,
               RecursionError, OverflowError)


def unreadable(origin: str, exc: BaseException) -> Skipped:
    """The Skipped for a file whose reader raised one of :data:`READ_ERRORS`."""
    msg = " ".join(str(exc).split())
    return Skipped(origin, f"unreadable: {type(exc).__name__}: {msg}"[:300])


def _read_file(path: Path, default_date: dt.date | None,
               table: dict[str, Reader] | None = None,
               limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Article | Skipped]:
    """Dispatch one file to its reader (``table``: :func:`reader_table`); turn any reader
    failure into a Skipped; keep every reader, plugins' too, to the article size and the
    items per file of ``limits``."""
    origin = str(path)
    if is_stdin(path):
        yield from _capped_items(STDIN_ORIGIN, _guarded(STDIN_ORIGIN, lambda: read_stream(
            sys.stdin.buffer, default_date=default_date, limits=limits)), limits)
        return
    if not path.exists():
        yield Skipped(origin, "no such file or directory")
        return
    if not path.is_file():
        yield Skipped(origin, "not a regular file")
        return
    ext = input_ext(path)
    reader = (reader_table() if table is None else table).get(ext)
    if reader is None:
        shown = ext + GZIP_EXT if path.suffix.lower() == GZIP_EXT else ext
        yield Skipped(origin, f"unsupported file type {shown!r}" if shown
                      else "unsupported file type (no extension)")
        return
    try:
        size = path.stat().st_size
        if size == 0:
            yield Skipped(origin, "empty file")
            return
        cap = limits.max_file_bytes
        if ext not in STREAMED_EXTS and size > cap:  # compressed: checked on reading
            yield Skipped(origin, f"file too large ({size:,} bytes > {cap:,}; max_file_bytes)")
            return
    except OSError as exc:
        yield Skipped(origin, f"unreadable: {type(exc).__name__}: {' '.join(str(exc).split())}"
                      [:300])
        return
    if reader in _BUILT_IN:  # the built-in readers keep to every limit themselves
        read: Callable[[], Iterator[Article | Skipped]] = lambda: reader(  # noqa: E731
            path, default_date, limits=limits)  # type: ignore[call-arg]
    else:
        read = lambda: reader(path, default_date)  # noqa: E731
    yield from _capped_items(origin, _guarded(origin, read), limits)


def _read_url(url: str, default_date: dt.date | None, limits: ReadLimits
              ) -> Iterator[Article | Skipped]:
    """:func:`read_url`, kept to the article size and items per input of ``limits``."""
    yield from _capped_items(url, _guarded(url, lambda: read_url(
        url, default_date=default_date, limits=limits)), limits)


def _capped_items(origin: str, items: Iterator[Article | Skipped], limits: ReadLimits
                  ) -> Iterator[Article | Skipped]:
    """The items of one input, at most ``limits.max_items_per_file`` of them (then one
    Skipped for the rest, which is not read), an article longer than
    ``limits.max_article_chars`` skipped (a plugin reader may not check it)."""
    n = 0
    try:
        for item in items:
            n += 1
            if n > limits.max_items_per_file:
                yield Skipped(origin, f"more than {limits.max_items_per_file:,} items "
                                      "(max_items_per_file); the rest is not read")
                return
            if isinstance(item, Article) and len(item.text) > limits.max_article_chars:
                item = Skipped(item.origin or origin, _too_long(item.text, limits))
            yield item
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()  # the reader's files, now, not at garbage collection


def _guarded(origin: str, read: Callable[[], Iterator[Article | Skipped]]
             ) -> Iterator[Article | Skipped]:
    """The items of ``read()``; a failure while reading ends the input with a Skipped."""
    try:
        yield from read()
    except _TooLarge as exc:
        yield Skipped(origin, str(exc))
    except READ_ERRORS as exc:
        yield unreadable(origin, exc)


def is_stdin(path: str | Path) -> bool:
    """True when ``path`` names standard input (:data:`STDIN_NAMES`: ``-``, ``/dev/stdin``)."""
    return str(path) in STDIN_NAMES


# --------------------------------------------------------------------------------------------
# shared helpers


def _too_long(text: str, limits: ReadLimits) -> str:
    return (f"text too long ({len(text):,} chars > {limits.max_article_chars:,}; "
            "max_article_chars)")


def make_article(text: str, *, origin: str, default_date: dt.date | None = None,
                 id: str | None = None, title: str | None = None, url: str | None = None,
                 source: str | None = None, published: dt.date | None = None,
                 language: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
                 ) -> Article | Skipped:
    """Normalise ``text`` and build an :class:`Article`, or a :class:`Skipped` when unusable.

    The text is normalised once (:func:`~eventcoder.ingest.decode.normalize_text`); that exact
    string is ``Article.text``. A missing ``id`` becomes the content-hash id; a missing
    ``published`` becomes ``default_date``; a missing ``language`` is detected. A text longer
    than ``limits.max_article_chars`` is skipped ("text too long").
    """
    text = normalize_text(text)
    if not text:
        return Skipped(origin, "empty text")
    if len(text) > limits.max_article_chars:  # before the scan for a word: it is long
        return Skipped(origin, _too_long(text, limits))
    if not any(c.isalnum() for c in text):
        return Skipped(origin, "no words in text")
    return Article.from_text(
        text,
        id=id or None,
        published=published or default_date,
        title=_clean_meta(title),
        url=_clean_meta(url),
        source=_clean_meta(source),
        language=(language or "").strip().lower() or detect_language(text),
        origin=origin,
    )


def _clean_meta(value: object) -> str | None:
    """A one-line metadata string (whitespace folded), or None when blank."""
    if value is None:
        return None
    s = " ".join(str(value).split())
    return s or None


def parse_date(value: object) -> dt.date | None:
    """A publication date from ISO text, RFC 822 text, epoch seconds/ms, or free text.

    Relative expressions ("yesterday") are not resolved. RETURNS None when unparseable.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    if re.match(r"^\d{4}-\d{2}-\d{2}", s):
        try:
            return dt.date.fromisoformat(s[:10])
        except ValueError:
            pass
    try:
        return dt.datetime.fromisoformat(s).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    if len(s) > 100 or re.fullmatch(r"\d{1,4}", s):  # not a date; a bare year is no day
        return None
    import dateparser  # slow import: only when a date is not ISO or RFC 822

    parsed = dateparser.parse(s, settings={
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "PREFER_DAY_OF_MONTH": "first",
    })
    return parsed.date() if parsed is not None else None


def record_date(value: object, origin: str, default_date: dt.date | None) -> dt.date | None:
    """:func:`parse_date` of the date an input gives (a record's ``date`` field, front matter,
    a feed entry's ``published``). A date given but not understood is logged as one warning,
    "<origin>: date 'xx' not understood; using the default date 2025-03-10 (--date)", and
    None is returned, so the article gets ``default_date``. No value (None, "") is no date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    date = parse_date(value)
    if date is None:
        log.warning("%s", date_warning(origin, value, default_date))
    return date


def date_warning(origin: str, value: object, default_date: dt.date | None) -> str:
    """The one-line warning for a date ``value`` that is not understood (see
    :func:`record_date`)."""
    shown = " ".join(value.split()) if isinstance(value, str) else value
    if isinstance(shown, str) and len(shown) > 60:
        shown = shown[:57] + "..."
    fallback = (f"using the default date {default_date.isoformat()} (--date)"
                if default_date is not None else "the article has no date")
    return f"{origin}: date {shown!r} not understood; {fallback}"


_BLOCK_TAGS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
               "table", "blockquote", "section", "article", "header", "footer", "pre",
               "figcaption")


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: tags stripped, blocks as paragraphs (blank-line separated)."""
    if "<" not in markup:
        return html.unescape(markup)
    import lxml.etree
    import lxml.html

    try:
        # libxml2's own limits kept (huge_tree off: depth, text node and name sizes), no
        # network access for a DTD
        parser = lxml.html.HTMLParser(huge_tree=False, no_network=True)
        root = lxml.html.fragment_fromstring(markup, create_parent="div", parser=parser)
    except (lxml.etree.ParserError, ValueError, AssertionError):
        # lxml asserts its own expectations: fragment_fromstring("<html>") fails one
        return html.unescape(re.sub(r"<[^>]*>", " ", markup))
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for el in root.iter("br"):
        el.tail = "\n" + (el.tail or "")
    for el in root.iter(*_BLOCK_TAGS):
        el.text = "\n\n" + (el.text or "")
        el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """The first non-empty value among ``keys``."""
    for k in keys:
        v = obj.get(k)
        if v not in (None, ""):
            return v
    return None


def _from_record(obj: object, origin: str, where: str, default_date: dt.date | None,
                 limits: ReadLimits = DEFAULT_LIMITS) -> Article | Skipped:
    """One JSON object ({"id","text","title","date"/"published","source","url"}) -> Article."""
    text = record_text(obj, origin, where)
    if isinstance(text, Skipped):
        return text
    assert isinstance(obj, dict)  # record_text checked it
    raw_id = record_id(obj)
    lang = obj.get("language") or obj.get("lang")
    try:
        return make_article(
            text, origin=origin, default_date=default_date,
            id=raw_id,
            title=_first(obj, _TITLE_KEYS), url=_first(obj, _URL_KEYS),
            source=_first(obj, _SOURCE_KEYS),
            published=record_date(_first(obj, _DATE_KEYS), origin, default_date),
            language=lang if isinstance(lang, str) else None, limits=limits,
        )
    except (ValueError, TypeError) as exc:  # one bad record must not end the file
        return Skipped(origin, f"{where}: {' '.join(str(exc).split())}"[:300])


def article_from_record(record: object, *, origin: str, where: str = "the record",
                        default_date: dt.date | None = None) -> Article | Skipped:
    """One article record of the JSON input contract (``text``, else ``body`` or
    ``content``; optional ``id``, ``title``, ``date``, ``source``, ``url``, ``language`` and
    their aliases, see docs/formats.md) -> an :class:`Article`, or the :class:`Skipped` that
    says why not ("item 3 has no 'text' field"). What the .jsonl and .json readers do for
    each record; the HTTP API's ``POST /api/articles`` reads its body with it.

    origin: where the record came from (``Article.origin``, and the Skipped's origin).
    where: how messages name the record ("line 6", "item 3").
    """
    return _from_record(record, origin, where, default_date)


def record_text(obj: object, origin: str, where: str) -> str | Skipped:
    """The text of a JSON record (``text``, else ``body`` or ``content``), or the Skipped that
    says why it has none: "line 6 has no 'text' field", "line 6 is not a JSON object"."""
    if not isinstance(obj, dict):
        return Skipped(origin, f"{where} is not a JSON object")
    text = _first(obj, _TEXT_KEYS)
    if text is None:
        return Skipped(origin, f"{where} has no 'text' field")
    if not isinstance(text, str):
        return Skipped(origin, f"{where}: 'text' is not a string")
    return text


def record_id(obj: dict[str, Any]) -> str | None:
    """The id of a JSON record (``id``, else ``article_id`` or ``doc_id``) as a string."""
    raw = _first(obj, _ID_KEYS)
    return str(raw) if raw is not None else None


# --------------------------------------------------------------------------------------------
# readers: each built-in reader reads its file's bytes (at most ``max_file_bytes``, or a
# stream for JSONL and Parquet) and hands them to a function of bytes, which a URL's body
# (eventcoder.ingest.fetch) is given to as well


def split_title(text: str) -> str | None:
    """The title of a plain-text article: its first line, when it looks like a headline.

    A headline is shorter than 200 characters, does not end with a full stop, and is followed
    by more text. RETURNS None otherwise.
    """
    first, sep, rest = text.partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first or len(first) >= MAX_TITLE_CHARS:
        return None
    if first.endswith((".", ",", ";")):
        return None
    return first


_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Metadata from a front-matter block at the top of a text file, and the rest.

    The block starts with a line ``---``, ends with the next ``---`` line (within 50 lines)
    and holds ``key: value`` lines (keys lower-cased; values may be quoted). Without a valid
    block RETURNS ``({}, text)`` unchanged.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:51], start=1):
        if line.strip() == "---":
            return meta, "\n".join(lines[i + 1:])
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _FRONT_KEY.match(line.strip())
        if m is None:
            return {}, text
        value = m.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        meta[m.group(1).lower().replace("-", "_")] = value
    return {}, text


def read_txt(path: Path, default_date: dt.date | None = None, *,
             limits: ReadLimits | None = None) -> Iterator[Article | Skipped]:
    """A .txt file is one article; ``Article.text`` is the whole (normalised) file.

    A headline-like first line also becomes ``Article.title`` (it stays in the text). A
    front-matter block (``---`` / ``key: value`` lines / ``---``) at the top gives metadata
    (id, title, date/published, source, url, language) and is not part of the text.
    """
    limits = DEFAULT_LIMITS if limits is None else limits
    yield from _txt_items(_read_bytes(path, limits), str(path), default_date, limits)


def _txt_items(data: bytes, origin: str, default_date: dt.date | None, limits: ReadLimits
               ) -> Iterator[Article | Skipped]:
    try:
        raw = decode_bytes(data)
    except DecodeError as exc:
        yield Skipped(origin, str(exc))
        return
    yield _text_article(raw, origin, default_date, limits)


def _text_article(raw: str, origin: str, default_date: dt.date | None,
                  limits: ReadLimits = DEFAULT_LIMITS) -> Article | Skipped:
    """A plain-text article (see :func:`read_txt`) from its decoded text."""
    meta, body = split_front_matter(normalize_text(raw))
    text = normalize_text(body)
    if not meta:
        return make_article(text, origin=origin, default_date=default_date,
                            title=split_title(text), limits=limits)
    return make_article(
        text, origin=origin, default_date=default_date, id=_first(meta, _ID_KEYS),
        title=_first(meta, _TITLE_KEYS) or split_title(text), url=_first(meta, _URL_KEYS),
        source=_first(meta, _SOURCE_KEYS),
        published=record_date(_first(meta, _DATE_KEYS), origin, default_date),
        language=_first(meta, ("language", "lang")), limits=limits)


def read_jsonl(path: Path, default_date: dt.date | None = None, *,
               limits: ReadLimits | None = None) -> Iterator[Article | Skipped]:
    """One JSON object per line; bad lines are skipped with their line number, lines longer
    than ``max_line_bytes`` unread."""
    limits = DEFAULT_LIMITS if limits is None else limits
    return _record_articles(jsonl_records(path, limits), default_date, limits)


def jsonl_records(path: Path, limits: ReadLimits = DEFAULT_LIMITS
                  ) -> Iterator[tuple[str, str, Any] | Skipped]:
    """The JSON value of each non-blank line of a JSONL file, as ``(origin, where, value)``
    (``"<path>:line 6"``, ``"line 6"``), or a :class:`Skipped` for a line that is not JSON
    or longer than ``limits.max_line_bytes`` (and for a binary or empty file). Shared by
    :func:`read_jsonl` and ``eventcoder geoparse``, so every command words a bad line the
    same.

    Encodings: UTF-8 (a BOM is dropped) line by line, a line that is not UTF-8 decoded on its
    own (:func:`~eventcoder.ingest.decode.decode_bytes`); UTF-16 with a byte-order mark (what
    Windows PowerShell writes) as UTF-16, U+FFFD for a stray byte.
    """
    with _open_binary(path, limits) as fh:
        yield from _jsonl_stream(fh, str(path), limits)


def _jsonl_stream(fh: IO[bytes], origin: str, limits: ReadLimits
                  ) -> Iterator[tuple[str, str, Any] | Skipped]:
    """:func:`jsonl_records` of an open, seekable binary stream."""
    head = fh.read(SNIFF_BYTES)
    if looks_binary(head) and not _holds_json_object(head):
        # a NUL byte in one bad line does not make a file of records binary: only a head
        # with no whole JSON object line in it does
        yield Skipped(origin, "binary file")
        return
    fh.seek(0)
    lines: Iterable[bytes | str | _LongLine]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # the BOM tells the byte order and is dropped; a stray byte becomes U+FFFD, as in
        # a mostly-UTF-8 line
        text = io.TextIOWrapper(fh, encoding="utf-16", errors="replace", newline="\n")
        lines = _capped_lines(text, limits.max_line_bytes // 2)
    else:
        lines = _capped_lines(fh, limits.max_line_bytes)
    yield from _json_lines(lines, origin)


@dataclass(frozen=True)
class _LongLine:
    """A line longer than its cap, skipped unread: its length and the cap."""

    size: int
    cap: int
    unit: str


def _capped_lines(fh: IO[bytes] | io.TextIOWrapper, cap: int
                  ) -> Iterator[bytes | str | _LongLine]:
    """The lines of ``fh`` (bytes, or text for a text stream), each read with at most ``cap``
    units (bytes or characters) held: a longer line is read on in blocks to its end without
    being kept, and given as a :class:`_LongLine`, so one endless line cannot fill memory."""
    unit = "characters" if isinstance(fh, io.TextIOBase) else "bytes"
    while True:
        line = fh.readline(cap + 1)
        if not line:
            return
        ends = line.endswith("\n") if isinstance(line, str) else line.endswith(b"\n")
        if len(line) <= cap or (len(line) == cap + 1 and ends):
            yield line
            continue
        size = len(line)
        while not ends:
            rest = fh.readline(1 << 20)
            if not rest:
                break
            size += len(rest)
            ends = rest.endswith("\n") if isinstance(rest, str) else rest.endswith(b"\n")
        yield _LongLine(size - ends, cap, unit)  # the line's length, without its newline


class _BadJSON(ValueError):
    """Text that is no JSON value: why (``msg``, one line) and where (``lineno``, ``colno``:
    1-based, 0 when the failure has no position)."""

    def __init__(self, msg: str, lineno: int = 0, colno: int = 0) -> None:
        super().__init__(msg)
        self.msg, self.lineno, self.colno = msg, lineno, colno


def _load_json(text: str | bytes) -> Any:
    """``json.loads``, with every way it fails on bad input as one :class:`_BadJSON`: invalid
    syntax, a number of more digits than Python converts (over 4,300), nesting deeper than
    the interpreter's recursion limit. (Only the first is a JSONDecodeError.)"""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _BadJSON(exc.msg, exc.lineno, exc.colno) from None
    except RecursionError:
        raise _BadJSON("nested too deeply") from None
    except ValueError as exc:  # int(): "Exceeds the limit (4300 digits) ..."
        raise _BadJSON(" ".join(str(exc).split()).split(";")[0][:200]) from None


def _json_lines(lines: Iterable[bytes | str | _LongLine], origin: str
                ) -> Iterator[tuple[str, str, Any] | Skipped]:
    """The JSON value of each non-blank line of ``lines`` (bytes or text, numbered from 1),
    as ``(origin, where, value)``, or a :class:`Skipped` with the line's number; the one loop
    behind JSONL files and JSONL on standard input."""
    seen_content = False
    for n, raw in enumerate(lines, start=1):
        where = f"line {n}"
        line_origin = f"{origin}:line {n}"
        if isinstance(raw, _LongLine):
            seen_content = True
            yield Skipped(line_origin, f"{where} too long ({raw.size:,} {raw.unit} > "
                                       f"{raw.cap:,}; max_line_bytes)")
            continue
        if n == 1 and isinstance(raw, bytes):
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        seen_content = True
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    line = decode_bytes(raw)
                except DecodeError as exc:
                    yield Skipped(line_origin, f"{where}: {exc}")
                    continue
        else:
            line = raw
        try:
            obj = _load_json(line)
        except _BadJSON as exc:
            at = f" (column {exc.colno})" if exc.colno else ""
            yield Skipped(line_origin, f"invalid JSON on {where}: {exc.msg}{at}")
            continue
        yield line_origin, where, obj
    if not seen_content:
        yield Skipped(origin, "empty file")


def _record_articles(items: Iterable[tuple[str, str, Any] | Skipped],
                     default_date: dt.date | None, limits: ReadLimits = DEFAULT_LIMITS
                     ) -> Iterator[Article | Skipped]:
    """The articles of JSONL records (:func:`_json_lines`): of a file (:func:`read_jsonl`)
    or of standard input (:func:`read_stream`)."""
    for item in items:
        if isinstance(item, Skipped):
            yield item
        else:
            line_origin, where, obj = item
            yield _from_record(obj, line_origin, where, default_date, limits)


def read_json(path: Path, default_date: dt.date | None = None, *,
              limits: ReadLimits | None = None) -> Iterator[Article | Skipped]:
    """A JSON array of article objects, ``{"articles": [...]}``, or a single article object."""
    limits = DEFAULT_LIMITS if limits is None else limits
    yield from _json_items(_read_bytes(path, limits), str(path), default_date, limits)


def _json_items(data: bytes, origin: str, default_date: dt.date | None, limits: ReadLimits
                ) -> Iterator[Article | Skipped]:
    try:
        content = decode_bytes(data)
    except DecodeError as exc:
        yield Skipped(origin, str(exc))
        return
    yield from _json_articles(content, origin, default_date, limits)


def _json_articles(content: str, origin: str, default_date: dt.date | None,
                   limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Article | Skipped]:
    """The articles of a JSON document (see :func:`read_json`)."""
    try:
        data = _load_json(content)
    except _BadJSON as exc:
        at = f" on line {exc.lineno}" if exc.lineno else ""
        yield Skipped(origin, f"invalid JSON{at}: {exc.msg}")
        return
    if isinstance(data, dict):
        items = next((data[k] for k in ("articles", "items", "data")
                      if isinstance(data.get(k), list)), None)
        if items is None:
            yield _from_record(data, origin, "the JSON object", default_date, limits)
            return
        data = items
    if not isinstance(data, list):
        yield Skipped(origin, "JSON is neither a list of articles nor an article object")
        return
    if not data:
        yield Skipped(origin, "empty JSON list")
        return
    for n, obj in enumerate(data, start=1):
        yield _from_record(obj, f"{origin}#item {n}", f"item {n}", default_date, limits)


def read_csv(path: Path, default_date: dt.date | None = None, *,
             limits: ReadLimits | None = None) -> Iterator[Article | Skipped]:
    """A CSV (``.csv``) or tab-separated (``.tsv``) table with a header row: one article per
    row, columns named like the JSON fields (``text`` required; ``id``, ``title``, ``date``,
    ``source``, ``url``, ... optional). A row is numbered by the line it starts on (the header
    is line 1)."""
    limits = DEFAULT_LIMITS if limits is None else limits
    delimiter = "\t" if input_ext(path) == ".tsv" else ","
    yield from _csv_items(_read_bytes(path, limits), str(path), default_date, limits,
                          delimiter)


def _csv_items(data: bytes, origin: str, default_date: dt.date | None, limits: ReadLimits,
               delimiter: str = ",") -> Iterator[Article | Skipped]:
    try:
        content = decode_bytes(data)
    except DecodeError as exc:
        yield Skipped(origin, str(exc))
        return
    # the csv module's limit is process-wide; it is only ever raised, to fit one article
    csv.field_size_limit(max(csv.field_size_limit(), 4 * limits.max_article_chars))
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter)
    fields = [(f or "").strip().lower() for f in reader.fieldnames or []]
    if not any(f in _TEXT_KEYS for f in fields):
        yield Skipped(origin, f"table has no 'text' column (columns: {', '.join(fields)[:200]})")
        return
    reader.fieldnames = fields
    last_end = reader.line_num
    for row in reader:
        n, last_end = last_end + 1, reader.line_num  # the line where the row starts
        record = {k: v for k, v in row.items() if k and isinstance(v, str) and v.strip()}
        if not record:
            continue
        yield _from_record(record, f"{origin}:line {n}", f"line {n}", default_date, limits)


#: Rows of a Parquet file decoded at once (inside one row group): with the row group itself,
#: what bounds the reader's memory, whatever the file's size.
PARQUET_BATCH_ROWS = 1000
#: The columns a Parquet reader reads (lower case): the record fields; any other is left unread.
_RECORD_KEYS = (*_ID_KEYS, *_TEXT_KEYS, *_TITLE_KEYS, *_DATE_KEYS, *_SOURCE_KEYS, *_URL_KEYS,
                "language", "lang")


def read_parquet(path: Path, default_date: dt.date | None = None, *,
                 limits: ReadLimits | None = None) -> Iterator[Article | Skipped]:
    """A Parquet table of articles, one per row, read with pyarrow one row group at a time
    (in slices of :data:`PARQUET_BATCH_ROWS` rows), so a file of any size needs memory for one
    row group. Columns are named like the JSON fields, case-insensitively (``text`` required;
    ``id``, ``title``, ``date``/``published``, ``url``, ``source``, ``language``, ...
    optional); other columns are not read. A date column may be a date, a timestamp, epoch
    seconds or text. A row is numbered from 1 through the file (``<path>:row 7``); a row
    without a usable text is skipped with its reason, and a row group that cannot be decoded
    is skipped whole (``<path>#row group 2``), the next ones still read."""
    limits = DEFAULT_LIMITS if limits is None else limits
    origin = str(path)
    if path.suffix.lower() == GZIP_EXT:
        yield Skipped(origin, "gzip-compressed Parquet: Parquet compresses its own pages; "
                              "give the .parquet file")
        return
    yield from _parquet_items(path, origin, default_date, limits)


def _parquet_items(source: Path | IO[bytes], origin: str, default_date: dt.date | None,
                   limits: ReadLimits) -> Iterator[Article | Skipped]:
    """:func:`read_parquet` of a file or a seekable stream (a URL's body)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with pq.ParquetFile(source) as pf:
        columns: dict[str, str] = {}  # lower-case name -> the file's name, first one wins
        for name in pf.schema_arrow.names:
            columns.setdefault(name.strip().lower(), name)
        if not any(k in columns for k in _TEXT_KEYS):
            yield Skipped(origin, "table has no 'text' column (columns: "
                                  f"{', '.join(columns)[:200]})")
            return
        if pf.metadata.num_rows == 0:
            yield Skipped(origin, "empty table")
            return
        wanted = [columns[k] for k in dict.fromkeys(_RECORD_KEYS) if k in columns]
        first = 0  # number of the row group's first row, less one
        for g in range(pf.num_row_groups):
            rows = pf.metadata.row_group(g).num_rows
            n = first
            try:
                for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS, row_groups=[g],
                                             columns=wanted, use_threads=False):
                    for rec in batch.to_pylist():
                        n += 1
                        obj = {k.strip().lower(): v for k, v in rec.items()}
                        yield _from_record(obj, f"{origin}:row {n}", f"row {n}", default_date,
                                           limits)
            except (pa.ArrowException, *READ_ERRORS) as exc:
                msg = " ".join(str(exc).split())
                yield Skipped(f"{origin}#row group {g + 1}",
                              f"row group {g + 1} (rows {n + 1} to {first + rows}) unreadable: "
                              f"{type(exc).__name__}: {msg}"[:300])
            first += rows


def read_html(path: Path, default_date: dt.date | None = None, *,
              limits: ReadLimits | None = None) -> Iterator[Article | Skipped]:
    """One article from a web page: trafilatura's main text and metadata (title, date, url,
    site name); a plain tag-stripping fallback when trafilatura finds no main text. Parsed in
    a helper process stopped after ``parse_timeout`` seconds (:mod:`.sandbox`)."""
    limits = DEFAULT_LIMITS if limits is None else limits
    yield from _html_items(_read_bytes(path, limits), str(path), default_date, limits)


def _html_items(data: bytes, origin: str, default_date: dt.date | None, limits: ReadLimits
                ) -> Iterator[Article | Skipped]:
    yield from _capped_parse("page", _parse_html, data, origin, default_date, limits)


def _capped_parse(what: str,
                  parse: Callable[[bytes, str, dt.date | None, ReadLimits],
                                  list[Article | Skipped]],
                  data: bytes, origin: str, default_date: dt.date | None, limits: ReadLimits
                  ) -> Iterator[Article | Skipped]:
    """The items ``parse`` (a module-level function) makes of ``data``, parsed in the helper
    process within ``limits.parse_timeout`` seconds; past it, one Skipped."""
    try:
        items = run_capped(parse, data, origin, default_date, limits,
                           seconds=limits.parse_timeout)
    except ParseTimeout:
        yield Skipped(origin, f"{what} took longer than {limits.parse_timeout:g} s to parse "
                              "(parse_timeout)")
        return
    except ParseCrashed as exc:
        yield Skipped(origin, f"{what} could not be parsed: {exc}")
        return
    yield from items


_MARKUP_START = re.compile(rb"(?i)<(?:!doctype\s+html|html|head|body)\b")


def _parse_html(data: bytes, origin: str, default_date: dt.date | None, limits: ReadLimits
                ) -> list[Article | Skipped]:
    """:func:`read_html` of a page's bytes (run in the helper process)."""
    if _MARKUP_START.search(data[:4096]):
        data = data.replace(b"\x00", b"")  # a page for sure: a stray NUL does not lose it
    elif looks_binary(data):
        return [Skipped(origin, "binary file")]
    try:
        markup = _decode_html(data)
    except DecodeError as exc:
        return [Skipped(origin, str(exc))]
    doc = _trafilatura(markup)
    text = (doc or {}).get("text") or ""
    if not text.strip():
        text = _fallback_html_text(markup)
    if not text.strip():
        # a tree the parsers give up on (nested past libxml2's 256 levels: the rest of the
        # page is dropped): its text with the tags taken out
        text = _stripped_html_text(markup)
    if not text.strip():
        return [Skipped(origin, "no article text found in HTML")]
    meta = doc or {}
    title = meta.get("title") or _html_title(markup)
    source = meta.get("sitename") or meta.get("hostname")
    return [make_article(text, origin=origin, default_date=default_date, title=title,
                         url=meta.get("url"), source=source,
                         published=parse_date(meta.get("date")), limits=limits)]


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _decode_html(data: bytes) -> str:
    """Page bytes to text: UTF-8 when valid, else the charset the page declares (``<meta
    charset>``) when it decodes cleanly, else :func:`decode_bytes`' detection."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_bytes(data)


def _trafilatura(markup: str) -> dict[str, Any] | None:
    """trafilatura's extraction as a dict (text, title, date, url, sitename, hostname)."""
    import trafilatura

    try:
        with _QuietLoggers("trafilatura", "htmldate", "courlan", "justext", "readability"):
            # dates only from metadata/markup: htmldate's extensive search reads dates out of
            # the body ("recaptured in July 2017" -> 2017-01-01): not publication dates
            doc = trafilatura.bare_extraction(
                markup, with_metadata=True, include_comments=False, favor_recall=True,
                date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception:  # whatever the library meets in hostile markup
        # (ValueError, AssertionError from lxml, RecursionError in deep trees...): the page is
        # read by the fallback instead
        return None
    if doc is None:
        return None
    if isinstance(doc, dict):
        return doc
    return {k: getattr(doc, k, None)
            for k in ("text", "title", "date", "url", "sitename", "hostname")}


class _QuietLoggers:
    """Silence libraries' log records while they run (levels restored after): our Skipped
    reason already reports a page without text; their ERROR lines would only add noise."""

    def __init__(self, *names: str) -> None:
        self.loggers = [logging.getLogger(n) for n in names]
        self.saved: list[int] = []

    def __enter__(self) -> None:
        self.saved = [lg.level for lg in self.loggers]
        for lg in self.loggers:  # child loggers (trafilatura.core) inherit the level
            lg.setLevel(logging.CRITICAL + 1)

    def __exit__(self, *exc: object) -> None:
        for lg, level in zip(self.loggers, self.saved, strict=False):
            lg.setLevel(level)


def _html_title(markup: str) -> str | None:
    """The <title> of a page, if any."""
    m = re.search(r"<title[^>]*>(.*?)</title>", markup, re.IGNORECASE | re.DOTALL)
    return html.unescape(" ".join(m.group(1).split())) if m else None


def _fallback_html_text(markup: str) -> str:
    """The <body> text of a page with tags stripped, for pages trafilatura cannot handle."""
    return html_to_text(_visible_body(markup))


def _visible_body(markup: str) -> str:
    """The markup of a page's <body>, without scripts, styles, navigation and title."""
    m = re.search(r"<body[^>]*>(.*)", markup, re.IGNORECASE | re.DOTALL)
    body = m.group(1) if m else markup
    body = re.sub(r"(?is)<(script|style|noscript|nav|footer|header)\b.*?</\1\s*>", " ", body)
    return re.sub(r"(?is)<title[^>]*>.*?</title>", " ", body)


def _stripped_html_text(markup: str) -> str:
    """The text of a page's body with every tag taken out by a regular expression, no parser:
    the last resort, for trees no parser keeps whole."""
    text = html.unescape(re.sub(r"<[^>]*>", " ", _visible_body(markup)))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


_ROOT_TAG = re.compile(rb"<([A-Za-z][\w:.-]*)")


def is_feed(data: bytes) -> bool:
    """True when the XML's root element is RSS (``rss``, ``rdf:RDF``) or Atom (``feed``)."""
    head = data[:8192]
    head = re.sub(rb"(?s)<!--.*?-->", b"", head)
    head = re.sub(rb"(?s)<\?.*?\?>", b"", head)
    head = re.sub(rb"(?s)<!DOCTYPE[^>]*>", b"", head)
    m = _ROOT_TAG.search(head)
    if not m:
        return False
    tag = m.group(1).split(b":")[-1].lower()
    return tag in (b"rss", b"feed", b"rdf")


def read_feed(path: Path, default_date: dt.date | None = None, *,
              limits: ReadLimits | None = None) -> Iterator[Article | Skipped]:
    """RSS or Atom: each entry is an article (text from content, else summary, HTML stripped;
    date from published, else updated; source = the feed's title). Parsed in a helper
    process stopped after ``parse_timeout`` seconds; entities the feed declares are never
    expanded (:func:`_without_entities`)."""
    limits = DEFAULT_LIMITS if limits is None else limits
    yield from _feed_items(_read_bytes(path, limits), str(path), default_date, limits)


def _feed_items(data: bytes, origin: str, default_date: dt.date | None, limits: ReadLimits
                ) -> Iterator[Article | Skipped]:
    yield from _capped_parse("feed", _parse_feed, data, origin, default_date, limits)


#: The root element of a feed, where its prolog (declaration, DOCTYPE) ends.
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)(?=[\s>/])")
_XML_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*\?>")


def _without_entities(data: bytes) -> bytes:
    """The feed without its prolog (DOCTYPE and its internal subset, comments) when that
    declares entities: the XML declaration, then the root element on. No feed needs an
    entity of its own, and expanding them is how a small file becomes gigabytes ("billion
    laughs"; or one 4 KB entity used 100,000 times: 400 MB, which feedparser's fallback parser
    builds). Its references stay unexpanded text ("&lol9;")."""
    root = _FEED_ROOT.search(data)
    if root is None or b"<!entity" not in data[:root.start()].lower():
        return data
    decl = _XML_DECLARATION.match(data)
    return (decl.group(0) if decl else b"") + data[root.start():]


def _parse_feed(data: bytes, origin: str, default_date: dt.date | None, limits: ReadLimits
                ) -> list[Article | Skipped]:
    """:func:`read_feed` of a feed's bytes (run in the helper process)."""
    import feedparser

    if is_feed(data):
        # a feed for sure: a NUL byte in one entry (no XML has any) must not lose the others
        data = _without_entities(data.replace(b"\x00", b""))
    elif looks_binary(data):
        return [Skipped(origin, "binary file")]
    else:
        return [Skipped(origin, "XML file is not an RSS/Atom feed")]
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # the library's own failure on hostile bytes
        # (OverflowError for '&#2147500000;' in its loose parser): one line, the run goes on
        return [Skipped(origin, f"malformed feed: {type(exc).__name__}: "
                                f"{' '.join(str(exc).split())}"[:300])]
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        reason = "feed has no entries"
        if parsed.get("bozo") and why is not None:
            reason = f"malformed feed: {' '.join(str(why).split())}"[:300]
        return [Skipped(origin, reason)]
    feed_title = html_to_text(parsed.get("feed", {}).get("title") or "") or None
    out: list[Article | Skipped] = []
    for n, entry in enumerate(entries, start=1):
        item_origin = f"{origin}#item {n}"
        if n > limits.max_items_per_file:  # the caller says so; build no more
            out.append(Skipped(item_origin, "past max_items_per_file"))
            break
        try:
            out.append(_feed_entry(entry, n, item_origin, feed_title, default_date, limits))
        except (ValueError, TypeError, AttributeError, LookupError) as exc:  # one bad entry
            out.append(Skipped(item_origin, f"item {n}: {' '.join(str(exc).split())}"[:300]))
    return out


def _feed_entry(entry: Any, n: int, origin: str, feed_title: str | None,
                default_date: dt.date | None, limits: ReadLimits = DEFAULT_LIMITS
                ) -> Article | Skipped:
    """One feed entry as an article (see :func:`read_feed`)."""
    bodies = [c.get("value") or "" for c in entry.get("content") or []]
    body = max(bodies, key=len) if bodies else ""
    if not body.strip():
        body = entry.get("summary") or entry.get("description") or ""
    text = html_to_text(body)
    title = html_to_text(entry.get("title") or "") or None
    if not text.strip():
        if not title:
            return Skipped(origin, f"item {n} has no title, content or summary")
        text = title  # headline-only feeds: the headline is the article
    # the date as written (publisher's local day), else feedparser's UTC-normalised one
    published = parse_date(entry.get("published")) or parse_date(entry.get("updated"))
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    if published is None and when:
        try:
            published = dt.date(*when[:3])
        except (ValueError, TypeError, OverflowError):  # "year -1 is out of range"
            published = None
    given = entry.get("published") or entry.get("updated")
    if published is None and isinstance(given, str) and given.strip():
        log.warning("%s", date_warning(origin, given, default_date))
    return make_article(text, origin=origin, default_date=default_date, title=title,
                        url=entry.get("link"), source=feed_title, published=published,
                        limits=limits)


# --------------------------------------------------------------------------------------------
# URLs


#: Media types that say which reader a URL's body is for (others: its extension, its content)
_MEDIA_READERS = {
    "text/html": ".html", "application/xhtml+xml": ".html",
    "application/rss+xml": ".rss", "application/atom+xml": ".rss",
    "application/rdf+xml": ".rss", "application/xml": ".rss", "text/xml": ".rss",
    "application/json": ".json", "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl", "application/x-jsonlines": ".jsonl",
    "application/jsonlines": ".jsonl", "text/csv": ".csv",
    "text/tab-separated-values": ".tsv", "application/vnd.apache.parquet": ".parquet",
    "application/x-parquet": ".parquet",
}
_GZIP_MEDIA = frozenset({"application/gzip", "application/x-gzip"})


def read_url(url: str, default_date: dt.date | None = None, *,
             limits: ReadLimits | None = None) -> Iterator[Article | Skipped]:
    """The articles of one http(s) URL: fetched with every check of
    :func:`eventcoder.ingest.fetch.fetch_url` (addresses, redirects, size, time), then read
    by the built-in reader its media type names (``text/html``, ``application/rss+xml``,
    ...), else its path's extension (``.jsonl``, ``.csv.gz``), else its content (a feed, a
    page, JSONL records, else text). Origins are the URL as given (``URL#item 3`` for a feed
    entry); a page or text without a URL of its own gets the one fetched.
    A URL that cannot or may not be fetched gives one Skipped with the reason."""
    from .fetch import FetchError, fetch_url

    limits = DEFAULT_LIMITS if limits is None else limits
    try:
        fetched = fetch_url(url, limits)
    except FetchError as exc:
        yield Skipped(url, str(exc))
        return
    data = fetched.data
    path = Path(urlsplit(fetched.url).path or "/")
    ext = input_ext(path)
    if path.suffix.lower() == GZIP_EXT or fetched.content_type in _GZIP_MEDIA:
        data = _gunzip(data, limits)
        fetched_type = ""
    else:
        fetched_type = fetched.content_type
    if not data:
        yield Skipped(url, "empty body")
        return
    kind = _MEDIA_READERS.get(fetched_type)
    if kind in (".rss", ".html") or kind is None:
        if is_feed(data):
            kind = ".rss"
        elif kind is None:
            kind = ext if ext in _BYTE_READERS else _sniff(data)
    for item in _BYTE_READERS[kind](data, url, default_date, limits):
        if isinstance(item, Article) and kind in (".html", ".txt") and not item.url:
            item = item.model_copy(update={"url": fetched.url})
        yield item


def _gunzip(data: bytes, limits: ReadLimits) -> bytes:
    """A gzip body decompressed, at most ``max_decompressed_bytes`` and ``max_file_bytes``
    of it. RAISES _TooLarge past either."""
    with io.BufferedReader(_CappedStream(cast(IO[bytes], gzip.GzipFile(
            fileobj=io.BytesIO(data))), limits.max_decompressed_bytes)) as fh:
        out = fh.read(limits.max_file_bytes + 1)
    if len(out) > limits.max_file_bytes:
        raise _TooLarge(f"file too large (> {limits.max_file_bytes:,} bytes; max_file_bytes)")
    return out


def _sniff(data: bytes) -> str:
    """The reader for a body whose type and name say nothing: a page, JSONL, else text."""
    if _MARKUP_START.search(data[:4096]):
        return ".html"
    if _holds_json_object(data[:SNIFF_BYTES]) or _is_json_object(data):
        return ".jsonl"
    return ".txt"


def _jsonl_items(data: bytes, origin: str, default_date: dt.date | None, limits: ReadLimits
                 ) -> Iterator[Article | Skipped]:
    yield from _record_articles(_jsonl_stream(io.BytesIO(data), origin, limits), default_date,
                                limits)


def _tsv_items(data: bytes, origin: str, default_date: dt.date | None, limits: ReadLimits
               ) -> Iterator[Article | Skipped]:
    yield from _csv_items(data, origin, default_date, limits, "\t")


def _parquet_bytes_items(data: bytes, origin: str, default_date: dt.date | None,
                         limits: ReadLimits) -> Iterator[Article | Skipped]:
    yield from _parquet_items(io.BytesIO(data), origin, default_date, limits)


_ByteReader = Callable[[bytes, str, "dt.date | None", ReadLimits], Iterator[Article | Skipped]]
#: extension -> the built-in reader of a body of that format (a URL's)
_BYTE_READERS: dict[str, _ByteReader] = {
    **dict.fromkeys(TEXT_EXTS, _txt_items), **dict.fromkeys(JSONL_EXTS, _jsonl_items),
    **dict.fromkeys(JSON_EXTS, _json_items), **dict.fromkeys(HTML_EXTS, _html_items),
    **dict.fromkeys(FEED_EXTS, _feed_items), ".csv": _csv_items, ".tsv": _tsv_items,
    **dict.fromkeys(PARQUET_EXTS, _parquet_bytes_items),
}


# --------------------------------------------------------------------------------------------
# standard input


def read_stream(stream: IO[bytes], *, origin: str = STDIN_ORIGIN,
                default_date: dt.date | None = None, limits: ReadLimits | None = None
                ) -> Iterator[Article | Skipped]:
    """The articles of a byte stream such as standard input, its format told by its content.

    JSONL when the first non-blank line is a JSON object (records read line by line as the
    stream arrives, with the .jsonl reader: ``origin:line N``); a JSON document (a list of
    articles or one pretty-printed object, as the .json reader takes) when the whole input
    parses as one; otherwise one plain-text article, as the .txt reader makes it. Lines are
    read with at most ``max_line_bytes`` held: a first line longer than that is skipped and
    the rest read as JSONL; the whole input of the other two kinds is capped at
    ``max_file_bytes``.
    """
    limits = DEFAULT_LIMITS if limits is None else limits
    lines = _capped_lines(stream, limits.max_line_bytes)
    head: list[bytes] = []
    first: bytes | str | _LongLine = b""
    for raw in lines:
        if isinstance(raw, _LongLine):  # no format to tell from it: the rest is records
            yield from _record_articles(_json_lines(itertools.chain(head, [raw], lines),
                                                    origin), default_date, limits)
            return
        assert isinstance(raw, bytes)
        head.append(raw)
        first = raw.removeprefix(b"\xef\xbb\xbf") if len(head) == 1 else raw
        if first.strip():
            break
    assert isinstance(first, bytes)
    if not first.strip():
        yield Skipped(origin, "empty input")
        return
    if looks_binary(b"".join(head)[:SNIFF_BYTES]):
        yield Skipped(origin, "binary input")
        return
    if _is_json_object(first):
        yield from _record_articles(_json_lines(itertools.chain(head, lines), origin),
                                    default_date, limits)
        return
    cap = limits.max_file_bytes
    data = b"".join(head)
    data += stream.read(cap + 1 - len(data)) if len(data) <= cap else b""
    if len(data) > cap:
        yield Skipped(origin, f"input too large (> {cap:,} bytes; max_file_bytes)")
        return
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield Skipped(origin, str(exc))
        return
    if text.lstrip()[:1] in ("[", "{"):
        try:
            _load_json(text)
        except _BadJSON:
            pass  # prose that starts with a bracket
        else:
            yield from _json_articles(text, origin, default_date, limits)
            return
    yield _text_article(text, origin, default_date, limits)


def _holds_json_object(head: bytes) -> bool:
    """True when one of the whole lines of ``head`` (a file's first bytes) is a JSON object."""
    lines = head.removeprefix(codecs.BOM_UTF8).split(b"\n")[:-1]  # the last may be cut
    return any(_is_json_object(line) for line in lines if line.strip())


def _is_json_object(line: bytes) -> bool:
    """True when ``line`` is one whole JSON object (a JSONL record)."""
    try:
        return isinstance(_load_json(line.decode("utf-8", errors="replace")), dict)
    except _BadJSON:
        return False


# --------------------------------------------------------------------------------------------
# the readers registry (eventcoder.registry.readers, entry-point group eventcoder_readers)


def reader_table() -> dict[str, Reader]:
    """File extension (lower case, with the dot) -> reader: the built-ins and every installed
    plugin's (:data:`eventcoder.registry.readers`; a plugin may name its extension with or
    without the dot, and replaces a built-in reader of the same extension)."""
    return {_ext_key(name): reader for name, reader in _registry.get_all().items()}


def supported_exts() -> frozenset[str]:
    """The extensions a reader is registered for: :data:`SUPPORTED_EXTS` and plugins'."""
    return frozenset(reader_table())


def _ext_key(name: str) -> str:
    name = name.strip().lower()
    return name if name.startswith(".") else "." + name


_BUILT_IN_BY_EXTS: tuple[tuple[frozenset[str], Reader], ...] = (
    (TEXT_EXTS, read_txt), (JSONL_EXTS, read_jsonl), (JSON_EXTS, read_json),
    (HTML_EXTS, read_html), (FEED_EXTS, read_feed), (CSV_EXTS, read_csv),
    (PARQUET_EXTS, read_parquet))
#: The built-in readers: they take ``limits=`` (plugins' readers get ``(path, default_date)``).
_BUILT_IN: frozenset[Reader] = frozenset(r for _, r in _BUILT_IN_BY_EXTS)
for _exts, _reader in _BUILT_IN_BY_EXTS:
    for _ext in sorted(_exts):
        _registry.register(_ext, func=_reader)
del _exts, _reader, _ext
