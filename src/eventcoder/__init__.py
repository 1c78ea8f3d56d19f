"""eventcoder: conflict news in, a geocoded, evidence-linked ACLED/PLOVER-style event table out.

Python API::

    import eventcoder
    events = eventcoder.extract(text, date="2025-03-10")

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

__all__ = ["Article", "Config", "Event", "EventMention", "EventcoderError", "Evidence",
           "Location", "Place", "extract", "__version__"]
