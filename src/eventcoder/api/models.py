"""The HTTP API's request and response bodies (pydantic), as the OpenAPI schema shows them.

Events are :class:`eventcoder.schema.Event` itself, so field names and types are the schema's
(docs/schema.md) in every answer; the other models wrap or describe them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from ..schema import Event, Evidence

#: One event as the API shows it: the examples of the OpenAPI schema.
EXAMPLE_EVENT: dict[str, Any] = {
    "event_id": "ev-3f2a9c1e0b7d4a58", "article_ids": ["reuters-2025-03-10-kirkuk"],
    "event_date": "2025-03-09", "time_precision": 1, "disorder_type": "Political violence",
    "event_type": "Violence against civilians", "sub_event_type": "Abduction/forced disappearance",
    "plover_type": "ABDUCT", "actor1": "Unidentified Armed Group (Iraq)", "assoc_actor_1": None,
    "inter1": 3, "actor2": "Civilians (Iraq)", "assoc_actor_2": "Farmers (Iraq)", "inter2": 7,
    "interaction": 37, "civilian_targeting": True, "country": "Iraq", "iso3": "IRQ",
    "admin1": "Kirkuk", "admin2": "Hawija", "admin3": None, "location": "Hawija",
    "latitude": 35.32, "longitude": 43.76, "geo_precision": 1, "geonames_id": 97783,
    "fatalities": 0, "notes": "On 9 March 2025, an unidentified armed group abducted five "
    "farmers near Hawija (Kirkuk).", "confidence": 0.83,
    "evidence": [{"article_id": "reuters-2025-03-10-kirkuk", "field": "sub_event_type",
                  "start": 9, "end": 18, "text": "kidnapped"}],
    "status": "auto", "sources_count": 1,
    "location_reason": "literal place in event sentence: 'near Hawija'",
}


class ErrorOut(BaseModel):
    """What every error answers: one readable line (never a trace or internals)."""

    detail: str = Field(examples=["no event with id 'ev-0000'"])
    #: for a 422: each invalid part of the request, where it is and what is wrong
    errors: list[dict[str, Any]] | None = None


class EventPage(BaseModel):
    """One page of events; pass ``next`` as ``cursor`` for the following page."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"items": [EXAMPLE_EVENT], "next": "eyJ2IjoiMjAyNS0wMy0wOSJ9", "total": 1312}]})

    items: list[Event]
    next: str | None = Field(description="the cursor of the next page; null on the last page")
    total: int = Field(description="how many events match the filters, over all pages")


class EventProperties(Event):
    """A GeoJSON feature's properties: the event's fields but its evidence."""

    evidence: SkipJsonSchema[list[Evidence]] = Field(default_factory=list, exclude=True)


class PointGeometry(BaseModel):
    type: Literal["Point"] = "Point"
    #: longitude, latitude (GeoJSON order)
    coordinates: tuple[float, float]


class Feature(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: PointGeometry
    properties: EventProperties


class FeatureCollection(BaseModel):
    """GeoJSON (RFC 7946) points of the located events, with ``next`` and ``total`` as in
    ``GET /api/events`` (foreign members)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "type": "FeatureCollection", "next": None, "total": 1,
        "features": [{"type": "Feature", "id": EXAMPLE_EVENT["event_id"],
                      "geometry": {"type": "Point", "coordinates": [43.76, 35.32]},
                      "properties": {k: v for k, v in EXAMPLE_EVENT.items()
                                     if k != "evidence"}}]}]})

    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[Feature]
    next: str | None
    total: int


class PointsOut(BaseModel):
    """The located events matching the filters as columns, for a map: the i-th event is
    ``event_id[i]`` at (``longitude[i]``, ``latitude[i]``), of ``event_type[i]``, with
    ``fatalities[i]``. Every located event matching is here unless more match than
    ``limit``: then ``truncated`` is true and the points are the latest by date."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "total": 3, "truncated": False,
        "event_id": ["ev-3f2a9c1e0b7d4a58", "ev-9b1c0d2e3f4a5b6c", "ev-0d2e3f4a5b6c7d8e"],
        "longitude": [43.76, 44.39, 37.16], "latitude": [35.32, 35.47, 36.2],
        "event_type": ["Violence against civilians", "Explosions/Remote violence", "Battles"],
        "fatalities": [0, 2, 5]}]})

    total: int = Field(description="how many located events match the filters")
    truncated: bool = Field(description="true when more match than `limit`: the points are "
                                        "then the latest `limit` by date")
    event_id: list[str]
    longitude: list[float] = Field(description="degrees, as stored")
    latitude: list[float] = Field(description="degrees, as stored")
    event_type: list[str] = Field(description="ACLED event type")
    fatalities: list[int]


class SourceOut(BaseModel):
    """One article an event was read from (or a near-duplicate copy linked to it)."""

    article_id: str
    stored: bool = Field(description="false when the store does not hold the article (an "
                                      "event may cite one stored by another database)")
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    language: str | None = None
    copy_of: str | None = Field(default=None, description="the article this one is a "
                                "near-duplicate copy of")
    text: str | None = Field(default=None, description="the article's text, which the "
                             "evidence offsets and the candidates' offsets index (null when "
                             "the article is not stored)")


class CandidateOut(BaseModel):
    """A sentence of one of the event's articles with an event word that is not this event:
    another event, or why it is none (background, hypothetical, negated, generic,
    out_of_scope)."""

    article_id: str
    start: int = Field(description="the sentence's offset in the article text")
    end: int
    sentence: str
    trigger: str
    sub_event_type: str | None
    status: str
    reason: str
    event_id: str | None = Field(description="the event it became, if it is reported")


class EventDetail(Event):
    """An event with its sources, the other candidates of its articles and its merges."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        **EXAMPLE_EVENT, "resolved_from": None, "merged_from": [],
        "sources": [{"article_id": "reuters-2025-03-10-kirkuk", "stored": True,
                     "title": "Gunmen kidnap five farmers near Hawija",
                     "url": "https://example.org/kirkuk", "source": "Reuters",
                     "published": "2025-03-10", "language": "en", "copy_of": None,
                     "text": "Gunmen kidnapped five farmers near Hawija on Sunday, police "
                             "said."}],
        "other_candidates": [{"article_id": "reuters-2025-03-10-kirkuk", "start": 120,
                              "end": 190, "sentence": "Similar attacks took place last year.",
                              "trigger": "attacks", "sub_event_type": "Attack",
                              "status": "background", "reason": "before the reporting window",
                              "event_id": None}]}]})

    resolved_from: str | None = Field(default=None, description=(
        "the id asked for when it was merged into this event (which answers instead)"))
    merged_from: list[str] = Field(default_factory=list,
                                   description="ids of the events merged into this one")
    sources: list[SourceOut] = Field(default_factory=list)
    other_candidates: list[CandidateOut] = Field(default_factory=list)


class FieldChange(BaseModel):
    field: str
    old: Any
    new: Any


class VersionOut(BaseModel):
    """One version of an event and what made it."""

    revision: int
    time: dt.datetime = Field(description="when this version was written (UTC)")
    status: str
    cause: str | None = Field(description='"coded", "source added", "copy linked", "merge", '
                                          '"review", "edit", "split" (null: not recorded)')
    user: str | None
    comment: str | None
    changes: list[FieldChange] = Field(description="fields changed against the version "
                                                   "before (none for the first)")
    detail: dict[str, Any] = Field(description="what the writer recorded: for a merge the "
                                   "absorbed id, who decided, the score and the merge "
                                   "policy's rule per field")


class MergeOut(BaseModel):
    absorbed_id: str
    merged_at: dt.datetime
    score: float
    reasons: list[str]


class HistoryOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "event_id": "ev-3f2a9c1e0b7d4a58", "resolved_from": None,
        "versions": [
            {"revision": 1, "time": "2025-03-10T08:00:00Z", "status": "auto", "cause": "coded",
             "user": None, "comment": None, "changes": [], "detail": {}},
            {"revision": 2, "time": "2025-03-11T09:30:00Z", "status": "reviewed",
             "cause": "edit", "user": "alice", "comment": "toll corrected from the report",
             "changes": [{"field": "fatalities", "old": 4, "new": 2},
                         {"field": "status", "old": "auto", "new": "reviewed"}],
             "detail": {"edited": {"fatalities": [4, 2], "status": ["auto", "reviewed"]}}}],
        "merges": []}]})

    event_id: str
    resolved_from: str | None = None
    versions: list[VersionOut]
    merges: list[MergeOut]


class PeriodCount(BaseModel):
    period: dt.date | None = Field(description="the first day of the week (Monday) or "
                                               "month; null for the undated events")
    events: int
    fatalities: int


class TypeCount(BaseModel):
    event_type: str
    events: int
    fatalities: int


class PeriodTypeCount(BaseModel):
    period: dt.date | None = Field(description="as in by_period")
    event_type: str
    events: int
    fatalities: int


class Admin1Count(BaseModel):
    country: str | None
    admin1: str | None
    events: int
    fatalities: int


class StatsOut(BaseModel):
    """Counts and fatalities of the events matching the filters."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "events": 1312, "fatalities": 2210, "interval": "month",
        "by_period": [{"period": "2025-02-01", "events": 600, "fatalities": 1000},
                      {"period": "2025-03-01", "events": 712, "fatalities": 1210}],
        "by_event_type": [{"event_type": "Battles", "events": 800, "fatalities": 1900},
                          {"event_type": "Protests", "events": 512, "fatalities": 310}],
        "by_admin1": [{"country": "Iraq", "admin1": "Kirkuk", "events": 1312,
                       "fatalities": 2210}],
        "by_period_and_type": [
            {"period": "2025-02-01", "event_type": "Battles", "events": 350,
             "fatalities": 800},
            {"period": "2025-02-01", "event_type": "Protests", "events": 250, "fatalities": 200},
            {"period": "2025-03-01", "event_type": "Battles", "events": 450,
             "fatalities": 1100},
            {"period": "2025-03-01", "event_type": "Protests", "events": 262,
             "fatalities": 110}]}]})

    events: int
    fatalities: int
    interval: Literal["week", "month"]
    by_period: list[PeriodCount]
    by_event_type: list[TypeCount]
    by_admin1: list[Admin1Count]
    by_period_and_type: list[PeriodTypeCount] = Field(description=(
        "the periods of by_period split by event type (a stacked timeline): period order, "
        "then by_event_type's; only the pairs with events"))


class HealthOut(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    database: str = Field(description="the database's dialect (sqlite, postgresql)")
    writes: bool = Field(description="whether any token is configured (writes are refused "
                                     "otherwise)")


class ArticleIn(BaseModel):
    """One article, in the JSONL input contract's shape (docs/formats.md): ``text`` (or
    ``body``/``content``) is required by the contract; a record without it is reported as
    skipped, with the reason. Other keys the contract knows (aliases such as ``headline``,
    ``published``, ``link``) are taken as the .jsonl reader takes them."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "id": "reuters-2025-03-10-kirkuk", "title": "Gunmen kidnap five farmers near Hawija",
        "text": "Gunmen kidnapped five farmers near Hawija on Sunday, police said.",
        "date": "2025-03-10", "source": "Reuters", "url": "https://example.org/kirkuk"}]})

    id: str | int | None = None
    text: str | None = None
    title: str | None = None
    date: str | int | float | None = Field(default=None, description=(
        "publication date: ISO, RFC 822, epoch seconds or free text; without one the "
        "request's `date` parameter is used"))
    source: str | None = None
    url: str | None = None
    language: str | None = Field(default=None, description="trusted when given; else detected")


ArticleStatus = Literal["coded", "already_stored", "copy", "skipped"]


class ArticleOutcome(BaseModel):
    """What became of one posted article."""

    index: int = Field(description="its position in the request (0 for a single article)")
    status: ArticleStatus = Field(description="coded now; already_stored (its text was, so "
                                  "nothing was added); copy (a near-duplicate of a stored "
                                  "article, linked to its events); skipped (see reason)")
    article_id: str | None = Field(description="the id it is stored under (null if skipped)")
    reason: str | None = None
    event_ids: list[str] = Field(description="the events read from it (rejected and tentative "
                                 "ones left out)")


class IngestResult(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "articles": [{"index": 0, "status": "coded", "article_id": "reuters-2025-03-10-kirkuk",
                      "reason": None, "event_ids": ["ev-3f2a9c1e0b7d4a58"]}],
        "event_ids": ["ev-3f2a9c1e0b7d4a58"], "coded": 1, "already_stored": 0, "copies": 0,
        "skipped": 0, "new_events": 1, "merged": 0}]})

    articles: list[ArticleOutcome]
    event_ids: list[str] = Field(description="events this request added or changed")
    coded: int
    already_stored: int
    copies: int
    skipped: int
    new_events: int
    merged: int = Field(description="events merged with another report of the same event")


JobState = Literal["queued", "running", "done", "failed", "cancelled"]


class JobOut(BaseModel):
    """A background coding job (``POST /api/articles`` with many articles)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "job-5f1c2a9e7b3d4c60", "state": "running", "user": "alice",
        "submitted_at": "2025-03-10T08:00:00Z", "started_at": "2025-03-10T08:00:01Z",
        "finished_at": None, "articles": 250, "settled": 120, "result": None, "error": None}]})

    id: str
    state: JobState
    user: str
    submitted_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    articles: int = Field(description="articles in the request")
    settled: int = Field(description="articles whose outcome is known so far")
    result: IngestResult | None = Field(description="when done")
    error: str | None = Field(description="when failed or cancelled")


class EventPatch(BaseModel):
    """A reviewer's correction: the fields to change (any field left out stays) and why.
    Changing any field but ``status`` makes the event "reviewed" unless ``status`` is given;
    a reviewed event keeps its fields when later runs code it again."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"fatalities": 2, "comment": "the report says two, not four"},
        {"status": "rejected", "comment": "a drill, not an attack"}]})

    event_date: dt.date | None = None
    time_precision: int | None = None
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    plover_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: bool | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonames_id: int | None = None
    fatalities: int | None = None
    notes: str | None = None
    status: Literal["auto", "tentative", "reviewed", "rejected"] | None = None
    location_reason: str | None = None
    comment: str | None = Field(default=None, max_length=2000,
                                description="why: recorded in the event's history")


class SplitIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"article_ids": ["afp-2025-03-10-hawija"], "comment": "a second attack, a day later"}]})

    article_ids: list[str] = Field(min_length=1, description="the reports that tell another "
                                   "event: they become the split-off event")
    comment: str | None = Field(default=None, max_length=2000)


class SplitOut(BaseModel):
    kept: Event
    split_off: Event


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"survivor": "ev-3f2a9c1e0b7d4a58", "absorbed": "ev-9b1c0d2e3f4a5b6c",
         "comment": "the same abduction told by two outlets"}]})

    survivor: str = Field(max_length=1000, description="keeps its id")
    absorbed: str = Field(max_length=1000, description="becomes part of the survivor; its id "
                          "then finds the survivor")
    comment: str | None = Field(default=None, max_length=2000)
