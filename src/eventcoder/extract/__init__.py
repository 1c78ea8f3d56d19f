"""Event extraction: detect event mentions, type them (ACLED, PLOVER), find actors, fatalities
and dates, and keep the character spans they came from.

Public interface: :class:`EventExtractor` -- ``EventExtractor().extract(doc, article)`` returns
``list[EventMention]`` for one spaCy-parsed article. Background, future, hypothetical, negated
and out-of-scope statements yield no mention.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..registry import extractors
from .extractor import EventExtractor

if TYPE_CHECKING:
    from ..config import Config


@extractors.register("rules")
def rules(config: Config) -> EventExtractor:
    """The built-in rule-and-parse extractor, with the config's extra actor dictionary."""
    return EventExtractor(actors_file=config.actors_file)


__all__ = ["EventExtractor", "rules"]
