"""Event extraction: detect event mentions, type them (ACLED, PLOVER), find actors, fatalities
and dates, and keep the character spans they came from.

Public interface: :class:`EventExtractor` -- ``EventExtractor().extract(doc, article)`` returns
``list[EventMention]`` for one spaCy-parsed article. Background, future, hypothetical, negated
and out-of-scope statements yield no mention.
"""

from __future__ import annotations

from .extractor import EventExtractor

__all__ = ["EventExtractor"]
