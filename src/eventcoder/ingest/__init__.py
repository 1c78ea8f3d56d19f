"""Ingest: read .txt, .jsonl, .json, .csv, .html, RSS/Atom, .parquet files and folders into
:class:`Article`.

Public interface: ``iter_articles(paths, *, default_date=None, limits=None) -> Iterator[Article |
Skipped]`` (a path ``-`` or ``/dev/stdin`` is standard input, read by ``read_stream``; an
http(s) URL is fetched, ``read_url``; ``limits``: a :class:`ReadLimits`) and
``find_input_files(paths) -> list[Path]``. Readers are registered by file extension in
:data:`eventcoder.registry.readers` (plugins: entry-point group ``eventcoder_readers``). Bad input never raises out of the iterator: it
yields a :class:`Skipped` with the reason. See ``docs/formats.md``.
"""

from .decode import DecodeError, decode_bytes, normalize_text
from .language import detect_language
from .limits import ReadLimits
from .readers import (
    MAX_CHARS,
    STDIN_NAMES,
    STDIN_ORIGIN,
    SUPPORTED_EXTS,
    Reader,
    Skipped,
    article_from_record,
    find_input_files,
    html_to_text,
    is_stdin,
    iter_articles,
    make_article,
    parse_date,
    read_stream,
    read_url,
    reader_table,
    split_front_matter,
    split_title,
    supported_exts,
)

__all__ = [
    "MAX_CHARS", "STDIN_NAMES", "STDIN_ORIGIN", "SUPPORTED_EXTS", "DecodeError", "ReadLimits",
    "Reader", "Skipped", "article_from_record", "decode_bytes", "detect_language",
    "find_input_files", "html_to_text", "is_stdin", "iter_articles", "make_article",
    "normalize_text", "parse_date", "read_stream", "read_url", "reader_table",
    "split_front_matter", "split_title", "supported_exts",
]
