"""One base class for the errors a user can act on; the CLI turns only those into one line."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

import eventcoder
from eventcoder.cli import cli
from eventcoder.cli.common import user_errors
from eventcoder.errors import (
    ConfigError,
    EventcoderError,
    InputError,
    MissingFileError,
    ResourceError,
)
from eventcoder.eval.gold import GoldError
from eventcoder.extract.actors import ActorDictionary
from eventcoder.geo.gazetteer import GazetteerError
from eventcoder.ingest.decode import DecodeError
from eventcoder.nlp import ModelNotFoundError
from eventcoder.store.store import StoreError


@pytest.mark.parametrize(("cls", "builtin"), [
    (InputError, ValueError), (ConfigError, ValueError), (MissingFileError, FileNotFoundError),
    (ResourceError, RuntimeError), (DecodeError, ValueError), (GoldError, ValueError),
    (StoreError, ValueError), (GazetteerError, RuntimeError), (ModelNotFoundError, RuntimeError),
])
def test_every_user_error_is_an_eventcoder_error_and_still_its_old_builtin(cls, builtin):
    assert issubclass(cls, EventcoderError)
    assert issubclass(cls, builtin)  # code that caught the built-in keeps working


def test_the_package_exports_the_base_class():
    assert eventcoder.EventcoderError is EventcoderError


def test_a_user_error_becomes_one_line():
    with pytest.raises(click.ClickException) as info, user_errors():
        raise InputError("line 6 has no 'text' field\nsecond line")
    assert info.value.message == "line 6 has no 'text' field"


def test_a_bug_keeps_its_traceback():
    # a plain ValueError (or KeyError, TypeError) is a programming error, not bad input
    with pytest.raises(ValueError, match="a bug"), user_errors():
        raise ValueError("a bug")


def test_a_missing_file_is_a_user_error():
    with pytest.raises(click.ClickException), user_errors():
        open("/nonexistent/eventcoder/file.txt")  # noqa: SIM115


@pytest.mark.parametrize(("suffix", "content", "message"), [
    (".tsv", "ISWAP\tIslamic State West Africa Province\tnot-a-number\n", "E103"),
    (".tsv", "ISWAP\tonly two columns\n", "E103"),
    (".json", "{not json", "E104"),
    (".json", '{"actors": [{"name": "X"}]}', "E104"),
])
def test_a_malformed_actor_file_is_an_input_error(tmp_path, suffix, content, message):
    path = tmp_path / f"actors{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        ActorDictionary(extra=path)


def test_the_cli_prints_a_malformed_actor_file_on_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Gunmen killed two farmers near Kirkuk on Monday.", encoding="utf-8")
    actors = tmp_path / "actors.tsv"
    actors.write_text("ISWAP\tIslamic State West Africa Province\tx\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "--db",
                                      f"sqlite:///{tmp_path / 'e.db'}", "--actors", str(actors),
                                      "--date", "2025-03-10"])
    assert result.exit_code == 1
    assert "E103" in result.output and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
