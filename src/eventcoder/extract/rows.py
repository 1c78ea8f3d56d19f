"""Event rows: turn event mentions (plus where they happened) into schema :class:`Event` rows.

Pure functions: no I/O, no models. Given the same article, mentions and locations they return
the same events with the same ids, so a Dask worker, an API request and the CLI agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..schema import Article, Event, EventMention, Evidence, Location, Span, stable_id
from ..taxonomy import (
    BATTLES,
    EXPLOSIONS,
    INTER_CODES,
    STRATEGIC,
    SUB_EVENT_TYPES,
    VAC,
    interaction_code,
    sub_event,
)

#: time_precision given to an event whose text has no date expression (ACLED: 2 = week).
FALLBACK_TIME_PRECISION = 2


def event_id(article_id: str, mention: EventMention) -> str:
    """Stable id of the event read from ``mention``: same article and spans, same id."""
    if mention.part:  # a further place of a sentence's list: an event of its own
        return stable_id(article_id, mention.sentence.start, mention.trigger.start,
                         mention.sub_event_type, mention.part)
    return stable_id(article_id, mention.sentence.start, mention.trigger.start,
                     mention.sub_event_type)


def resolve_date(mention: EventMention, published: dt.date | None) -> tuple[dt.date | None, int,
                                                                            str | None]:
    """The event's date and ACLED time_precision, with a warning when it had to fall back.

    A date the extractor resolved from the text wins. Without one, the article's publication date
    stands in at week precision (ACLED's rule for "this week"-like uncertainty); without that,
    the date is unknown.
    """
    if mention.event_date is not None:
        return mention.event_date, mention.time_precision, None
    if published is not None:
        precision = max(mention.time_precision, FALLBACK_TIME_PRECISION)
        return published, precision, "no date in the text: publication date used"
    if mention.date_span is not None:
        return None, 3, (f"relative date {mention.date_span.text!r} needs a publication date "
                         "(give --date): event_date left empty")
    return None, 3, "no date in the text and no publication date: event_date left empty"


def _date_phrase(date: dt.date | None, precision: int) -> str:
    if date is None:
        return "On an unknown date"
    if precision == 1:
        return f"On {date.day} {date:%B %Y}"
    if precision == 2:
        return f"Around {date.day} {date:%B %Y}"
    return f"In {date:%B %Y}"


#: The notes verb of each sub-event type (a view of ``taxonomy.SUB_EVENT_TYPES``).
_VERBS = {s.name: s.notes_verb for s in SUB_EVENT_TYPES}
#: Prepositions a notes verb may end in: dropped when no actor2 follows ("clashed").
_PREPOSITIONS = frozenset({"with", "from", "against", "by", "targeting", "at", "of"})


#: Last words of names that take "the" in English ("the Red Sea", "the Golan Heights").
_THE_LAST = frozenset({"sea", "ocean", "gulf", "strait", "straits", "canal", "channel", "river",
                       "mountains", "hills", "range", "peninsula", "desert", "delta", "heights",
                       "valley", "islands", "basin", "plateau", "highlands", "region", "coast",
                       "union", "empire", "east", "strip", "bank", "marshes", "republic",
                       "emirates", "states", "kingdom"})
#: First words of names that take "the" ("the Gulf of Aden", "the Horn of Africa").
_THE_FIRST = frozenset({"gulf", "strait", "straits", "bay", "horn", "sea", "isle", "republic",
                        "state", "kingdom", "united"})
#: One-word names that take "the".
_THE_ALONE = frozenset({"sahel", "levant", "maghreb", "caucasus", "balkans", "caribbean",
                        "mediterranean", "atlantic", "pacific", "arctic", "antarctic", "sahara",
                        "negev", "sinai", "ogaden", "hejaz", "alps", "himalayas", "andes",
                        "baltic", "netherlands", "philippines", "gambia", "bahamas"})


def place_phrase(name: str) -> str:
    """``name`` as it reads after "in": "the Red Sea", "the Sahel", "the Gulf of Aden", but
    "Baghdad", "Lake Chad", "Mount Sinjar"."""
    words = name.lower().split()
    if not words or words[0] == "the":
        return name
    if (len(words) > 1 and (words[-1] in _THE_LAST or words[0] in _THE_FIRST)) \
            or (len(words) == 1 and words[0] in _THE_ALONE):
        return f"the {name}"
    return name


def compose_notes(event: Event) -> str:
    """One sentence in ACLED's style, composed from the event's fields (never article text)."""
    when = _date_phrase(event.event_date, event.time_precision)
    actor1 = event.actor1 or "Unidentified actors"
    typ = sub_event(event.sub_event_type)
    verb = typ.notes_verb
    target = f" {event.actor2}" if event.actor2 and typ.notes_target else ""
    if not target and verb.split()[-1] in _PREPOSITIONS:
        verb = verb.rsplit(" ", 1)[0]
    where = ""
    if event.location:
        region = event.admin1 if event.admin1 and event.admin1 != event.location else None
        where = f" in {place_phrase(event.location)}" + (f" ({region})" if region else "")
    elif event.admin1:
        where = f" in {place_phrase(event.admin1)}"
    elif event.country:
        where = f" in {place_phrase(event.country)}"
    sentence = f"{when}, {actor1} {verb}{target}{where}."
    if event.event_type in (BATTLES, EXPLOSIONS, VAC) or event.fatalities:
        sentence += f" {event.fatalities} reported fatalities." if event.fatalities != 1 else (
            " 1 reported fatality.")
    if event.event_type == STRATEGIC and event.sub_event_type == "Other":
        sentence += " Coded as a strategic development."
    return sentence


def _evidence(article_id: str, field: str, span: Span | None) -> list[Evidence]:
    if span is None:
        return []
    return [Evidence(article_id=article_id, field=field, start=span.start, end=span.end,
                     text=span.text)]


#: Country names that ACLED writes with "the" after "Forces of" ("Military Forces of the
#: United States").
_THE_COUNTRIES = frozenset({"United States", "United Kingdom", "Philippines", "Netherlands",
                            "Central African Republic", "United Arab Emirates", "Gambia",
                            "Bahamas", "Comoros", "Maldives", "Democratic Republic of Congo",
                            "Republic of Congo", "Czech Republic", "Dominican Republic"})
#: Actors named after the country where the event happened (ACLED: civilians are "Civilians
#: (<country of the event>)", whatever nationality the text mentions nearby).
_WHERE_IT_HAPPENED = re.compile(r"^(Civilians|Protesters|Rioters|Unidentified Armed Group|"
                                r"Communal Militia)(?: \((?P<c>[^)]*)\))?$")
_FORCES = re.compile(r"^(Military|Police) Forces(?: of (?:the )?(?P<c>.+))?$")


def acled_actor(name: str | None, country: str | None) -> str | None:
    """``name`` as ACLED writes it for an event in ``country``: generic actors take the
    event's country; state forces without a country take it too; "the United States"."""
    if not name:
        return name
    if country:
        m = _WHERE_IT_HAPPENED.match(name)
        if m:
            return f"{m.group(1)} ({country})"
    m = _FORCES.match(name)
    if m:
        c = m.group("c") or country
        if not c:
            return name
        return f"{m.group(1)} Forces of {'the ' if c in _THE_COUNTRIES else ''}{c}"
    return name


def build_event(article: Article, mention: EventMention, location: Location) -> Event:
    """One :class:`Event` from a mention and the place chosen for it."""
    sub = sub_event(mention.sub_event_type)
    where = location.country
    date, precision, _ = resolve_date(mention, article.published)
    inter1 = mention.actor1.inter if mention.actor1 else 0
    inter2 = mention.actor2.inter if mention.actor2 else 0
    civilian = mention.civilian_targeting or (sub.event_type == VAC and inter2 == 7)
    aid = article.id
    evidence: list[Evidence] = []
    evidence += _evidence(aid, "sentence", mention.sentence)
    evidence += _evidence(aid, "sub_event_type", mention.trigger)
    evidence += _evidence(aid, "actor1", mention.actor1.span if mention.actor1 else None)
    evidence += _evidence(aid, "actor2", mention.actor2.span if mention.actor2 else None)
    for a in mention.assoc_actor_1:
        evidence += _evidence(aid, "assoc_actor_1", a.span)
    for a in mention.assoc_actor_2:
        evidence += _evidence(aid, "assoc_actor_2", a.span)
    if location.place is not None:
        p = location.place
        evidence += _evidence(aid, "location", Span(start=p.start, end=p.end, text=p.text))
    evidence += _evidence(aid, "event_date", mention.date_span)
    evidence += _evidence(aid, "fatalities", mention.fatalities_span)
    event = Event(
        event_id=event_id(aid, mention),
        article_ids=[aid],
        event_date=date,
        time_precision=precision,
        disorder_type=sub.disorder_type,
        event_type=sub.event_type,
        sub_event_type=sub.name,
        plover_type=sub.plover_type,
        actor1=acled_actor(mention.actor1.name, where) if mention.actor1 else None,
        assoc_actor_1="; ".join(str(acled_actor(a.name, where))
                                for a in mention.assoc_actor_1) or None,
        inter1=inter1,
        actor2=acled_actor(mention.actor2.name, where) if mention.actor2 else None,
        assoc_actor_2="; ".join(str(acled_actor(a.name, where))
                                for a in mention.assoc_actor_2) or None,
        inter2=inter2,
        interaction=interaction_code(inter1, inter2) if inter1 else inter2 * 10,
        civilian_targeting=civilian,
        country=location.country,
        iso3=location.iso3,
        admin1=location.admin1,
        admin2=location.admin2,
        admin3=location.admin3,
        location=location.location,
        latitude=location.latitude,
        longitude=location.longitude,
        geo_precision=location.geo_precision,
        geonames_id=location.geonames_id,
        fatalities=mention.fatalities,
        confidence=round(mention.confidence, 4),
        evidence=evidence,
        location_reason=location.reason,
    )
    return event.model_copy(update={"notes": compose_notes(event)})


def build_events(article: Article, mentions: Sequence[EventMention],
                 locations: Sequence[Location]) -> list[Event]:
    """Events of one article, one per mention, in text order (``locations`` align with
    ``mentions``)."""
    if len(mentions) != len(locations):
        raise ValueError("E010 build_events needs one location per mention")
    return [build_event(article, m, loc) for m, loc in zip(mentions, locations, strict=True)]


def describe_actor_type(inter: int) -> str:
    """ACLED's name for an inter code (e.g. 1 -> "State forces")."""
    return INTER_CODES.get(inter, "Unknown")


__all__ = [
    "build_event", "build_events", "compose_notes", "describe_actor_type", "event_id",
    "resolve_date", "FALLBACK_TIME_PRECISION",
]
