"""Interface of the geoparser (implementation lands with the geoparser issue)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..schema import EventMention, Location, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Geoparser:
    """Recognise and resolve toponyms; choose each event's place."""

    @classmethod
    def default(cls) -> Geoparser:
        """The geoparser over the default gazetteer (no download needed)."""
        raise NotImplementedError

    def parse(self, doc: Doc, spans: Sequence[tuple[int, int]] | None = None) -> list[Place]:
        """Toponyms of ``doc`` resolved to GeoNames places, in text order."""
        raise NotImplementedError

    def locate(self, doc: Doc, mention: EventMention, places: Sequence[Place]) -> Location:
        """Where ``mention`` happened, with geo_precision lowered as the evidence gets wider."""
        raise NotImplementedError
