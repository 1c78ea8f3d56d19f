"""Geoparsing: toponym recognition, resolution against a GeoNames gazetteer, event geolocation.

Public interface (used by ``eventcoder.pipeline`` and the CLI):

* :class:`Geoparser` -- ``Geoparser.default()`` works right after ``pip install``;
  ``parse(doc, spans=None) -> list[Place]`` recognises and resolves toponyms in a spaCy ``Doc``
  (with ``spans`` given, resolves exactly those character spans and recognises nothing else);
  ``locate(doc, mention, places) -> Location`` chooses where an event mention happened.
"""

from __future__ import annotations

from .geoparser import Geoparser

__all__ = ["Geoparser"]
