"""What one input may cost: the limits the readers and the URL fetcher keep to.

A :class:`ReadLimits` is handed to :func:`eventcoder.ingest.iter_articles` (``limits=``); the
command line builds it from the configuration (:attr:`eventcoder.config.Config.read_limits`,
settings of the same names). Past a limit, the input or the rest of it is skipped with a
one-line reason that names the setting, and the run goes on. docs/reliability.md lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import (
    DEFAULT_MAX_ARTICLE_CHARS,
    DEFAULT_MAX_DECOMPRESSED_BYTES,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MAX_ITEMS_PER_FILE,
    DEFAULT_MAX_LINE_BYTES,
    DEFAULT_MAX_REDIRECTS,
    DEFAULT_PARSE_TIMEOUT,
    DEFAULT_URL_TIMEOUT,
)


@dataclass(frozen=True)
class ReadLimits:
    """The input limits; the defaults are :class:`~eventcoder.config.Config`'s.

    max_article_chars: an article's text (characters, after decoding) longer than this is
        skipped ("text too long").
    max_file_bytes: a file read whole (txt, json, csv, html, feeds), or a URL's body, larger
        than this is skipped unread (bytes, after decompression).
    max_items_per_file: items one file, feed or URL may give; past it the rest is skipped.
    max_decompressed_bytes: a .gz input is read no further than this many decompressed bytes.
    max_line_bytes: a JSONL line longer than this is skipped (the next ones are read).
    parse_timeout: seconds one web page or feed may take to parse; 0: no cap (in process).
    url_timeout, max_redirects, allow_private_urls: URL fetching
        (:func:`eventcoder.ingest.fetch.fetch_url`).
    """

    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_items_per_file: int = DEFAULT_MAX_ITEMS_PER_FILE
    max_decompressed_bytes: int = DEFAULT_MAX_DECOMPRESSED_BYTES
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
    parse_timeout: float = DEFAULT_PARSE_TIMEOUT
    url_timeout: float = DEFAULT_URL_TIMEOUT
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    allow_private_urls: bool = False


#: The limits of a call that gives none: the configuration's defaults.
DEFAULT_LIMITS = ReadLimits()
