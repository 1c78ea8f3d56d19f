"""``eventcoder candidates``: what each stored sentence with an event word was found to be."""

from __future__ import annotations

import json

import click

from ..schema import CANDIDATE_STATUSES
from .common import db_option, load_config, user_errors


@click.command()
@db_option
@click.option("--status", type=click.Choice(CANDIDATE_STATUSES), default=None,
              help="Only candidates of this status (e.g. background, hypothetical).")
@click.option("--article", "article_ids", multiple=True, metavar="ID",
              help="Only this article (repeatable).")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many articles.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True)
def candidates(db: str | None, status: str | None, article_ids: tuple[str, ...], limit: int | None,
               fmt: str) -> None:
    """List stored candidates: every sentence with an event word, whether it was coded (and
    as which event) or why not (background, hypothetical, negated, generic, out_of_scope).
    The database must exist ('eventcoder extract' creates it).

    Example:

        eventcoder candidates --db sqlite:///events.db --status hypothetical
    """
    from ..store import Store

    db = load_config(db=db).db
    with user_errors(), Store(db, create=False) as store:
        ids = list(article_ids) or store.candidate_article_ids(status=status, limit=limit)
        rows = store.candidates_for_articles(ids, status=status)
    for c in rows:
        if fmt == "jsonl":
            click.echo(json.dumps(c.model_dump(mode="json"), ensure_ascii=False))
            continue
        mark = f"coded {c.event_id}" if c.event_id else c.status
        sent = " ".join(c.sentence.text.split())
        click.echo(f"{c.article_id}\t@{c.sentence.start}\t{mark}\t{c.sub_event_type or '-'}\t"
                   f"{c.trigger.text!r}\t{c.reason}\t{sent[:120]}")
    if fmt == "table":
        click.echo(f"{len(rows)} candidates", err=True)
