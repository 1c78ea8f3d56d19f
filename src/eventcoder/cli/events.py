"""``eventcoder events``: query the stored events and export them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import click

from ..schema import Event
from .common import (
    check_country_option,
    check_type_option,
    db_option,
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
@format_option()
@output_option
def events(db: str | None, since: dt.date | None, until: dt.date | None, country: str | None,
           admin1: str | None, event_type: str | None, actor: str | None,
           min_fatalities: int | None, limit: int | None, min_confidence: float | None,
           status: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Query stored events and export them (CSV uses ACLED's column names and order).

    Events a reviewer rejected ('eventcoder review ID --status rejected') are left out unless
    --status asks for them. The database must exist ('eventcoder extract' creates it). An
    unknown --type or --country is an error that names the closest values.

    Example:

        eventcoder events --country Iraq --since 2025-01-01 --format csv -o iraq.csv
    """
    from ..export import write_events
    from ..store import Store

    db = load_config(db=db).db
    with user_errors(), Store(db, create=False) as store:
        if country:
            check_country_option(country, store)
        rows = store.iter_events(since=since, until=until, country=country, admin1=admin1,
                                 event_type=event_type, actor=actor,
                                 min_fatalities=min_fatalities, limit=limit,
                                 min_confidence=min_confidence, status=status or None)
        sources: dict[str, str | None] = {}
        write_events(_with_sources(rows, store, sources), fmt, output, sources=sources)


def _with_sources(events: Iterable[Event], store: Store, sources: dict[str, str | None],
                  page: int = 1000) -> Iterator[Event]:
    """Stream ``events`` while keeping ``sources`` filled for the page being written, so the
    CSV's ACLED ``source`` column is filled without loading every event or article at once."""
    batch: list[Event] = []
    for event in events:
        batch.append(event)
        if len(batch) >= page:
            sources.clear()
            sources.update(store.article_sources({a for e in batch for a in e.article_ids}))
            yield from batch
            batch = []
    sources.clear()
    sources.update(store.article_sources({a for e in batch for a in e.article_ids}))
    yield from batch
