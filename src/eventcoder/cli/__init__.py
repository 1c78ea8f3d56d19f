"""The ``eventcoder`` command line. Thin: each command parses options, calls the library and
turns library errors into one-line messages. Commands load lazily so ``--help`` is instant."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__

#: command name -> "module:attribute" of its click command
COMMANDS: dict[str, str] = {
    "extract": "eventcoder.cli.extract:extract",
    "events": "eventcoder.cli.events:events",
    "candidates": "eventcoder.cli.candidates:candidates",
    "review": "eventcoder.cli.review:review",
    "dedup": "eventcoder.cli.dedup:dedup",
    "geoparse": "eventcoder.cli.geoparse:geoparse",
    "gazetteer": "eventcoder.cli.gazetteer:gazetteer",
    "eval": "eventcoder.cli.eval:eval_group",
    "config": "eventcoder.cli.config:config",
    "serve": "eventcoder.cli.serve:serve",
}

#: where the top-level ``--config FILE`` is kept for the commands (in ``click.Context.meta``)
CONFIG_FILE_KEY = "eventcoder.config_file"


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is used."""

    def __init__(self, *args: object, lazy: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module_name, attr = self.lazy[cmd_name].split(":")
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as err:
                if err.name and err.name.startswith("eventcoder"):
                    return None  # a command whose module is not part of this build
                raise
            return getattr(module, attr)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, lazy=COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventcoder")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, metavar="FILE",
              help="TOML config file [default: $EVENTCODER_CONFIG, else ./eventcoder.toml if "
                   "present]. Settings: defaults < this file < EVENTCODER_* variables < "
                   "options; see 'eventcoder config'.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, config_file: Path | None) -> None:
    """eventcoder: conflict news in, a geocoded, evidence-linked event table out.

    Example:

        eventcoder extract examples/articles --db sqlite:///events.db

        eventcoder events --db sqlite:///events.db --format csv --output events.csv

    Exit status: 0 done; 1 an error in what exists or happens (no database at the --db path,
    an unknown event id, an unreadable input); 2 a usage error (an unknown option, or an option
    value that cannot be right, such as an unknown --type or --country; the message names the
    closest valid values).
    """
    ctx.meta[CONFIG_FILE_KEY] = config_file
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(message)s",
                        handlers=[_StderrHandler()])


class _StderrHandler(logging.StreamHandler):
    """Log records to standard error as it is when each is written, not when the command
    started: while a progress bar redirects ``sys.stderr`` (rich), a warning such as "date
    'xx' not understood" is then printed above the bar instead of being drawn over by it."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:  # StreamHandler.__init__ sets it; sys decides
        pass


def main() -> None:
    """Console-script entry point."""
    try:
        cli(prog_name="eventcoder")
    except BrokenPipeError:
        # the reader went away (e.g. `eventcoder events | head`): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
