"""eventcoder: conflict news in, a geocoded, evidence-linked ACLED/PLOVER-style event table out.

Python API::

    import eventcoder
    events = eventcoder.code_text(text, date="2025-03-10")   # one article's events
    stats = eventcoder.code_articles(articles, store)        # many articles into a Store

Each name means one thing: ``eventcoder.extract`` is the extraction stage's package
(``eventcoder.extract.EventExtractor``), ``eventcoder extract`` the command, and
:func:`code_text` / :func:`code_articles` the library's entry points (docs/architecture.md).
"""

from __future__ import annotations

from typing import Any

from .config import Config
from .errors import EventcoderError
from .schema import Article, Event, EventMention, Evidence, Location, Place

__version__ = "0.1.0"

#: names imported on first use: coding loads the pipeline (spaCy) and the run path the store,
#: which a caller of the schema alone does not need at import time
_LAZY = {"code_text": "coding", "code_articles": "run", "RunStats": "run"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Article", "Config", "Event", "EventMention", "EventcoderError", "Evidence",
           "Location", "Place", "RunStats", "code_articles", "code_text", "__version__"]
