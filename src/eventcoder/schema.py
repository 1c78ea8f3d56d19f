"""The one event schema, shared by every stage, the store, the exports and the API.

Field names follow the ACLED Codebook where ACLED has the concept. ``docs/schema.md`` documents
every field; ``tests/test_schema.py`` checks that the document and this module agree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .taxonomy import EVENT_TYPES, PLOVER_TYPES, SUB_EVENTS

#: An event's status: "auto" as coded; "tentative" as coded under ``min_confidence`` and kept
#: hidden until another report of it is merged in (docs/storage.md, "Tentative events");
#: "reviewed" or "rejected" by a human.
Status = Literal["auto", "tentative", "reviewed", "rejected"]
#: What a candidate event mention was found to be. Only ``reported`` candidates become events.
CandidateStatus = Literal["reported", "background", "hypothetical", "negated", "generic",
                          "out_of_scope"]
CANDIDATE_STATUSES: tuple[str, ...] = ("reported", "background", "hypothetical", "negated",
                                       "generic", "out_of_scope")
PlaceRole = Literal["literal", "associative"]


def content_hash(text: str) -> str:
    """SHA-256 of the article text with whitespace folded: the key that makes ingest idempotent."""
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


class Article(BaseModel):
    """One news article as ingested. ``text`` is what every evidence offset points into."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    language: str | None = None
    content_hash: str = ""
    origin: str | None = Field(default=None, description="file the article was read from")
    copy_of: str | None = Field(default=None, description=(
        "stored: the id of the article this one is a near-duplicate copy of (not coded, "
        "linked to that article's events as another source)"))

    def model_post_init(self, __context: object) -> None:  # noqa: D401 - pydantic hook
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.text))

    @classmethod
    def from_text(cls, text: str, *, id: str | None = None, published: dt.date | None = None,
                  **kwargs: Any) -> Article:
        """Build an article; a missing ``id`` becomes ``"h" + first 16 hex of the content hash``."""
        h = content_hash(text)
        return cls(id=id or f"h{h[:16]}", text=text, published=published, content_hash=h,
                   **kwargs)


class Evidence(BaseModel):
    """A character span of an article that a field of an event was read from."""

    article_id: str
    field: str
    start: int
    end: int
    text: str


class Place(BaseModel):
    """One toponym in a document, resolved. Exactly the ``eventcoder geoparse`` JSONL contract."""

    start: int
    end: int
    text: str
    name: str | None = None
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    role: PlaceRole = "literal"
    confidence: float = 0.0


class Location(BaseModel):
    """Where an event happened, as chosen by event geolocation (``eventcoder.geo``)."""

    place: Place | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    geonames_id: int | None = None
    reason: str = ""


class Span(BaseModel):
    """A character span of an article's text."""

    start: int
    end: int
    text: str


class ActorMention(BaseModel):
    """An actor as found in the text and normalised through the actor dictionary."""

    name: str  # canonical name, e.g. "Military Forces of Iraq (2014-)" or "Islamic State (IS)"
    inter: int = 0  # ACLED inter code 0-8
    span: Span | None = None  # where the text names it; None when inferred


class EventMention(BaseModel):
    """One event as detected in one article, before geolocation and deduplication.

    Produced by ``eventcoder.extract``; turned into an :class:`Event` by ``eventcoder.extract.rows``.
    """

    article_id: str
    sentence: Span  # the sentence (or adjacent sentences) the event was read from
    trigger: Span  # the word(s) that signal the event, e.g. "kidnapped"
    sub_event_type: str
    confidence: float = 0.5
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc_actor_1: list[ActorMention] = Field(default_factory=list)
    assoc_actor_2: list[ActorMention] = Field(default_factory=list)
    civilian_targeting: bool = False
    fatalities: int = 0
    fatalities_span: Span | None = None
    event_date: dt.date | None = None
    time_precision: int = 3
    date_span: Span | None = None
    place_span: Span | None = None  # a place the extractor saw attached to the trigger, if any
    modality: Literal["asserted", "announced"] = "asserted"
    #: the trigger's kind in the lexicon (a sub-event type, or violence, clash, outcome,
    #: territory, protest, riot, operation) and whether it is the sentence's main predicate
    kind: str = ""
    main_predicate: bool = False
    #: part of speech of the trigger's head (VERB, NOUN, ...)
    trigger_pos: str = ""
    #: which item this is of a sentence that lists its event place by place, each with its own
    #: dead ("11 killed in Mamove and eight others in Kasanzi"): 0 for the first or only one
    #: (``eventcoder.extract.listing``)
    part: int = 0

    @field_validator("sub_event_type")
    @classmethod
    def _known_sub_event(cls, v: str) -> str:
        if v not in SUB_EVENTS:
            raise ValueError(f"unknown ACLED sub-event type {v!r}")
        return v


class Candidate(BaseModel):
    """A segment of an article that had an event word, and what it was found to be.

    ``reported`` candidates are coded: ``event_id`` is the event they are evidence of (several
    candidates share one event when later sentences retell it). The others are kept, with
    their ``reason``, so a reviewer (and ``eventcoder extract --explain``) can see why a
    sentence was not coded: ``background`` (before the reporting window), ``hypothetical``
    (future, planned, threatened, conditional), ``negated``, ``generic`` (statistics, general
    descriptions, an event word used as a modifier), ``out_of_scope`` (ordinary crime,
    accidents, disasters, diplomacy, claims).
    """

    article_id: str
    sentence: Span
    trigger: Span
    sub_event_type: str | None = None
    status: CandidateStatus
    reason: str = ""
    mention: int | None = Field(default=None, description="index of the mention (reported)")
    event_id: str | None = None


class Event(BaseModel):
    """One coded event: ACLED's columns plus evidence, confidence and review status."""

    event_id: str
    article_ids: list[str] = Field(default_factory=list)
    event_date: dt.date | None = None
    time_precision: int = 1
    disorder_type: str
    event_type: str
    sub_event_type: str
    plover_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int = 0
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int = 0
    interaction: int = 0
    civilian_targeting: bool = False
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    geonames_id: int | None = None
    fatalities: int = 0
    notes: str = ""
    confidence: float = 0.0
    evidence: list[Evidence] = Field(default_factory=list)
    status: Status = "auto"
    sources_count: int = 1
    location_reason: str = ""

    @field_validator("sub_event_type")
    @classmethod
    def _known_sub_event(cls, v: str) -> str:
        if v not in SUB_EVENTS:
            raise ValueError(f"unknown ACLED sub-event type {v!r}")
        return v

    @field_validator("event_type")
    @classmethod
    def _known_event(cls, v: str) -> str:
        if v not in EVENT_TYPES:
            raise ValueError(f"unknown ACLED event type {v!r}")
        return v

    @field_validator("plover_type")
    @classmethod
    def _known_plover(cls, v: str | None) -> str | None:
        if v is not None and v not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER category {v!r}")
        return v

    @field_validator("time_precision", "geo_precision")
    @classmethod
    def _precision(cls, v: int) -> int:
        if v not in (1, 2, 3):
            raise ValueError("precision must be 1, 2 or 3")
        return v

    @field_validator("fatalities")
    @classmethod
    def _fatalities(cls, v: int) -> int:
        if v < 0:
            raise ValueError("fatalities cannot be negative")
        return v

    def evidence_for(self, field: str) -> list[Evidence]:
        """The evidence spans recorded for ``field``."""
        return [e for e in self.evidence if e.field == field]


#: Field order of the ``--format jsonl`` contract: schema fields, then ``article_id``.
EVENT_FIELDS: tuple[str, ...] = tuple(Event.model_fields)


def stable_id(*parts: object, prefix: str = "ev") -> str:
    """A deterministic id from its parts: the same input always gives the same id."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"
