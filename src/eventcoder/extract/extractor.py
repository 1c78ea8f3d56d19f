"""Interface of the event extractor (implementation lands with the extraction issue)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..schema import Article, EventMention

if TYPE_CHECKING:
    from spacy.tokens import Doc


class EventExtractor:
    """Find the events an article reports."""

    def __init__(self, *, actors_file: Path | None = None) -> None:
        self.actors_file = actors_file

    def extract(self, doc: Doc, article: Article) -> list[EventMention]:
        """Event mentions of ``article`` (``doc`` is its parsed text)."""
        raise NotImplementedError
