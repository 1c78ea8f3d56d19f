"""Every command documents itself with an example, and the README's commands exist."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from eventcoder.cli import cli

REPO = Path(__file__).resolve().parents[1]


def _commands(group: click.Group, ctx: click.Context, prefix: str = ""):
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if cmd is None:
            continue
        yield prefix + name, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, ctx, prefix + name + " ")


def test_every_command_has_help_with_an_example():
    ctx = click.Context(cli)
    names = []
    for name, cmd in _commands(cli, ctx):
        names.append(name)
        assert cmd.help and "Example" in cmd.help, f"'eventcoder {name}' lacks an Example"
        result = CliRunner().invoke(cli, [*name.split(), "--help"])
        assert result.exit_code == 0, result.output
    assert {"extract", "events", "geoparse"} <= set(names)


def test_readme_setup_matches_ci():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    block = readme.split("## Set up", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    for command in commands:
        assert command in ci, f"README command not run by .ci/run: {command}"


def test_cli_reference_is_current():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_cli_docs.py"),
                             "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
