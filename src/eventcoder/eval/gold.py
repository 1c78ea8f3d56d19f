"""The hand-coded audit gold: reading and validating ``eval/audit/*.jsonl``.

See ``docs/audit-coding-guide.md`` for what the records mean and how they were coded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..taxonomy import EVENT_TYPES, SUB_EVENTS, sub_event
from .sources import corpus_text, text_hash

KINDS = ("event", "negative")


class GoldError(InputError):
    """A gold record that does not follow the coding guide."""


@dataclass
class GoldEvent:
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    event_date: dt.date | None = None
    time_precision: int = 1
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    fatalities: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class GoldArticle:
    id: str
    corpus: str
    key: str
    text: str
    published: dt.date | None
    kind: str
    events: list[GoldEvent]
    tags: list[str] = field(default_factory=list)
    why: str = ""
    origin: str = ""  # file:line
    #: articles of one group share a cross-validation fold: a duplicate set's story (its
    #: copies and other reports of one event must not be split between fit and score)
    group: str = ""


def _date(v: Any, where: str) -> dt.date | None:
    if v in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError as exc:
        raise GoldError(f"{where}: bad date {v!r}") from exc


def _event(raw: dict[str, Any], where: str, text: str) -> GoldEvent:
    sub = raw.get("sub_event_type")
    if sub not in SUB_EVENTS:
        raise GoldError(f"{where}: unknown sub_event_type {sub!r}")
    et = raw.get("event_type") or sub_event(sub).event_type
    if et not in EVENT_TYPES or sub_event(sub).event_type != et:
        raise GoldError(f"{where}: event_type {et!r} does not match sub_event_type {sub!r}")
    spans = []
    for s in raw.get("spans") or []:
        a, b = int(s[0]), int(s[1])
        if not 0 <= a < b <= len(text):
            raise GoldError(f"{where}: span {s} outside the text")
        spans.append((a, b))
    lat, lon = raw.get("latitude"), raw.get("longitude")
    if (lat is None) != (lon is None):
        raise GoldError(f"{where}: latitude and longitude go together")
    for k in ("time_precision", "geo_precision"):
        if raw.get(k) is not None and int(raw[k]) not in (1, 2, 3):
            raise GoldError(f"{where}: {k} must be 1, 2 or 3")
    return GoldEvent(
        event_type=et, sub_event_type=sub, actor1=raw.get("actor1") or None,
        actor2=raw.get("actor2") or None,
        event_date=_date(raw.get("event_date"), where),
        time_precision=int(raw.get("time_precision") or 1),
        country=raw.get("country") or None, admin1=raw.get("admin1") or None,
        location=raw.get("location") or None,
        latitude=None if lat is None else float(lat),
        longitude=None if lon is None else float(lon),
        geo_precision=int(raw.get("geo_precision") or 3),
        fatalities=int(raw.get("fatalities") or 0), spans=spans)


def parse_record(raw: dict[str, Any], where: str, data_dir: Path | None = None) -> GoldArticle:
    """One gold article from its JSON record; raises :class:`GoldError` when it is invalid."""
    for k in ("id", "corpus", "kind"):
        if not raw.get(k):
            raise GoldError(f"{where}: missing {k!r}")
    corpus = raw["corpus"]
    key = str(raw.get("key", raw["id"]))
    if corpus == "own":
        text = raw.get("text") or ""
        if not text.strip():
            raise GoldError(f"{where}: an 'own' record carries its text")
    else:
        if raw.get("text"):
            raise GoldError(f"{where}: text of shared corpora is never copied into the gold")
        text = corpus_text(corpus, key, data_dir)
        if raw.get("sha1") and raw["sha1"] != text_hash(text):
            raise GoldError(f"{where}: sha1 {raw['sha1']} does not match {corpus} {key} "
                            f"({text_hash(text)})")
    if raw["kind"] not in KINDS:
        raise GoldError(f"{where}: kind must be one of {KINDS}")
    events = [_event(e, f"{where} event {i}", text) for i, e in enumerate(raw.get("events") or [])]
    if raw["kind"] == "negative" and events:
        raise GoldError(f"{where}: a negative has no events")
    if raw["kind"] == "event" and not events:
        raise GoldError(f"{where}: kind 'event' needs events")
    return GoldArticle(id=raw["id"], corpus=corpus, key=key, text=text,
                       published=_date(raw.get("published"), where), kind=raw["kind"],
                       events=events, tags=list(raw.get("tags") or []),
                       why=raw.get("why") or "", origin=where,
                       group=str(raw.get("story") or raw["id"]))


def read_gold(path: Path | Sequence[Path], data_dir: Path | None = None) -> list[GoldArticle]:
    """Every gold article in ``path`` (a .jsonl file or a folder of them, or several of
    these), ids unique across all of them."""
    paths = [path] if isinstance(path, Path) else list(path)
    files = [f for p in paths for f in (sorted(p.glob("*.jsonl")) if p.is_dir() else [p])]
    out: list[GoldArticle] = []
    seen: dict[str, str] = {}
    for f in files:
        with f.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"{f.name}:{n}"
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{where}: not JSON ({exc.msg})") from exc
                art = parse_record(raw, where, data_dir)
                if art.id in seen:
                    raise GoldError(f"{where}: id {art.id!r} already read at {seen[art.id]}")
                seen[art.id] = where
                out.append(art)
    return out
