"""A made-up third-party eventcoder plugin (tests only): a reader for ``.story`` files and a
``tsv-lite`` export format, declared as entry points in ``pyproject.toml`` and nowhere else.

A ``.story`` file is ``HEADLINE: <title>``, a blank line, then the article text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from eventcoder.ingest import Skipped, make_article
from eventcoder.schema import Article, Event

SOURCE = "story-plugin"
COLUMNS = ("event_id", "event_date", "sub_event_type", "location", "fatalities", "source")


def read_story(path: Path, default_date: dt.date | None = None) -> Iterator[Article | Skipped]:
    """One article per .story file."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n")
    if not head.startswith("HEADLINE:"):
        yield Skipped(str(path), "a .story file starts with 'HEADLINE:'")
        return
    yield make_article(body, origin=str(path), default_date=default_date,
                       title=head.removeprefix("HEADLINE:").strip(), source=SOURCE)


def write_tsv_lite(events: Iterable[Event], fh: IO[str]) -> int:
    """A few columns, tab-separated, marked so the tests can tell it was this writer."""
    fh.write("#tsv-lite\n" + "\t".join(COLUMNS) + "\n")
    n = 0
    for ev in events:
        fh.write("\t".join([ev.event_id, ev.event_date.isoformat() if ev.event_date else "",
                            ev.sub_event_type, ev.location or "", str(ev.fatalities),
                            SOURCE]) + "\n")
        n += 1
    return n
