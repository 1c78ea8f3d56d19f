"""``eventcoder dedup``: merge the stored events that are one event (cross-article dedup)."""

from __future__ import annotations

import click

from .common import db_option, load_config, user_errors


@click.command()
@db_option
@click.option("--dry-run", is_flag=True,
              help="Print the merges that would be made; change nothing.")
@click.option("--days", "merge_days", type=click.IntRange(min=0), default=None,
              help="Maximum days between two reports' dates [default: merge_days, 2].")
@click.option("--km", "merge_km", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Maximum distance between two reports' places [default: merge_km, 25].")
@click.option("--threshold", "merge_threshold", type=click.FloatRange(min=0, min_open=True),
              default=None,
              help="Minimum score to merge [default: merge_threshold, 0.5; above 1: none].")
def dedup(db: str | None, dry_run: bool, merge_days: int | None, merge_km: float | None,
          merge_threshold: float | None) -> None:
    """Merge stored events that are reports of one event, as the run path does for new
    articles, over every stored event in date order (undated ones last), and print each
    merge: survivor <- absorbed, with the score and its parts.

    The survivor keeps its id (the smaller of the two) and every article and evidence span of
    both, by the one merge policy; the absorbed id stays resolvable ('eventcoder review' and
    Store.get_event find the survivor by it). Rules and thresholds: docs/storage.md,
    "Cross-article deduplication".

    Example:

        eventcoder dedup --db sqlite:///events.db --dry-run
    """
    from ..dedup.cross import merge_stored
    from ..store import Store

    config = load_config(db=db, merge_days=merge_days, merge_km=merge_km,
                         merge_threshold=merge_threshold)
    with user_errors(), Store(config.db, create=False) as store:
        # tentative events too, as the run path merges them (docs/storage.md)
        ids = [e.event_id for e in store.iter_events(status=("auto", "tentative", "reviewed"))]
        merges = merge_stored(store, ids, config.merge, dry_run=dry_run)
    for m in merges:
        click.echo(f"{m.survivor} <- {m.absorbed}  score {m.score:.3f}  ({'; '.join(m.reasons)})")
    verb = "would merge" if dry_run else "merged"
    click.echo(f"{len(ids)} events checked; {verb} {len(merges)}")
