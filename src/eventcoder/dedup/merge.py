"""Merge events that share date, type, place and initiator."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

from ..schema import Event
from .policy import merge_pair


def same_event_key(event: Event) -> tuple[object, ...]:
    """Events with equal keys are taken to be one event.

    The key is deliberately strict (exact date, sub-event type, place, actor1, actor2): a false
    merge hides an event from the analyst, a missed merge only shows it twice.
    """
    place = event.geonames_id if event.geonames_id is not None else (event.location or "")
    return (event.event_date, event.sub_event_type, place, event.admin1 or "",
            (event.actor1 or "").lower(), (event.actor2 or "").lower())


def _merge_two(keep: Event, other: Event) -> Event:
    """``other`` (a later telling in the same report) merged into ``keep`` by the one merge
    policy (:func:`eventcoder.dedup.policy.merge_pair`): provenance unioned, fatalities, place
    and confidence reconciled, notes recomposed; the other fields are ``keep``'s."""
    return merge_pair(keep, other).event


def _undated_restatement(event: Event, dated: Event) -> bool:
    """``event`` restates ``dated`` within one report: same single article, type and initiator,
    no date of its own (its date fell back to publication), and a compatible place (same admin1,
    or one of them has none; not two different towns). Typical case: the headline ("Forces launch operation in Diyala")
    told again, dated, in the lead."""
    return (event.article_ids == dated.article_ids and len(event.article_ids) == 1
            and not event.evidence_for("event_date") and bool(dated.evidence_for("event_date"))
            and event.sub_event_type == dated.sub_event_type
            and (event.actor1 or "").lower() == (dated.actor1 or "").lower()
            and (not event.admin1 or not dated.admin1 or event.admin1 == dated.admin1)
            and not (event.geo_precision < 3 and dated.geo_precision < 3
                     and event.geonames_id != dated.geonames_id))  # two towns: two events


#: the lead sentence tells another event of the same kind: "another group of gunmen attacked
#: the market of X" (X not in the gazetteer, so placed where the first attack was), "in a
#: separate attack", "separately": the report itself keeps them apart
ANOTHER = re.compile(
    r"\b(?:another|a\s+(?:second|third|separate))\s+(?:[\w-]+\s+){0,2}?(?:group|gang|band|"
    r"attacks?|assault|raid|bombing|blast|explosion|strike|incident|ambush|suicide\s+bomber|"
    r"bomber)\b|\bseparately\b|\bin\s+(?:a\s+)?separate\b", re.IGNORECASE)


def _lead(event: Event) -> tuple[int, str]:
    """Where the event's first telling starts, and its sentence."""
    sent = event.evidence_for("sentence")
    return (sent[0].start, sent[0].text) if sent else (0, "")


def _told_as_another(event: Event) -> bool:
    return bool(ANOTHER.search(_lead(event)[1]))


def merge_events(events: Iterable[Event], apart: Collection[str] = ()) -> list[Event]:
    """Merge duplicates, keeping the first event's id and order, by the one merge policy
    (:mod:`eventcoder.dedup.policy`): evidence and ids unioned, the highest toll the report
    gives, the more precise place, the higher confidence; the first telling's other fields.

    An undated restatement inside one report is folded into the dated telling (which keeps its
    own id and date, and its place unless the restatement's is more precise), see
    :func:`_undated_restatement`. An event whose lead sentence tells it as another one
    (:data:`ANOTHER`) is not merged by its key, nor is one whose id is in ``apart`` (the
    parts of a count of events: "Two armed attacks ... left seven dead", each told after).
    """
    merged: dict[tuple[object, ...], Event] = {}
    kept: list[Event] = []  # told as another event than the one with its key
    for event in events:
        key = same_event_key(event)
        if key in merged and (_told_as_another(event) or event.event_id in apart
                              or merged[key].event_id in apart):
            kept.append(event)
        else:
            merged[key] = _merge_two(merged[key], event) if key in merged else event
    result = list(merged.values())
    for event in kept:  # (in text order among the others: the input's order)
        at = _lead(event)[0]
        result.insert(next((i for i, e in enumerate(result) if _lead(e)[0] > at),
                           len(result)), event)
    for undated in [e for e in result if not e.evidence_for("event_date")
                    and not _told_as_another(e) and e.event_id not in apart]:
        target = next((d for d in result if d is not undated
                       and _undated_restatement(undated, d)), None)
        if target is not None:
            result[result.index(target)] = _merge_two(target, undated)
            result.remove(undated)
    return result


def summaries(events: Sequence[Event]) -> dict[str, str]:
    """Events of one report that only sum up others it then tells one by one: the reason each
    is not an event of its own, by event id.

    "Coalition forces conducted 15 strikes in Syria ... Near Raqqah, two strikes engaged a
    tactical unit ... Near Palmyra, one strike ..." is a list of events with a summary on top;
    ACLED codes each place, not the summary. An event is a summary when it is placed no more
    precisely than a country (or not at all), and the report tells at least one event of the
    same sub-event type, placed more precisely in the same country, on a compatible date.
    """
    out: dict[str, str] = {}
    for e in events:
        if e.admin1 or (e.latitude is not None and e.geo_precision < 3):
            continue
        parts = [f for f in events if f is not e and f.sub_event_type == e.sub_event_type
                 and (f.admin1 or (f.latitude is not None and f.geo_precision < 3))
                 and (e.country is None or f.country == e.country)
                 and (not e.evidence_for("event_date") or f.event_date == e.event_date)]
        if parts:
            where = e.country or "the report"
            out[e.event_id] = (f"a summary of {len(parts)} event(s) in {where} told one "
                               "by one")
    return out
