"""Options and error handling shared by the commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click
from sqlalchemy.exc import OperationalError

from ..config import Config
from ..errors import EventcoderError
from . import CONFIG_FILE_KEY

F = TypeVar("F", bound=Callable[..., object])


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """click callback: YYYY-MM-DD -> date, with a one-line error otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def load_config(**flags: Any) -> Config:
    """The effective configuration of this command: :meth:`Config.load` with the top-level
    ``--config FILE`` and the command's own options (``None``: not given). Called once per
    command; a bad setting is a one-line error."""
    ctx = click.get_current_context(silent=True)
    path = ctx.meta.get(CONFIG_FILE_KEY) if ctx is not None else None
    with user_errors():
        return Config.load(path, **flags)


def db_option(f: F) -> F:
    return click.option(
        "--db", default=None,
        help="Database URL: sqlite:///path.db or postgresql://user:pass@host/db "
             "[default: the configured one, sqlite:///eventcoder.db unless EVENTCODER_DB or "
             "the config file sets it].")(f)


def output_option(f: F) -> F:
    return click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
                        default=None, help="Write here instead of standard output.")(f)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can act on into one-line click errors (no traceback)."""
    try:
        yield
    except (click.ClickException, BrokenPipeError):
        raise
    except (EventcoderError, OSError, OperationalError) as err:
        # what the user gave or set up (see eventcoder.errors), the file system, a database
        # that cannot be reached or is locked; anything else is a bug and keeps its traceback
        message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise click.ClickException(message) from err


def prepare_gazetteer(config: Config) -> None:
    """Build the default gazetteer now, with a note, if this run needs it and it is not built.

    Done once in the main process so that worker processes never build it concurrently and the
    user knows why the first run takes longer.
    """
    if config.gazetteer is not None:
        return
    from ..geo.defaults import default_gazetteer_path, ensure_default_gazetteer

    path = default_gazetteer_path(config.home)
    if not path.is_file():
        click.echo(f"building the default gazetteer from the installed GeoNames data (once, "
                   f"about 20 s) -> {path}", err=True)
        ensure_default_gazetteer(config.home)
