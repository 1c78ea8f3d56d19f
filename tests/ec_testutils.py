"""Small helpers shared by test modules (importable because pytest puts tests/ on sys.path)."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from click.testing import Result

    from eventcoder.schema import Article, Event

REPO = Path(__file__).resolve().parents[1]


def store_batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """What one process's single ``Pipeline.process_many`` call receives (eventcoder.run's
    ``_streamed``), cut into the run's store batches of ``size``: for stub pipelines that act
    once per batch, as a batch after another is looked up, coded and saved."""
    from eventcoder.run import _batches  # the run's own batching

    yield from _batches(iter(articles), size)


def shared_data_dir() -> Path:
    """../shared/data beside the checkout (CI lays it there), or $EVENTCODER_SHARED_DATA."""
    env = os.environ.get("EVENTCODER_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def fold(text: str | None) -> str:
    """Lowercase ASCII form, so "Nīnawá" and "Ninawa" compare equal."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def mosul_article(n: int, day: int | None = None) -> Article:
    """Article ``a{n}`` about an attack near Mosul, published 2024-01-``day`` (default ``n``)."""
    from eventcoder.schema import Article

    return Article.from_text(f"Report {n}: gunmen attacked a village near Mosul.", id=f"a{n}",
                             published=dt.date(2024, 1, n if day is None else day))


def mosul_event(n: int, day: int | None = None, **kw: object) -> Event:
    """Event ``ev-{n}`` of article ``a{n}``: an attack on civilians in Mosul on 2024-01-``day``
    (default ``n``), ``n`` killed; ``kw`` overrides fields."""
    from eventcoder.schema import Event

    base: dict[str, object] = dict(
        event_id=f"ev-{n}", article_ids=[f"a{n}"],
        event_date=dt.date(2024, 1, n if day is None else day),
        disorder_type="Political violence", event_type="Violence against civilians",
        sub_event_type="Attack", actor1="Unidentified Armed Group (Iraq)", country="Iraq",
        iso3="IRQ", admin1="Ninewa", location="Mosul", fatalities=n, confidence=0.9)
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def run_cli(*args: str) -> Result:
    """``eventcoder ARGS...`` in-process."""
    from click.testing import CliRunner

    from eventcoder.cli import cli

    return CliRunner().invoke(cli, list(args))


def every_event(text: str, date: str) -> list[Event]:
    """Every event ``eventcoder.code_text`` reads in ``text`` published on ``date``, whatever
    its confidence (the rules under test, not the default threshold)."""
    from eventcoder.coding import code_text

    return code_text(text, date, min_confidence=0)
