"""One article's text in, its events out: ``eventcoder.code_text(text, date=...)``.

No store and no files: for a notebook, a script or an HTTP request. Many articles into a store
go through :func:`eventcoder.run.code_articles`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .config import Config
from .errors import InputError
from .ingest.language import detect_language
from .pipeline import Pipeline
from .schema import Article, Event


@lru_cache(maxsize=4)
def _pipeline(config: Config) -> Pipeline:
    return Pipeline(config)


def _as_date(date: dt.date | str | None) -> dt.date | None:
    if date is None or isinstance(date, dt.date):
        return date
    try:
        return dt.date.fromisoformat(date)
    except ValueError:
        raise InputError(f"E030 date must be YYYY-MM-DD, got {date!r}") from None


def code_text(text: str, date: dt.date | str | None = None, *, id: str | None = None,
            title: str | None = None, source: str | None = None, language: str | None = None,
            config: Config | None = None, min_confidence: float | None = None) -> list[Event]:
    """Events reported by one article.

    text: the article's text; every evidence offset points into it.
    date: its publication date (``datetime.date`` or ``"YYYY-MM-DD"``): relative dates in the
        text ("on Monday", "two days later") are resolved against it.
    id: the article id to record (default: derived from the text's hash).
    language: the text's ISO 639-1 code, if you know it (default: guessed from the text, as
        ``eventcoder extract`` guesses it for inputs that carry none).
    config: models, gazetteer and actor dictionary to use (default: :meth:`Config.load`, the
        effective configuration: ./eventcoder.toml or $EVENTCODER_CONFIG's file, then the
        ``EVENTCODER_*`` variables; read once per call).
    min_confidence: leave out events whose confidence (the estimated chance that the row is a
        true event) is below this (default: the config's, 0.4); 0 returns every event.
    RETURNS (list[Event]): the events, in text order. Pipelines are loaded once per config.
    RAISES: :class:`~eventcoder.errors.InputError` (a ``ValueError``) where ``eventcoder
        extract`` would skip the article with a reason: ``E030`` for a date not in
        YYYY-MM-DD; ``E031 article not processed: ...`` for an empty text, one too long, or
        one in a language the configuration does not process (only English by default:
        ``E031 article not processed: language 'fr' not processed (languages: en)``).

    Example:
        >>> import eventcoder
        >>> events = eventcoder.code_text("Gunmen kidnapped five farmers near Kirkuk on Monday.",
        ...                               date="2025-03-12")
    """
    lang = (language or "").strip().lower() or detect_language(text)
    article = Article.from_text(text, id=id, published=_as_date(date), title=title,
                                source=source, language=lang)
    config = Config.load() if config is None else config
    if min_confidence is not None:
        config = config.with_(min_confidence=min_confidence)
    result = _pipeline(config).process(article)
    if result.skipped:
        raise InputError(f"E031 article not processed: {result.skipped}")
    return result.events
