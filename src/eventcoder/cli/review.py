"""``eventcoder review``: record a human's decision on one stored event."""

from __future__ import annotations

import click

from .common import STATUS_CHOICES, db_option, load_config, user_errors


@click.command()
@click.argument("event_id")
@click.option("--status", required=True,
              type=click.Choice([s for s in STATUS_CHOICES if s != "all"]),
              help="reviewed: a human checked the event; rejected: not an event (left out of "
                   "'eventcoder events', exports and what 'extract' prints); auto: undo.")
@db_option
def review(event_id: str, status: str, db: str | None) -> None:
    """Mark a stored event reviewed or rejected (or back to auto) and print its new status.

    A new coding of the event never overrides the decision; the previous version is kept in
    the event's revision history. An unknown EVENT_ID is an error (exit 1).

    Example:

        eventcoder review ev-3f2a9c1e0b7d4a58 --status rejected --db sqlite:///events.db
    """
    from ..store import Store

    db = load_config(db=db).db
    with user_errors(), Store(db, create=False) as store:
        shown = store.url.render_as_string(hide_password=True)
        before = store.get_event(event_id)
        after = store.set_status(event_id, status) if before is not None else None
    if before is None or after is None:
        raise click.ClickException(f"no event with id {event_id!r} in {shown}")
    change = "unchanged" if before.status == after.status else f"was {before.status}"
    click.echo(f"{event_id}: {after.status} ({change})")
