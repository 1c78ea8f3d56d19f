"""Every command documents itself with an example, and the README's commands exist."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
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


def _help_texts():
    ctx = click.Context(cli)
    yield "eventcoder --help", CliRunner().invoke(cli, ["--help"], terminal_width=200).output
    for name, _ in _commands(cli, ctx):
        result = CliRunner().invoke(cli, [*name.split(), "--help"], terminal_width=200)
        yield f"eventcoder {name} --help", result.output


def test_every_repository_path_the_docs_and_help_name_exists():
    # a user copies these commands: `examples/articles/diyala.txt` once named a missing file
    import re

    pattern = re.compile(r"(?<![\w/.])((?:examples|scripts|benchmarks|docs)/[\w./-]*\w)")
    sources = [(str(p.relative_to(REPO)), p.read_text(encoding="utf-8"))
               for p in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]]
    sources += list(_help_texts())
    missing = {(where, path) for where, text in sources for path in pattern.findall(text)
               if not (REPO / path).exists()}
    assert not missing, sorted(missing)
    named = {path for _, text in sources for path in pattern.findall(text)}
    assert "examples/articles/diyala-operation.txt" in named  # the pattern does find paths


def test_gazetteer_build_help_says_how_to_use_the_file():
    help_text = CliRunner().invoke(cli, ["gazetteer", "build", "--help"],
                                   terminal_width=200).output
    assert "eventcoder extract reports/ --gazetteer" in help_text
    assert "eventcoder geoparse reports/ --gazetteer" in help_text


def test_readme_use_section_runs_in_the_virtual_environment():
    # the set-up installs into .venv without activating it, so bare `eventcoder` would not
    # be found by the Use section's commands
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    use = readme.split("## Use", 1)[1].split("\n## ", 1)[0]
    assert ". .venv/bin/activate" in use.split("```bash", 1)[0]


def _imports(path: Path) -> set[str]:
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_the_optional_extras_are_used_and_in_all():
    # `server` (eventcoder.api, `eventcoder serve`) and `dask` (eventcoder.cluster) are in use:
    # both are in `all`, so CI tests them, and the README's table says what each gives.
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    imported = set()
    for path in (REPO / "src" / "eventcoder").rglob("*.py"):
        imported |= _imports(path)
    assert {"dask", "distributed", "fastapi", "uvicorn"} <= imported
    assert "server" in extras["all"][0] and "dask" in extras["all"][0]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "reserved" not in readme.split("## Why each dependency is there", 1)[1]
    assert "pip install 'eventcoder[dask]'" in readme
    assert "pip install 'eventcoder[server]'" in (REPO / "docs" / "api.md").read_text("utf-8")


def test_the_server_extra_is_imported_only_by_the_api_and_serve():
    # without `pip install 'eventcoder[server]'` everything but `eventcoder serve` must work,
    # and serve must say what to install (it imports them inside the command)
    src = REPO / "src" / "eventcoder"
    users = {str(p.relative_to(src)) for p in src.rglob("*.py")
             if _imports(p) & {"fastapi", "uvicorn", "httpx", "starlette"}}
    assert users and all(u.startswith("api/") or u == "cli/serve.py" for u in users), users


@pytest.mark.e2e
def test_readme_sample_output_is_what_the_code_gives(examples_dir):
    # the README's pretty-printed row: every field as `extract --format jsonl` writes it, and
    # the evidence spans it shows (cut to four) among the row's own
    import json

    import eventcoder

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sample = readme.split("## Sample output", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    shown = json.loads(sample)
    text = (examples_dir / "diyala-operation.txt").read_text(encoding="utf-8")
    events = eventcoder.code_text(text, date="2025-03-10", min_confidence=0)
    (event,) = [e for e in events if e.event_id == shown["event_id"]]
    row = event.model_dump(mode="json")
    spans = shown.pop("evidence")
    assert shown.pop("article_id") == event.article_ids[0]
    assert {k: row[k] for k in shown} == shown
    assert all(span in row["evidence"] for span in spans)
    # what the README says of the default threshold is true of this row
    if event.confidence < 0.4:
        assert f"confidence, {event.confidence}, is under the default 0.4" in readme
    else:
        assert f"Its confidence, {event.confidence}, is just over the default 0.4" in readme


def _readme_section(title: str) -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def test_readme_figures_agree_with_the_docs_and_state_their_assumptions():
    import re

    accuracy = _readme_section("How accurate is it?")
    docs = "".join((REPO / "docs" / name).read_text(encoding="utf-8")
                   for name in ("extraction.md", "geoparser.md", "storage.md"))
    # every three-decimal figure the README gives is one the detailed docs give too
    figures = set(re.findall(r"(?<![\d.])0\.\d{3}(?!\d)", accuracy))
    assert len(figures) > 30
    assert not {f for f in figures if f not in docs}, "a README figure docs/ do not give"
    # the assumptions a reader needs next to the figures
    ucdp = next(line for line in accuracy.splitlines() if line.startswith("| fatalities"))
    assert "0.228 as the product outputs them" in ucdp
    assert "0.492 only **if one assumes UCDP's floor of one death**" in ucdp
    assert "one to one" in accuracy and "same ACLED event type" in accuracy
    assert "place within 100 km" in accuracy and "min-confidence 0.4" in accuracy
    # a table cell's "|" splits the row in Markdown unless escaped
    for line in accuracy.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            assert len(re.split(r"(?<!\\)\|", line)) == 5, line
