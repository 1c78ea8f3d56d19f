"""``eventcoder review``: record a human's decision on one stored event."""

from __future__ import annotations

import json
from typing import Any

import click

from .common import STATUS_CHOICES, db_option, decision_options, load_config, user_errors


def _assignment(ctx: click.Context, param: click.Parameter,
                values: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for v in values:
        field, sep, raw = v.partition("=")
        if not sep or not field.strip():
            raise click.BadParameter(f"{v!r}: use FIELD=VALUE, e.g. fatalities=3")
        value: Any = raw
        if raw == "":
            value = None
        else:
            try:
                value = json.loads(raw)  # numbers, true/false, null
            except ValueError:
                value = raw
            if isinstance(value, (list, dict)):
                value = raw
        out[field.strip()] = value
    return out


@click.command()
@click.argument("event_id")
@click.option("--status",
              type=click.Choice([s for s in STATUS_CHOICES if s != "all"]),
              help="reviewed: a human checked the event (a tentative one is then shown); "
                   "rejected: not an event (left out of 'eventcoder events', exports and what "
                   "'extract' prints); auto: undo (tentative: back to hidden).")
@click.option("--set", "changes", multiple=True, metavar="FIELD=VALUE", callback=_assignment,
              help="Correct a field (repeatable): fatalities=3, admin1=Diyala, "
                   "event_date=2025-03-08, actor2=... An empty VALUE clears it. A correction "
                   "makes the event reviewed unless --status says otherwise.")
@decision_options
@db_option
def review(event_id: str, status: str | None, changes: dict[str, Any], user: str | None,
           comment: str | None, db: str | None) -> None:
    """Mark a stored event reviewed or rejected (or back to auto), or correct its fields, and
    print what changed.

    A new coding of the event never overrides the decision; the previous version is kept in
    the event's history with the user and comment ('eventcoder events --history ID'). An
    unknown EVENT_ID, field or value is an error (exit 1); an id merged into another event
    reviews that event.

    Examples:

        eventcoder review ev-3f2a9c1e0b7d4a58 --status rejected --db sqlite:///events.db

        eventcoder review ev-3f2a9c1e0b7d4a58 --set fatalities=4 --comment "hospital toll"
    """
    from ..store import Store

    if status is None and not changes:
        raise click.UsageError("give --status or at least one --set FIELD=VALUE")
    update = dict(changes)
    if status is not None:
        update["status"] = status
    db = load_config(db=db).db
    with user_errors(), Store(db, create=False) as store:
        shown = store.url.render_as_string(hide_password=True)
        target = store.resolve_id(event_id)
        before = store.get_event(target) if target else None
        after = store.edit_event(target, update, user=user, comment=comment) \
            if before is not None and target else None
    if before is None or after is None:
        raise click.ClickException(f"no event with id {event_id!r} in {shown}")
    if target != event_id:
        click.echo(f"{event_id} was merged into {target}", err=True)
    if set(update) == {"status"}:
        change = "unchanged" if before.status == after.status else f"was {before.status}"
        click.echo(f"{target}: {after.status} ({change})")
        return
    diffs = [f"{f} {getattr(before, f)} -> {getattr(after, f)}" for f in update
             if getattr(before, f) != getattr(after, f)]
    if after.status != before.status and "status" not in update:
        diffs.append(f"status {before.status} -> {after.status}")
    click.echo(f"{target}: " + ("; ".join(diffs) if diffs else "unchanged"))
