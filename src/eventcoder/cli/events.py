"""``eventcoder events``: query the stored events and export them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..schema import Event
from .common import (
    check_country_option,
    check_type_option,
    db_option,
    decision_options,
    format_option,
    load_config,
    output_option,
    parse_date,
    status_option,
    user_errors,
)

if TYPE_CHECKING:
    from ..store import Store


@click.command()
@db_option
@click.option("--since", callback=parse_date, metavar="YYYY-MM-DD", help="Events on or after.")
@click.option("--until", callback=parse_date, metavar="YYYY-MM-DD", help="Events on or before.")
@click.option("--country", help="Country name or ISO3 code.")
@click.option("--admin1", help="First-level region (governorate, province, state).")
@click.option("--type", "event_type", callback=check_type_option,
              help="ACLED event type or sub-event type (any case).")
@click.option("--actor", help="Part of an actor's name (actor1, actor2 or associated).")
@click.option("--min-fatalities", type=click.IntRange(0), default=None)
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many rows.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Only events whose confidence (the estimated chance that the row is a true "
                   "event) is at least this.")
@status_option
@click.option("--id", "ids", multiple=True, metavar="ID",
              help="Only this event, whatever its status (repeatable); an id merged into "
                   "another event gives that event. The filters above do not apply.")
@click.option("--history", metavar="ID",
              help="Print the event's versions, oldest first (revision, time, status, what "
                   "changed) and the events merged into it; --format jsonl: one object per "
                   "version.")
@click.option("--merge", nargs=2, metavar="A B", default=None,
              help="A human merge: event B becomes part of event A (A keeps its id; B then "
                   "finds A).")
@click.option("--split", metavar="ID",
              help="A human split: the reports given with --articles are another event. "
                   "Splitting off exactly the reports a merge brought in undoes that merge "
                   "(the absorbed id is an event again). Later dedup passes never merge the "
                   "two again.")
@click.option("--articles", "split_articles", multiple=True, metavar="ARTICLE_ID[,ID...]",
              help="With --split: the article ids to split off (repeatable or "
                   "comma-separated; 'eventcoder events --id ID --format jsonl' lists them).")
@decision_options
@format_option()
@output_option
def events(db: str | None, since: dt.date | None, until: dt.date | None, country: str | None,
           admin1: str | None, event_type: str | None, actor: str | None,
           min_fatalities: int | None, limit: int | None, min_confidence: float | None,
           status: tuple[str, ...], ids: tuple[str, ...], history: str | None,
           merge: tuple[str, str] | None, split: str | None, split_articles: tuple[str, ...],
           user: str | None, comment: str | None, fmt: str, output: str | None) -> None:
    """Query stored events and export them (CSV uses ACLED's column names and order).

    Events a reviewer rejected ('eventcoder review ID --status rejected'), and tentative ones
    (coded under min_confidence, no other report confirming them yet), are left out unless
    --status asks for them. The database must exist ('eventcoder extract' creates it). An
    unknown --type or --country is an error that names the closest values. --id, --history,
    --merge and --split take one event (or two) by id; an unknown id is an error (exit 1).
    --merge and --split write, recording --user and --comment in the history.

    Examples:

        eventcoder events --country Iraq --since 2025-01-01 --format csv -o iraq.csv

        eventcoder events --history ev-3f2a9c1e0b7d4a58

        eventcoder events --merge ev-3f2a9c1e0b7d4a58 ev-9b1c0d2e3f4a5b6c

        eventcoder events --split ev-3f2a9c1e0b7d4a58 --articles afp-0412 --comment "next day"
    """
    from ..export import with_sources, write_events
    from ..store import Store

    if sum(bool(x) for x in (ids, history, merge, split)) > 1:
        raise click.UsageError("use one of --id, --history, --merge and --split at a time")
    if bool(split) != bool(split_articles):
        raise click.UsageError("--split ID needs --articles (and --articles needs --split)")
    db = load_config(db=db).db
    with user_errors(), Store(db, create=False) as store:
        if merge:
            click.echo(_merge(store, *merge, user=user, comment=comment))
        elif split:
            wanted = [a.strip() for v in split_articles for a in v.split(",") if a.strip()]
            click.echo(_split(store, split, wanted, user=user, comment=comment))
        elif history:
            _history(store, history, fmt, output)
        elif ids:
            found = [_by_id(store, i) for i in ids]
            write_events(found, fmt, output, sources=store.article_sources(
                {a for e in found for a in e.article_ids}))
        else:
            if country:
                check_country_option(country, store)
            rows = store.iter_events(since=since, until=until, country=country, admin1=admin1,
                                     event_type=event_type, actor=actor,
                                     min_fatalities=min_fatalities, limit=limit,
                                     min_confidence=min_confidence, status=status or None)
            sources: dict[str, str | None] = {}
            write_events(with_sources(rows, store, sources), fmt, output, sources=sources)


def _shown(store: Store) -> str:
    return store.url.render_as_string(hide_password=True)


def _resolve(store: Store, event_id: str) -> str:
    """The id ``event_id`` is stored under now, with a note on stderr when it was merged into
    another event; a ClickException (exit 1) when no event has it."""
    found = store.resolve_id(event_id)
    if found is None:
        raise click.ClickException(f"no event with id {event_id!r} in {_shown(store)}")
    if found != event_id:
        click.echo(f"{event_id} was merged into {found}", err=True)
    return found


def _by_id(store: Store, event_id: str) -> Event:
    event = store.get_event(_resolve(store, event_id))
    if event is None:  # removed between the two reads
        raise click.ClickException(f"no event with id {event_id!r} in {_shown(store)}")
    return event


def _split(store: Store, event_id: str, article_ids: list[str], *, user: str | None,
           comment: str | None) -> str:
    """Split ``article_ids`` off the event as a human decision; the lines to print."""
    target = _resolve(store, event_id)
    done = store.split_event(target, article_ids, user=user, comment=comment)
    if done is None:
        raise click.ClickException(f"no event with id {event_id!r} in {_shown(store)}")
    kept, new = done
    return (f"{new.event_id} split off {kept.event_id}: {', '.join(new.article_ids)}\n"
            f"{kept.event_id} keeps {', '.join(kept.article_ids)}")


def _merge(store: Store, keep: str, absorb: str, *, user: str | None = None,
           comment: str | None = None) -> str:
    """Merge ``absorb`` into ``keep`` as a human decision (reasons ["human"]); the line to
    print."""
    if keep == absorb:
        raise click.ClickException(f"cannot merge {keep} into itself")
    survivor, absorbed = _resolve(store, keep), _resolve(store, absorb)
    if survivor == absorbed:
        raise click.ClickException(f"{absorb} and {keep} are already one event ({survivor})")
    statuses = store.event_statuses([survivor, absorbed])
    if statuses.get(absorbed) == "rejected" and statuses.get(survivor) != "rejected":
        # the merge policy takes a human status's fields and status from either side: the
        # survivor would become rejected
        raise click.ClickException(
            f"{absorbed} is rejected: merging it would make {survivor} rejected too "
            f"('eventcoder review {absorbed} --status auto' first, or leave it rejected)")
    if store.merge_events(survivor, absorbed, score=1.0, reasons=["human"], user=user,
                          cause="human", comment=comment) is None:
        raise click.ClickException(f"could not merge {absorbed} into {survivor}: "
                                   "one of them is no longer stored")
    return f"{absorbed} merged into {survivor}"


#: Fields whose values are lists: a change shows the counts (and the article ids added).
_LIST_FIELDS = ("article_ids", "evidence")


def _changes(old: Event | None, new: Event) -> dict[str, Any]:
    """Field -> [old, new] for the fields ``new`` changed (JSON values); {} for the first."""
    if old is None:
        return {}
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    return {k: [a[k], b[k]] for k in b if a.get(k) != b[k]}


def _describe(field: str, old: Any, new: Any) -> str:
    if field == "article_ids":
        added = [x for x in new if x not in old]
        return f"article_ids +{','.join(added)}" if added else f"article_ids {old} -> {new}"
    if field == "evidence":
        return f"evidence {len(old)} -> {len(new)} spans"
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > 40:
        return f"{field} changed"
    return f"{field} {old} -> {new}"


def _utc(t: dt.datetime) -> dt.datetime:
    """Stored times are UTC; SQLite gives them back without a zone."""
    return t.replace(tzinfo=dt.UTC) if t.tzinfo is None else t.astimezone(dt.UTC)


def _time(t: dt.datetime) -> str:
    return _utc(t).strftime("%Y-%m-%d %H:%M:%S")


def _history(store: Store, event_id: str, fmt: str, output: str | None) -> None:
    """Print the versions of one event (see ``--history``)."""
    if fmt not in ("table", "jsonl"):
        raise click.UsageError("--history prints --format table or jsonl")
    survivor = _resolve(store, event_id)
    versions = store.event_changes(survivor)
    if not versions:
        raise click.ClickException(f"no event with id {event_id!r} in {_shown(store)}")
    merges = store.merges_into(survivor)
    lines: list[str] = []
    previous: Event | None = None
    for v in versions:
        changes = _changes(previous, v.event)
        previous = v.event
        if fmt == "jsonl":
            lines.append(json.dumps({"event_id": survivor, "revision": v.revision,
                                     "time": _utc(v.at).isoformat(), "status": v.event.status,
                                     "cause": v.cause, "user": v.user, "comment": v.comment,
                                     "changes": changes, "detail": v.detail},
                                    ensure_ascii=False, default=str))
            continue
        what = ("first stored" if v.revision == versions[0].revision
                else "; ".join(_describe(k, *c) for k, c in changes.items()) or "no change")
        cause = v.cause or "changed"
        if v.detail.get("absorbed"):
            cause += f" {v.detail['absorbed']} ({v.detail.get('by', 'dedup')})"
        if v.detail.get("split_off"):
            cause += f" off {v.detail['split_off']}"
        if v.detail.get("split_from"):
            cause += f" from {v.detail['split_from']}"
        by = f" by {v.user}" if v.user else ""
        note = f'  "{v.comment}"' if v.comment else ""
        lines.append(f"r{v.revision}  {_time(v.at)}  {v.event.status:<9}  {cause}{by}: "
                     f"{what}{note}")
        for f in v.detail.get("fields", []):
            if f.get("rule"):
                lines.append(f"      {f['field']}: {f['rule']} (from "
                             f"{', '.join(f.get('articles', [])) or '?'})")
    if fmt == "table":
        for m in merges:
            lines.append(f"merged {m.absorbed_id}  score {m.score:.3f}  {_time(m.merged_at)}  "
                         f"({'; '.join(m.reasons) or 'no reasons recorded'})")
    text = "\n".join(lines) + "\n"
    if output and output != "-":
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
