"""What the API's routes share: the app's context, the event filters as query parameters,
the cursor, and the token check."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import math
from dataclasses import astuple, dataclass
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..config import Config
from ..errors import InputError
from ..filters import check_event_type, closest
from ..store import EventFilter, PageKey, Store
from ..taxonomy import SUB_EVENTS
from .auth import Authenticator, Denied
from .cache import QueryCache
from .jobs import Coder


@dataclass
class ApiContext:
    """Everything a request needs, one per app (``app.state.eventcoder``)."""

    store: Store
    config: Config
    auth: Authenticator
    coder: Coder
    #: counts and statistics (small answers, many keys)
    cache: QueryCache
    #: map points (answers of megabytes: a few kept)
    points_cache: QueryCache


def context(request: Request) -> ApiContext:
    ctx: ApiContext = request.app.state.eventcoder
    return ctx


Ctx = Annotated[ApiContext, Depends(context)]

#: The bearer scheme in the OpenAPI schema ("Authorize" in /docs); checked by :func:`writer`.
bearer = HTTPBearer(auto_error=False, description="An API token: from EVENTCODER_API_TOKEN "
                    "(user 'api') or the --tokens file. Needed by the endpoints that write.")


def writer(ctx: Ctx, credentials: Annotated[HTTPAuthorizationCredentials | None,
                                             Depends(bearer)]) -> str:
    """The user name of the request's bearer token, else 401 (no or a wrong token) or 403
    (the server has no token configured: writes are disabled)."""
    try:
        return ctx.auth.user_for(credentials.credentials if credentials else None)
    except Denied as denied:
        headers = {"WWW-Authenticate": "Bearer"} if denied.status == 401 else None
        raise HTTPException(denied.status, denied.message, headers=headers) from None


User = Annotated[str, Depends(writer)]

StatusChoice = Literal["auto", "tentative", "reviewed", "rejected", "all"]
Sort = Literal["event_date", "-event_date", "fatalities", "-fatalities"]

#: Longest text filter value (a name, an actor, a search).
MAX_TEXT = 200


def _bbox(value: str) -> tuple[float, float, float, float]:
    parts = value.split(",")
    try:
        box = tuple(float(p) for p in parts)
    except ValueError:
        box = ()
    if len(box) != 4 or not all(math.isfinite(v) for v in box):
        raise HTTPException(422, f"bbox: expected minlon,minlat,maxlon,maxlat (four numbers "
                                 f"in degrees), got {value[:80]!r}")
    min_lon, min_lat, max_lon, max_lat = box
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise HTTPException(422, "bbox: longitudes must lie between -180 and 180")
    if not (-90 <= min_lat <= max_lat <= 90):
        raise HTTPException(422, "bbox: latitudes must lie between -90 and 90, the "
                                 "minimum first")
    return min_lon, min_lat, max_lon, max_lat


def _event_type(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return check_event_type(value)
    except InputError as err:
        raise HTTPException(422, f"event_type: {err}") from None


def _sub_event_type(value: str | None) -> str | None:
    if value is None or value.strip().lower() in {s.lower() for s in SUB_EVENTS}:
        return value
    near = closest(value, SUB_EVENTS)
    hint = (f"did you mean {', '.join(map(repr, near))}?" if near
            else f"use one of {', '.join(SUB_EVENTS)}")
    raise HTTPException(422, f"sub_event_type: unknown sub-event type {value[:80]!r}: {hint}")


def event_filter(
    since: Annotated[dt.date | None, Query(description="events on or after (YYYY-MM-DD)")
                     ] = None,
    until: Annotated[dt.date | None, Query(description="events on or before (YYYY-MM-DD)")
                     ] = None,
    country: Annotated[str | None, Query(max_length=MAX_TEXT,
                                         description="country name or ISO3 code, any case")
                       ] = None,
    admin1: Annotated[str | None, Query(max_length=MAX_TEXT,
                                        description="first-level region, exact, any case")
                      ] = None,
    admin2: Annotated[str | None, Query(max_length=MAX_TEXT,
                                        description="second-level region, exact, any case")
                      ] = None,
    event_type: Annotated[str | None, Query(max_length=MAX_TEXT, description=(
        "ACLED event type or sub-event type, any case (an unknown one is a 422 naming the "
        "closest)"))] = None,
    sub_event_type: Annotated[str | None, Query(max_length=MAX_TEXT,
                                                description="ACLED sub-event type, any case")
                              ] = None,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT, description=(
        "part of an actor's name (actor1, actor2 or associated), any case"))] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=10**9)] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description=(
        "only events whose confidence is at least this"))] = None,
    bbox: Annotated[str | None, Query(max_length=MAX_TEXT, description=(
        "minlon,minlat,maxlon,maxlat in degrees: events inside (a minlon above maxlon "
        "crosses the antimeridian)"), examples=["42.0,33.0,46.0,37.0"])] = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT, description=(
        "text in the notes or in an evidence span, any case (a scan of the matching rows: "
        "narrow it with other filters on big stores)"))] = None,
    status: Annotated[list[StatusChoice] | None, Query(description=(
        "review statuses (repeat for several; 'all' for every event) [default: auto and "
        "reviewed: rejected events, and tentative ones (coded under min_confidence, no "
        "other report confirming them yet), are left out]"))] = None,
) -> EventFilter:
    """The event filters of a query string (every one optional)."""
    if since is not None and until is not None and since > until:
        raise HTTPException(422, "since is after until")
    return EventFilter(
        since=since, until=until, country=country, admin1=admin1, admin2=admin2,
        event_type=_event_type(event_type), sub_event_type=_sub_event_type(sub_event_type),
        actor=actor,
        min_fatalities=min_fatalities, min_confidence=min_confidence,
        bbox=_bbox(bbox) if bbox else None, q=q,
        status=tuple(sorted(set(status))) if status else None)


Filters = Annotated[EventFilter, Depends(event_filter)]


def fingerprint(filters: EventFilter, sort: str) -> str:
    """What a cursor was made for: the filters and the order (a cursor of another query is
    refused)."""
    return hashlib.sha256(repr((astuple(filters), sort)).encode()).hexdigest()[:16]


def encode_cursor(key: PageKey, filters: EventFilter, sort: str) -> str:
    value = key.value.isoformat() if isinstance(key.value, dt.date) else key.value
    raw = json.dumps({"v": value, "i": key.event_id, "f": fingerprint(filters, sort)},
                     separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, filters: EventFilter, sort: str) -> PageKey:
    """RAISES HTTPException 400: for a cursor that is not one of ours or belongs to another
    query."""
    bad = HTTPException(400, "invalid cursor: pass the 'next' value of the previous page, "
                             "with the same filters and sort")
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise bad from None
    if not isinstance(data, dict) or data.get("f") != fingerprint(filters, sort) \
            or not isinstance(data.get("i"), str):
        raise bad
    value = data.get("v")
    try:
        if sort.lstrip("-") == "event_date":
            parsed: dt.date | int | None = (None if value is None
                                            else dt.date.fromisoformat(str(value)))
        elif isinstance(value, int) and not isinstance(value, bool):
            parsed = value
        else:
            raise bad
    except ValueError:
        raise bad from None
    return PageKey(parsed, data["i"])
