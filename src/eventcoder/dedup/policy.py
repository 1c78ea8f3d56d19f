"""The one merge policy: how two codings of the same event become one.

Both places that merge events call :func:`merge_pair`:

- in-article dedup (:func:`eventcoder.dedup.merge_events`): a report that tells its event
  again lower down, or a headline told again, dated, in the lead;
- the store (:meth:`eventcoder.store.Store.save_batch`): an event saved under an id that is
  already stored.

The rules, for an ``existing`` event and an ``incoming`` one:

1. **Provenance** is always merged: ``article_ids`` and ``evidence`` are the union of both lists,
   the existing first, in order, without duplicates (evidence is keyed by article, field, start,
   end). ``sources_count`` is the number of distinct article ids, and never less than either
   event already counted.
2. **Human review wins.** When the existing event has a human status (``reviewed`` or
   ``rejected``) and the incoming one is automatic (``auto`` or ``tentative``), the existing
   event is kept as it is: only the provenance (rule 1) is merged. An incoming event with a
   human status is a reviewer's decision: its fields are taken as they are (with rule 1).
3. Otherwise (both events automatic) the fields are reconciled:

   - ``status``: ``auto`` when either event is ``auto``, else ``tentative``. A tentative
     event (a report under ``min_confidence``, kept hidden: docs/storage.md, "Tentative
     events") is shown once a report of the event at or above it is merged in, and an event
     once shown stays shown.

   - ``fatalities``: when both events cite the same articles, one report restating its figure:
     the highest figure it gives. When they cite different articles, different reports:
     ACLED's conservative rule, the lowest non-zero figure (0 only when neither gives one);
     the floor of one death that a killing word gives a report with no figure ("condemns the
     massacre") counts only when no report gives a figure (:func:`floor_only`).
   - place (``country``, ``iso3``, ``admin1``-``admin3``, ``location``, ``latitude``,
     ``longitude``, ``geo_precision``, ``geonames_id``, ``location_reason``, taken together):
     the most precise one, the lower ``geo_precision``; on a tie the existing place stays.
   - ``confidence``: the higher.
   - ``event_date`` (with ``time_precision``), when the two events cite different articles and
     ``supersede`` is off (a cross-article merge): the earliest of the most precise dates
     (ACLED dates an event by its earliest reliable report of when it happened; a coarse date,
     a week or a month, yields to a day). Within one report (in-article dedup), the first
     telling's date unless a later telling gives a more precise one (a headline, dated only
     by the publication day, told again "on Saturday" in the lead). Otherwise (the store) as
     the other fields below.
   - every other field (date, types, actors, civilian targeting...): the existing event's,
     unless ``supersede`` is set (the store), then the incoming event's. This is the one
     difference between the two callers: within an article the first telling stands and a
     restatement only adds what the rules above reconcile; in the store an event saved again
     under its id is a newer coding of it, and its descriptive fields replace the old ones.
   - ``notes`` are recomposed (:func:`eventcoder.extract.rows.compose_notes`) from the merged event
     when the merge changed what they would say; otherwise the notes stay as they were (so
     saving an unchanged event again changes nothing).

The Event schema has no field for per-field provenance, and none is added (a schema change
needs a database migration). Instead :func:`merge_pair` returns, with the merged event, a
:class:`FieldChange` for every field the merge changed: the old and new value, the article(s)
the new value was read from, and the rule that chose it. A changed field's value always comes
from the incoming event, so its articles are those of the incoming event's evidence for that
field, or the incoming event's article ids when it has none.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..extract.lexicon import DEADLY_EVENT
from ..extract.rows import compose_notes
from ..schema import Event, Evidence

#: Statuses set by a human; an automatic coding never overwrites them.
HUMAN_STATUSES = frozenset({"reviewed", "rejected"})

#: The fields that make up an event's place: they move together.
PLACE_FIELDS: tuple[str, ...] = (
    "country", "iso3", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "geonames_id", "location_reason")

#: Fields derived from the provenance or the other fields, not reported as changes.
_DERIVED = frozenset({"article_ids", "evidence", "sources_count", "notes"})


@dataclass(frozen=True)
class FieldChange:
    """One field the merge changed. ``field`` is an Event field, or ``"location"`` for the
    place fields taken together (then ``old``/``new`` are the place names)."""

    field: str
    old: object
    new: object
    #: the article(s) the new value was read from
    articles: tuple[str, ...]
    #: why the new value was chosen
    rule: str


@dataclass(frozen=True)
class Merged:
    """The merged event and how the policy got there."""

    event: Event
    changes: tuple[FieldChange, ...] = ()
    #: the existing event had a human status and was kept (only provenance merged)
    human_kept: bool = False

    def change(self, field: str) -> FieldChange | None:
        """The change recorded for ``field``, or None."""
        return next((c for c in self.changes if c.field == field), None)


def union_provenance(existing: Event, incoming: Event) -> dict[str, object]:
    """``article_ids``, ``evidence`` and ``sources_count`` of the two events merged (rule 1)."""
    article_ids = list(dict.fromkeys([*existing.article_ids, *incoming.article_ids]))
    seen = {_evidence_key(e) for e in existing.evidence}
    evidence = list(existing.evidence)
    for e in incoming.evidence:
        key = _evidence_key(e)
        if key not in seen:
            seen.add(key)
            evidence.append(e)
    sources_count = max(len(article_ids), existing.sources_count, incoming.sources_count)
    return {"article_ids": article_ids, "evidence": evidence, "sources_count": sources_count}


def _evidence_key(e: Evidence) -> tuple[str, str, int, int]:
    return (e.article_id, e.field, e.start, e.end)


def same_reports(a: Event, b: Event) -> bool:
    """Both events cite the same articles: one report (or the same reports) telling it again."""
    return set(a.article_ids) == set(b.article_ids)


def floor_only(e: Event) -> bool:
    """The event's toll is the floor of one death that the extractor gives a killing told with
    no figure: 1, read from the event word itself ("condemns the massacre", its fatalities
    evidence the trigger's span) or from "a deadly raid" (:data:`~eventcoder.extract.lexicon.
    DEADLY_EVENT`). A victim named without a number ("killed his brother") is a figure, and an
    event without fatalities evidence (imported, or entered by hand) is taken at its word."""
    if e.fatalities != 1:
        return False
    said = [v for v in e.evidence if v.field == "fatalities"]
    triggers = {(v.article_id, v.start, v.end) for v in e.evidence if v.field == "sub_event_type"}
    return bool(said) and all((v.article_id, v.start, v.end) in triggers
                              or DEADLY_EVENT.fullmatch(v.text) for v in said)


def reconcile_fatalities(existing: Event, incoming: Event) -> tuple[int, str]:
    """The merged figure and the rule that chose it (rule 3)."""
    if same_reports(existing, incoming):
        return (max(existing.fatalities, incoming.fatalities),
                "the highest figure one report gives for its own restatements")
    given = [e for e in (existing, incoming) if e.fatalities > 0]
    figures = [e for e in given if not floor_only(e)]
    if figures and len(figures) < len(given):
        return (min(e.fatalities for e in figures), "across reports, the lowest figure a report "
                "gives (ACLED's conservative rule); a killing told with no figure counts only "
                "when none does")
    return (min((e.fatalities for e in given), default=0),
            "across reports, the lowest non-zero figure (ACLED's conservative rule)")


def merge_pair(existing: Event, incoming: Event, *, supersede: bool = False) -> Merged:
    """``existing`` and ``incoming`` (the same event) merged by the policy of this module.

    existing: the event kept so far (the first telling; the stored event). Its id is kept.
    incoming: the event merged into it (a later telling; the event being saved).
    supersede: the incoming event is a newer coding of the event (the store): its fields that
        the policy does not reconcile replace the existing ones. Off for in-article dedup.
    RETURNS: the merged event and the changes the merge made, see :class:`Merged`.
    """
    provenance = union_provenance(existing, incoming)
    if existing.status in HUMAN_STATUSES and incoming.status not in HUMAN_STATUSES:
        return Merged(existing.model_copy(update=provenance), human_kept=True)
    if incoming.status in HUMAN_STATUSES:
        merged = incoming.model_copy(update={"event_id": existing.event_id, **provenance})
        return Merged(merged, _changes(existing, merged, incoming,
                                       {}, f"a human review ({incoming.status})"))
    base = incoming if supersede else existing
    update: dict[str, object] = dict(provenance)
    rules: dict[str, str] = {}
    update["fatalities"], rules["fatalities"] = reconcile_fatalities(existing, incoming)
    place_from = incoming if incoming.geo_precision < existing.geo_precision else existing
    update.update({f: getattr(place_from, f) for f in PLACE_FIELDS})
    rules["location"] = (f"the more precise place (geo_precision {incoming.geo_precision} < "
                         f"{existing.geo_precision})")
    update["confidence"] = max(existing.confidence, incoming.confidence)
    rules["confidence"] = "the higher confidence"
    update["status"] = "auto" if "auto" in (existing.status, incoming.status) else "tentative"
    rules["status"] = ("a report of the event at or above min_confidence" if
                       update["status"] == "auto" else "no report at or above min_confidence")
    if not supersede and not same_reports(existing, incoming):
        dated = [e for e in (existing, incoming) if e.event_date is not None]
        if dated:
            first = min(dated, key=lambda e: (e.time_precision, e.event_date))
            update["event_date"] = first.event_date
            update["time_precision"] = first.time_precision
            rules["event_date"] = rules["time_precision"] = \
                "across reports, the earliest of the most precise dates"
    elif not supersede and incoming.event_date is not None and (
            existing.event_date is None or incoming.time_precision < existing.time_precision):
        update["event_date"] = incoming.event_date
        update["time_precision"] = incoming.time_precision
        rules["event_date"] = rules["time_precision"] = \
            "within one report, a day told later over a coarser date told first"
    update["event_id"] = existing.event_id
    merged = base.model_copy(update=update)
    notes = compose_notes(merged)
    if notes != compose_notes(base):  # the merge changed what the notes say
        merged = merged.model_copy(update={"notes": notes})
    return Merged(merged, _changes(existing, merged, incoming, rules,
                                   "a newer coding of the event" if supersede else ""))


def _changes(existing: Event, merged: Event, incoming: Event, rules: dict[str, str],
             default_rule: str) -> tuple[FieldChange, ...]:
    """A FieldChange for every field (the place fields as one) ``merged`` changed from
    ``existing``. Each new value came from ``incoming``."""
    out: list[FieldChange] = []
    if any(getattr(existing, f) != getattr(merged, f) for f in PLACE_FIELDS):
        out.append(FieldChange("location", existing.location, merged.location,
                               _articles(incoming, "location"),
                               rules.get("location") or default_rule))
    for f in Event.model_fields:
        if f in _DERIVED or f in PLACE_FIELDS or getattr(existing, f) == getattr(merged, f):
            continue
        out.append(FieldChange(f, getattr(existing, f), getattr(merged, f),
                               _articles(incoming, f), rules.get(f) or default_rule))
    return tuple(out)


def _articles(event: Event, field: str) -> tuple[str, ...]:
    """The articles ``event`` read ``field`` from: those of its evidence for it, else all."""
    cited = tuple(dict.fromkeys(e.article_id for e in event.evidence_for(field)))
    return cited or tuple(event.article_ids)


__all__ = ["FieldChange", "HUMAN_STATUSES", "Merged", "PLACE_FIELDS", "merge_pair",
           "floor_only", "reconcile_fatalities", "same_reports", "union_provenance"]
