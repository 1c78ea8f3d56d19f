"""Options and error handling shared by the commands."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar, cast, get_args

import click
from sqlalchemy.exc import OperationalError

from ..config import Config
from ..errors import EventcoderError
from ..schema import Status
from . import CONFIG_FILE_KEY

if TYPE_CHECKING:
    from rich.console import Console

    from ..store import Store

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


class RegistryChoice(click.Choice):
    """A ``click.Choice`` whose choices are a registry's names when they are needed (help,
    validation, completion), so installed plugins show up and nothing is imported before.

    names: returns the names, e.g. :func:`eventcoder.export.export_formats`.
    """

    def __init__(self, names: Callable[[], Sequence[str]], case_sensitive: bool = True) -> None:
        self._names = names
        super().__init__((), case_sensitive)

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self._names())

    @choices.setter
    def choices(self, value: object) -> None:  # click.Choice sets it; the registry decides
        pass

    @property
    def name(self) -> str:
        """The choices, as shown inside a tuple option's metavar (``<geonames FILE>...``)."""
        return "|".join(self.choices) or "NAME"

    @name.setter
    def name(self, value: object) -> None:
        pass


def _export_formats() -> list[str]:
    from ..export import export_formats

    return export_formats()


def format_option(help: str | None = None) -> Callable[[F], F]:
    """``--format``: any registered export format (default ``table``). A binary format such as
    parquet needs ``--output``: the command stops with a usage error before doing any work."""

    def decorator(f: F) -> F:
        @functools.wraps(f)
        def checked(*args: Any, **kwargs: Any) -> Any:
            fmt, output = kwargs.get("fmt"), kwargs.get("output")
            if fmt and not output:
                from ..export import export_format

                if export_format(fmt).binary:
                    what = " (a folder: the partitioned dataset)" if fmt == "parquet" else ""
                    raise click.UsageError(f"--format {fmt} needs --output PATH{what}")
            return f(*args, **kwargs)

        option = click.option("--format", "fmt", type=RegistryChoice(_export_formats),
                              default="table", show_default=True, help=help)
        return cast(F, option(checked))

    return decorator


def check_type_option(ctx: click.Context, param: click.Parameter,
                     value: str | None) -> str | None:
    """click callback: an ACLED event or sub-event type, else a usage error (exit 2) naming
    the closest ones."""
    if value is None:
        return None
    from ..errors import InputError
    from ..filters import check_event_type as check

    try:
        return check(value)
    except InputError as err:
        raise click.BadParameter(str(err)) from None


def check_country_option(value: str, store: Store) -> str:
    """A country name or ISO3 code that events can carry (known, or in ``store``), else a usage
    error (exit 2) naming the closest ones, as for the other option values."""
    from ..errors import InputError
    from ..filters import check_country as check

    try:
        return check(value, store.countries())
    except InputError as err:
        raise click.BadParameter(str(err), param_hint="'--country'") from None


#: ``--status`` choices: the review statuses of an event, and "all"
STATUS_CHOICES: tuple[str, ...] = (*get_args(Status), "all")


def status_option(f: F) -> F:
    """``--status`` (repeatable): the review statuses to read; default auto and reviewed."""
    return click.option(
        "--status", multiple=True, type=click.Choice(STATUS_CHOICES),
        help="Only events of this review status (repeatable; 'all' for every event) "
             "[default: auto and reviewed: rejected events, and tentative ones (coded under "
             "min_confidence, no other report confirming them yet), are left out].")(f)


def db_option(f: F) -> F:
    return click.option(
        "--db", default=None,
        help="Database URL: sqlite:///path.db or postgresql://user:pass@host/db "
             "[default: the configured one, sqlite:///eventcoder.db unless EVENTCODER_DB or "
             "the config file sets it].")(f)


def decision_options(f: F) -> F:
    """--user and --comment, recorded with a human change in the event's history."""
    f = click.option("--comment", help="Why: recorded in the event's history.")(f)
    from ..config import default_user

    return click.option("--user", default=default_user, show_default="$EVENTCODER_USER or "
                        "the login name", help="Who made the change, for the history.")(f)


def output_option(f: F) -> F:
    return click.option("--output", "-o", type=click.Path(writable=True), default=None,
                        help="Write here instead of standard output (for --format parquet a "
                             "folder, written as a partitioned dataset).")(f)


def err_console() -> Console:
    """The console for messages on standard error: one line per message whatever the terminal
    (``soft_wrap``: rich inserts no line breaks, also when standard error is a file or a pipe,
    where it would otherwise wrap at 80 columns), no syntax highlighting of paths and numbers."""
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True, highlight=False)


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
