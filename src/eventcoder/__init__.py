"""eventcoder: conflict news in, a geocoded, evidence-linked ACLED/PLOVER-style event table out.

Python API::

    import eventcoder
    events = eventcoder.extract(text, date="2025-03-10")
    stats = eventcoder.code_articles(articles, store)   # many articles into a Store

``eventcoder.extract`` is both the extraction stage's package (``eventcoder.extract.
EventExtractor``) and, called, the one-article API (:func:`eventcoder.api.extract`).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from . import extract as _extract_package
from .config import Config
from .errors import EventcoderError
from .schema import Article, Event, EventMention, Evidence, Location, Place

__version__ = "0.1.0"


class _CallableModule(types.ModuleType):
    """Lets ``eventcoder.extract(text, ...)`` call the API while the package stays importable."""

    def __call__(self, *args: Any, **kwargs: Any) -> list[Event]:
        from .api import extract as _api_extract

        return _api_extract(*args, **kwargs)


_extract_package.__class__ = _CallableModule
extract = sys.modules[__name__ + ".extract"]

#: names imported on first use: the run path loads the pipeline and the store, which a caller
#: of ``eventcoder.extract`` or of the schema alone does not need at import time
_LAZY = {"code_articles": "run", "RunStats": "run"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Article", "Config", "Event", "EventMention", "EventcoderError", "Evidence",
           "Location", "Place", "RunStats", "code_articles", "extract", "__version__"]
