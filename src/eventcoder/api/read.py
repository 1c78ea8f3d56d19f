"""The read endpoints: events (JSON pages, GeoJSON, one with its sources, its history),
statistics, exports and health. Open to everyone; nothing here writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import io
import logging
import os
import queue
import tempfile
import threading
from collections.abc import Callable, Iterator
from typing import IO, Annotated, Any, Literal

import orjson
from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy.exc import SQLAlchemyError

from .. import __version__
from ..export import export_format, export_formats, with_sources, write_events
from ..schema import Event
from ..store import MAP_COLUMNS, EventFilter, Store
from .common import (
    Ctx,
    Filters,
    Sort,
    decode_cursor,
    encode_cursor,
)
from .models import (
    Admin1Count,
    CandidateOut,
    ErrorOut,
    EventDetail,
    EventPage,
    EventProperties,
    Feature,
    FeatureCollection,
    FieldChange,
    HealthOut,
    HistoryOut,
    MergeOut,
    PeriodCount,
    PeriodTypeCount,
    PointGeometry,
    PointsOut,
    SourceOut,
    StatsOut,
    TypeCount,
    VersionOut,
)

log = logging.getLogger(__name__)
router = APIRouter()

#: Events per page: default and most.
PAGE = 100
MAX_PAGE = 1000
#: GeoJSON points per page (a map draws many): default and most.
GEO_PAGE = 1000
MAX_GEO_PAGE = 10_000

#: Map points in one answer: default and most (a browser clusters 250,000 in about a second).
MAX_POINTS = 250_000
#: gzip level of the cached answers (level 1: about 25 ms for 5 MB, to a quarter of it;
#: higher levels save little more and cost several times as much)
GZIP_LEVEL = 1

#: Media types and file extensions of the built-in export formats; a plugin's format is
#: text/plain (application/octet-stream when binary), file extension its name.
MEDIA_TYPES: dict[str, tuple[str, str]] = {
    "jsonl": ("application/x-ndjson", "jsonl"),
    "csv": ("text/csv", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "table": ("text/plain", "txt"),
}

EventId = Annotated[str, Path(max_length=1000, description="an event id; an id merged into "
                                                           "another event finds that event")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "no event with this id"}}
BAD_QUERY: dict[int | str, dict[str, Any]] = {400: {"model": ErrorOut, "description": "an invalid cursor"},
             422: {"model": ErrorOut, "description": "an invalid filter value"}}


def _json(model: Any) -> Response:
    """The model as JSON, serialised once by pydantic (no second validation)."""
    return Response(model.model_dump_json(), media_type="application/json")


def _count(ctx: Ctx, filters: EventFilter) -> int:
    return ctx.cache.get(("count", filters), lambda: ctx.store.count_events(filters))


@router.get("/api/events", response_model=EventPage, tags=["events"],
            responses={**BAD_QUERY})
def list_events(ctx: Ctx, filters: Filters,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="events per page")
                                 ] = PAGE,
                cursor: Annotated[str | None, Query(max_length=2000, description=(
                    "the previous page's 'next'"))] = None,
                sort: Annotated[Sort, Query(description=(
                    "order; ties broken by event_id; undated events last"))] = "event_date",
                ) -> Response:
    """Events matching every filter given, a page at a time (keyset pagination: a page
    costs the same at any depth, and rows added meanwhile are neither repeated nor lost).
    Rejected events are left out unless `status` asks for them, as in the CLI."""
    after = decode_cursor(cursor, filters, sort) if cursor else None
    # plain dicts straight to JSON: the body EventPage(...).model_dump_json() would give
    # (tests/api/test_fast_page.py), in half the time of building a model per event and span
    items, key = ctx.store.page_event_dicts(filters, sort=sort, limit=limit, after=after)
    return Response(orjson.dumps({"items": items, "total": _count(ctx, filters),
                                  "next": encode_cursor(key, filters, sort) if key else None}),
                    media_type="application/json")


@router.get("/api/events.geojson", response_model=FeatureCollection, tags=["events"],
            responses={200: {"content": {"application/geo+json": {}}}, **BAD_QUERY})
def events_geojson(ctx: Ctx, filters: Filters,
                   limit: Annotated[int, Query(ge=1, le=MAX_GEO_PAGE)] = GEO_PAGE,
                   cursor: Annotated[str | None, Query(max_length=2000)] = None,
                   sort: Sort = "event_date") -> Response:
    """The located events matching the filters as GeoJSON points (properties: the event's
    fields but its evidence), paged as `GET /api/events`; events without coordinates are
    left out (and not counted)."""
    located = dataclasses.replace(filters, located=True)
    after = decode_cursor(cursor, located, sort) if cursor else None
    items, key = ctx.store.page_events(located, sort=sort, limit=limit, after=after)
    features = [Feature(id=e.event_id,
                        geometry=PointGeometry(coordinates=(e.longitude or 0.0,
                                                            e.latitude or 0.0)),
                        properties=EventProperties.model_construct(**dict(e)))
                for e in items]
    body = FeatureCollection(features=features, total=_count(ctx, located),
                             next=encode_cursor(key, located, sort) if key else None)
    return Response(body.model_dump_json(), media_type="application/geo+json")


class _Body:
    """A JSON answer kept in the cache, and its gzip form once a client has asked for it."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self._gzipped: bytes | None = None

    def gzipped(self) -> bytes:
        if self._gzipped is None:  # two requests at once may both compress: same result
            self._gzipped = gzip.compress(self.raw, compresslevel=GZIP_LEVEL, mtime=0)
        return self._gzipped


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (``gzip`` or ``*``, not with q=0)."""
    for part in (accept_encoding or "").split(","):
        name, _, params = part.partition(";")
        if name.strip().lower() not in ("gzip", "x-gzip", "*"):
            continue
        key, _, value = params.strip().partition("=")
        try:
            return not (key.strip().lower() == "q" and float(value) <= 0)
        except ValueError:
            return True
    return False


@router.get("/api/points", response_model=PointsOut, tags=["events"],
            responses={422: BAD_QUERY[422]})
def points(ctx: Ctx, filters: Filters, request: Request,
           limit: Annotated[int, Query(ge=1, le=MAX_POINTS, description=(
               "the most points; when more located events match, the latest by date"))
                            ] = MAX_POINTS) -> Response:
    """The located events matching the filters for a map: only their id, longitude,
    latitude, event type and fatalities, one array per field (`event_id[i]` is at
    `longitude[i]`, `latitude[i]`), in one answer, not paged: every located event that
    matches (up to `limit`), so a map can cluster them all; `GET /api/events/{id}` gives the
    rest of one. A fraction of the size and time of `/api/events.geojson` (no event is
    built: the database writes the arrays). Events without coordinates (or with coordinates
    off the globe) are left out and not counted. Cached until the database changes, as
    `/api/stats`; gzip-compressed when the request accepts it."""
    def compute() -> _Body:
        p = ctx.store.map_points(filters, limit=limit)
        head = f'{{"total":{p.total},"truncated":{"true" if p.truncated else "false"}'
        cols = "".join(f',"{name}":{getattr(p, name)}' for name in MAP_COLUMNS)
        return _Body((head + cols + "}").encode())

    body = ctx.points_cache.get(("points", filters, limit), compute)
    headers = {"Vary": "Accept-Encoding"}
    if accepts_gzip(request.headers.get("accept-encoding")) and len(body.raw) > 1024:
        return Response(body.gzipped(), media_type="application/json",
                        headers={**headers, "Content-Encoding": "gzip"})
    return Response(body.raw, media_type="application/json", headers=headers)


def _resolve(store: Store, event_id: str) -> str:
    found = store.resolve_id(event_id)
    if found is None:
        raise HTTPException(404, f"no event with id {event_id[:200]!r}")
    return found


@router.get("/api/events/{event_id}", response_model=EventDetail, tags=["events"],
            responses={**NOT_FOUND})
def get_event(ctx: Ctx, event_id: EventId) -> Response:
    """One event, whatever its status, with every source article (title, url, publisher,
    date, the article it copies, its text), its evidence spans (offsets into those texts), the
    ids merged into it, and the other candidates of its articles with their reasons (what
    else each sentence with an event word was found to be). An id merged into another event
    answers with that event, `resolved_from` naming the id asked for."""
    store = ctx.store
    resolved = _resolve(store, event_id)
    event = store.get_event(resolved)
    if event is None:  # removed between the two reads
        raise HTTPException(404, f"no event with id {event_id[:200]!r}")
    infos = store.article_infos(event.article_ids, text=True)
    sources = []
    for aid in event.article_ids:
        info = infos.get(aid)
        sources.append(SourceOut(article_id=aid, stored=False) if info is None else SourceOut(
            article_id=aid, stored=True, title=info.title, url=info.url, source=info.source,
            published=info.published, language=info.language, copy_of=info.copy_of,
            text=info.text))
    others = [CandidateOut(article_id=c.article_id, start=c.sentence.start, end=c.sentence.end,
                           sentence=c.sentence.text, trigger=c.trigger.text,
                           sub_event_type=c.sub_event_type, status=c.status, reason=c.reason,
                           event_id=c.event_id)
              for c in store.candidates_for_articles(event.article_ids)
              if c.event_id != event.event_id]
    return _json(EventDetail(**dict(event), sources=sources, other_candidates=others,
                             merged_from=store.merged_into(resolved),
                             resolved_from=event_id if resolved != event_id else None))


def _utc(t: dt.datetime) -> dt.datetime:
    """Stored times are UTC; SQLite gives them back without a zone."""
    return t.replace(tzinfo=dt.UTC) if t.tzinfo is None else t.astimezone(dt.UTC)


@router.get("/api/events/{event_id}/history", response_model=HistoryOut, tags=["events"],
            responses={**NOT_FOUND})
def event_history(ctx: Ctx, event_id: EventId) -> Response:
    """Every version of an event, oldest first: when it was written, its cause (coded,
    source added, copy linked, merge, review, edit, split), who made it and why, the fields
    it changed (old and new value); then the events merged into it. An id merged into
    another event gives that event's history."""
    store = ctx.store
    resolved = _resolve(store, event_id)
    versions = [VersionOut(revision=c.revision, time=_utc(c.at), status=c.event.status,
                           cause=c.cause, user=c.user, comment=c.comment, detail=c.detail,
                           changes=[FieldChange(field=k, old=old, new=new)
                                    for k, (old, new) in c.changes.items()])
                for c in store.event_changes(resolved)]
    if not versions:
        raise HTTPException(404, f"no event with id {event_id[:200]!r}")
    merges = [MergeOut(absorbed_id=m.absorbed_id, merged_at=_utc(m.merged_at), score=m.score,
                       reasons=m.reasons) for m in store.merges_into(resolved)]
    return _json(HistoryOut(event_id=resolved, versions=versions, merges=merges,
                            resolved_from=event_id if resolved != event_id else None))


@router.get("/api/stats", response_model=StatsOut, tags=["statistics"],
            responses={422: BAD_QUERY[422]})
def stats(ctx: Ctx, filters: Filters,
          interval: Annotated[Literal["week", "month"], Query(description=(
              "periods of by_period: ISO weeks from Monday, or months"))] = "month",
          ) -> Response:
    """Counts and fatalities of the events matching the filters: in all, by week or month,
    by event type, by (country, admin1) and by period and event type together (a timeline
    stacked by type in one request), grouped in SQL. Answers are cached until the
    database changes (a commit by any process)."""
    def compute() -> StatsOut:
        s = ctx.store.event_stats(filters, interval=interval)
        return StatsOut(
            events=s.events, fatalities=s.fatalities, interval=interval,
            by_period=[PeriodCount(period=r.key, events=r.events, fatalities=r.fatalities)
                       for r in s.by_period],
            by_event_type=[TypeCount(event_type=r.key, events=r.events,
                                     fatalities=r.fatalities) for r in s.by_event_type],
            by_admin1=[Admin1Count(country=r.key[0], admin1=r.key[1], events=r.events,
                                   fatalities=r.fatalities) for r in s.by_admin1],
            by_period_and_type=[PeriodTypeCount(period=r.key[0], event_type=r.key[1],
                                                events=r.events, fatalities=r.fatalities)
                                for r in s.by_period_and_type])

    return _json(ctx.cache.get(("stats", filters, interval), compute))


@router.get("/api/export", tags=["events"],
            responses={200: {"description": "the events in the format asked for, as a file",
                             "content": {t: {} for t, _ in MEDIA_TYPES.values()}},
                       422: BAD_QUERY[422]})
def export(ctx: Ctx, filters: Filters,
           fmt: Annotated[str, Query(alias="format", max_length=64, description=(
               "an export format (docs/formats.md): table, jsonl, csv, geojson, parquet, or "
               "an installed plugin's"))] = "jsonl") -> StreamingResponse:
    """Every event matching the filters in one file of an export format, as `eventcoder
    events --format` writes it (CSV: ACLED's columns, with the publishers in `source`),
    streamed as it is written (binary formats once written)."""
    name = fmt.strip().lower()
    if name not in export_formats():
        raise HTTPException(422, f"format: unknown export format {fmt[:64]!r}: use one of "
                                 f"{', '.join(export_formats())}")
    spec = export_format(name)
    media, ext = MEDIA_TYPES.get(name, ("application/octet-stream" if spec.binary
                                        else "text/plain", name))
    if media.startswith("text/"):
        media += "; charset=utf-8"
    sources: dict[str, str | None] = {}

    def events() -> Iterator[Event]:
        rows = ctx.store.iter_events(**filters.query_kwargs())
        return with_sources(rows, ctx.store, sources)

    def write(out: IO[Any]) -> object:
        return write_events(events(), name, out, sources=sources)

    body = _binary_file(write) if spec.binary else _text_stream(write)
    return StreamingResponse(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="events.{ext}"'})


class _Stop(Exception):
    """The client went away: the writer thread stops at its next write."""


class _QueueWriter(io.StringIO):
    """A text stream whose writes become UTF-8 chunks of about 64 KB on a queue (nothing is
    kept in the StringIO itself)."""

    CHUNK = 64 * 1024

    def __init__(self, put: Callable[[bytes], None]) -> None:
        super().__init__()
        self._put = put
        self._parts: list[str] = []
        self._size = 0

    def write(self, s: str) -> int:
        self._parts.append(s)
        self._size += len(s)
        if self._size >= self.CHUNK:
            self.flush()
        return len(s)

    def flush(self) -> None:
        if self._parts:
            data = "".join(self._parts).encode("utf-8")
            self._parts, self._size = [], 0
            self._put(data)


def _text_stream(write: Callable[[IO[str]], object]) -> Iterator[bytes]:
    """Run ``write`` (a text writer) on a thread of its own and yield what it writes as it
    comes, with back-pressure (a bounded queue); a client that goes away stops it."""
    chunks: queue.Queue[bytes | None | BaseException] = queue.Queue(maxsize=16)
    stop = threading.Event()

    def put(item: bytes | None | BaseException) -> None:
        while not stop.is_set():
            try:
                chunks.put(item, timeout=0.1)
                return
            except queue.Full:
                continue
        raise _Stop

    def run() -> None:
        try:
            sink = _QueueWriter(put)
            write(sink)
            sink.flush()
            put(None)
        except _Stop:
            pass
        except Exception as exc:  # noqa: BLE001 - the response is under way: log, end it
            log.exception("export failed while streaming")
            try:
                put(exc)
            except _Stop:
                pass

    thread = threading.Thread(target=run, name="eventcoder-export", daemon=True)
    thread.start()
    try:
        while True:
            item = chunks.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                # the status line is sent: all a client can be told is an incomplete body
                raise RuntimeError("export failed while streaming") from item
            yield item
    finally:
        stop.set()
        thread.join(timeout=5)


def _binary_file(write: Callable[[IO[Any]], object]) -> Iterator[bytes]:
    """Write a binary format to a temporary file, then yield it in chunks (Parquet writes
    its footer last, so nothing can be sent before the end)."""
    fd, path = tempfile.mkstemp(prefix="eventcoder-export-")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        with open(path, "rb") as fh:
            while chunk := fh.read(256 * 1024):
                yield chunk
    finally:
        os.unlink(path)


@router.get("/api/health", response_model=HealthOut, tags=["service"],
            responses={503: {"model": ErrorOut, "description": "the database does not answer"}})
def health(ctx: Ctx) -> HealthOut:
    """The server runs and its database answers."""
    try:
        ctx.store.ping()
    except SQLAlchemyError:
        log.exception("health check: the database does not answer")
        raise HTTPException(503, "the database does not answer") from None
    return HealthOut(version=__version__, database=ctx.store.engine.dialect.name,
                     writes=ctx.auth.enabled)
