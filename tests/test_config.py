"""Configuration: read once, defaults < config file < environment < flags, each part handed on."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.config import DEFAULT_DB, DEFAULT_MODEL, SETTINGS, Config
from eventcoder.errors import ConfigError, MissingFileError
from eventcoder.geo.defaults import cache_dir, default_gazetteer_path

ALL_ENV = ("EVENTCODER_DB", "EVENTCODER_MODEL", "EVENTCODER_GAZETTEER", "EVENTCODER_ACTORS",
           "EVENTCODER_HOME", "EVENTCODER_MIN_CONFIDENCE", "EVENTCODER_BATCH_SIZE",
           "EVENTCODER_WORKERS", "EVENTCODER_CONFIG", "XDG_CACHE_HOME")


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No EVENTCODER_* variable and a working directory without eventcoder.toml."""
    for name in ALL_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _toml(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_config_ignores_the_environment(monkeypatch, tmp_path):
    for name in ("EVENTCODER_DB", "EVENTCODER_MODEL", "EVENTCODER_GAZETTEER",
                 "EVENTCODER_ACTORS", "EVENTCODER_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "from-env"))
    monkeypatch.setenv("EVENTCODER_BATCH_SIZE", "7")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _toml(tmp_path / "eventcoder.toml", 'db = "sqlite:///file.db"\n')
    monkeypatch.chdir(tmp_path)
    cfg = Config()
    assert (cfg.db, cfg.model, cfg.gazetteer, cfg.actors_file, cfg.home, cfg.batch_size) == (
        DEFAULT_DB, DEFAULT_MODEL, None, None, None, 50)
    loaded = Config.load()  # while load reads them all
    assert loaded.db == str(tmp_path / "from-env") and loaded.batch_size == 7
    assert loaded.home == tmp_path / "from-env"


def test_load_with_nothing_set_is_the_defaults(clean_env):
    loaded = Config.load_explained()
    assert loaded.config == Config() and loaded.file is None
    assert set(loaded.sources.values()) == {"default"}


def test_precedence_default_file_env_flag(clean_env, monkeypatch):
    _toml(clean_env / "eventcoder.toml",
          'db = "sqlite:///file.db"\nmodel = "file_model"\nbatch_size = 10\nworkers = 2\n')
    monkeypatch.setenv("EVENTCODER_MODEL", "env_model")
    monkeypatch.setenv("EVENTCODER_BATCH_SIZE", "20")
    cfg, sources, file = Config.load_explained(batch_size=30, workers=None)
    assert file == Path("eventcoder.toml")
    assert cfg.min_confidence == 0.4 and sources["min_confidence"] == "default"
    assert cfg.db == "sqlite:///file.db" and sources["db"] == "file eventcoder.toml"
    assert cfg.workers == 2 and sources["workers"].startswith("file")  # None: flag not given
    assert cfg.model == "env_model" and sources["model"] == "env EVENTCODER_MODEL"
    assert cfg.batch_size == 30 and sources["batch_size"] == "flag"


def test_config_file_from_option_then_env_then_working_directory(clean_env, monkeypatch):
    _toml(clean_env / "eventcoder.toml", 'db = "sqlite:///cwd.db"\n')
    by_env = _toml(clean_env / "env.toml", 'db = "sqlite:///env.db"\n')
    by_option = _toml(clean_env / "option.toml", 'db = "sqlite:///option.db"\n')
    assert Config.load().db == "sqlite:///cwd.db"
    monkeypatch.setenv("EVENTCODER_CONFIG", str(by_env))
    assert Config.load().db == "sqlite:///env.db"
    assert Config.load(by_option).db == "sqlite:///option.db"


def test_paths_in_the_file_are_relative_to_the_file(clean_env):
    folder = clean_env / "team"
    folder.mkdir()
    file = _toml(folder / "settings.toml",
                 'gazetteer = "geo/full.sqlite"\nhome = "/srv/eventcoder"\n'
                 'actors_file = "~/actors.json"\nlanguages = ["en", "fr"]\n')
    cfg = Config.load(file)
    assert cfg.gazetteer == folder / "geo" / "full.sqlite"
    assert cfg.home == Path("/srv/eventcoder")
    assert cfg.actors_file == Path("~/actors.json").expanduser()
    assert cfg.languages == ("en", "fr")


def test_unknown_key_is_a_config_error_naming_key_and_file(clean_env):
    file = _toml(clean_env / "eventcoder.toml", 'db = "sqlite:///x.db"\nbatchsize = 10\n')
    with pytest.raises(ConfigError, match=r"unknown key 'batchsize' in config file "
                                          r"eventcoder\.toml") as err:
        Config.load()
    assert "\n" not in str(err.value)
    _toml(file, '[eventcoder]\ndb = "sqlite:///x.db"\n')
    with pytest.raises(ConfigError, match="unknown key 'eventcoder'.*top-level keys"):
        Config.load()
    file.unlink()
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        Config.load(colour="red")


@pytest.mark.parametrize(("env", "file", "flags", "message"), [
    ({"EVENTCODER_BATCH_SIZE": "many"}, None, {},
     r"batch_size \(environment variable EVENTCODER_BATCH_SIZE\).*'many'"),
    ({"EVENTCODER_WORKERS": "0"}, None, {}, r"workers \(environment variable EVENTCODER_WORKERS"),
    ({"EVENTCODER_MIN_CONFIDENCE": "high"}, None, {},
     r"min_confidence \(environment variable EVENTCODER_MIN_CONFIDENCE\)"),
    ({}, "min_confidence = 1.5\n", {}, r"min_confidence in config file .*1\.5"),
    ({}, "batch_size = true\n", {}, r"batch_size in config file"),
    ({}, "db = 5\n", {}, r"db in config file .*non-empty string"),
    ({}, "db = [unclosed\n", {}, r"config file .* is not valid TOML"),
    ({}, None, {"batch_size": 0}, r"batch_size \(given explicitly\)"),
])
def test_bad_values_are_config_errors_naming_key_and_source(clean_env, monkeypatch, env, file,
                                                            flags, message):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if file is not None:
        _toml(clean_env / "eventcoder.toml", file)
    with pytest.raises(ConfigError, match=message) as err:
        Config.load(**flags)
    assert "\n" not in str(err.value)


def test_a_named_config_file_that_is_missing_is_an_error(clean_env, monkeypatch):
    with pytest.raises(MissingFileError, match="nope.toml .from --config"):
        Config.load(clean_env / "nope.toml")
    monkeypatch.setenv("EVENTCODER_CONFIG", "gone.toml")
    with pytest.raises(MissingFileError, match="gone.toml .from EVENTCODER_CONFIG"):
        Config.load()


def test_every_config_field_is_a_setting():
    assert set(SETTINGS) == {f.name for f in dataclasses.fields(Config)}


def test_eventcoder_home_moves_the_default_gazetteer_cache(clean_env, monkeypatch):
    assert Config.load().home is None
    assert cache_dir(None) == Path.home() / ".cache" / "eventcoder"  # as before: nothing set
    monkeypatch.setenv("XDG_CACHE_HOME", str(clean_env / "xdg"))
    assert cache_dir(Config.load().home) == clean_env / "xdg" / "eventcoder"
    monkeypatch.setenv("EVENTCODER_HOME", str(clean_env / "home"))
    home = Config.load().home
    assert home == clean_env / "home"
    assert default_gazetteer_path(home).parent == clean_env / "home"
    assert default_gazetteer_path(home).name.startswith("gazetteer-default-")


def test_pipeline_and_geoparser_take_their_part_of_the_config(clean_env, monkeypatch, tmp_path):
    from eventcoder.geo.gazetteer import GazetteerError
    from eventcoder.geo.geoparser import Geoparser
    from eventcoder.pipeline import Pipeline

    monkeypatch.setenv("EVENTCODER_DB", "sqlite:///env.db")
    assert Pipeline().config.db == "sqlite:///env.db"  # no config given: the effective one
    assert Pipeline(Config()).config.db == DEFAULT_DB  # a config given: only it
    missing = tmp_path / "no-such-gazetteer.sqlite"
    with pytest.raises(GazetteerError, match="no-such-gazetteer"):
        Geoparser.from_config(Config(gazetteer=missing))


def test_cli_config_shows_each_setting_and_its_source(clean_env):
    file = _toml(clean_env / "team.toml", 'db = "sqlite:///team.db"\nworkers = 2\n')
    result = CliRunner().invoke(
        cli, ["--config", str(file), "config", "--batch-size", "9"],
        env={"EVENTCODER_MODEL": "env_model", "EVENTCODER_HOME": str(clean_env / "h")})
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert f"config file: {file}" in result.output
    assert "sqlite:///team.db" in lines["db"] and f"[file {file}]" in lines["db"]
    assert "env_model" in lines["model"] and "[env EVENTCODER_MODEL]" in lines["model"]
    assert "9" in lines["batch_size"] and "[flag]" in lines["batch_size"]
    assert "0.4" in lines["min_confidence"] and "[default]" in lines["min_confidence"]
    assert str(clean_env / "h") in lines["gazetteer"]  # where the default gazetteer will be
    as_json = CliRunner().invoke(cli, ["--config", str(file), "config", "--json"])
    settings = json.loads(as_json.output)["settings"]
    assert settings["workers"] == {"value": 2, "source": f"file {file}",
                                   "env": "EVENTCODER_WORKERS"}


def test_cli_bad_setting_is_a_one_line_error(clean_env):
    result = CliRunner().invoke(cli, ["config"], env={"EVENTCODER_WORKERS": "lots"})
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: bad value for workers (environment variable EVENTCODER_WORKERS): expected a "
        "whole number of at least 1, got 'lots'"]
    missing = CliRunner().invoke(cli, ["--config", "absent.toml", "events"])
    assert missing.exit_code == 1 and "absent.toml (from --config) does not exist" in \
        missing.output


def test_extract_honours_env_batch_size_and_the_file_db(clean_env, monkeypatch):
    import eventcoder.run

    seen = {}
    real = eventcoder.run.code_articles

    def spy(articles, store, pipeline=None, **kwargs):
        seen["config"], seen["kwargs"] = pipeline, kwargs
        return real(articles, store, pipeline, **kwargs)

    monkeypatch.setattr(eventcoder.run, "code_articles", spy)
    (clean_env / "empty.txt").write_text("", encoding="utf-8")  # skipped: nothing to parse
    (clean_env / "gaz.sqlite").write_text("", encoding="utf-8")  # named, so never built
    _toml(clean_env / "eventcoder.toml", 'db = "sqlite:///team.db"\ngazetteer = "gaz.sqlite"\n')
    result = CliRunner().invoke(cli, ["extract", "empty.txt", "--no-progress"],
                                env={"EVENTCODER_BATCH_SIZE": "3"})
    assert result.exit_code == 1, result.output  # the one input is empty: nothing coded
    assert seen["config"].batch_size == 3 and seen["config"].db == "sqlite:///team.db"
    assert "batch_size" not in seen["kwargs"]  # the config's size is the one used
    assert (clean_env / "team.db").is_file() and "-> sqlite:///team.db" in result.output
    # an option still wins over both
    result = CliRunner().invoke(cli, ["extract", "empty.txt", "--no-progress", "--db",
                                      "sqlite:///option.db", "--batch-size", "5"],
                                env={"EVENTCODER_BATCH_SIZE": "3"})
    assert result.exit_code == 1, result.output  # the one input is empty: nothing coded
    assert seen["config"].batch_size == 5 and (clean_env / "option.db").is_file()


def test_events_reads_the_db_from_the_environment(clean_env, monkeypatch):
    monkeypatch.setenv("EVENTCODER_DB", f"sqlite:///{clean_env / 'env.db'}")
    missing = CliRunner().invoke(cli, ["events", "--format", "jsonl"])
    # a read-only command names the database it looked for and creates none (issue 11)
    assert missing.exit_code == 1 and f"no database at {clean_env / 'env.db'}" in missing.output
    assert not (clean_env / "env.db").exists()
    from eventcoder.store import Store

    Store(f"sqlite:///{clean_env / 'env.db'}").close()
    result = CliRunner().invoke(cli, ["events", "--format", "jsonl"])
    assert result.exit_code == 0, result.output


def test_only_the_config_module_reads_the_environment():
    src = Path(__file__).resolve().parents[1] / "src" / "eventcoder"
    readers = sorted(str(p.relative_to(src)) for p in src.rglob("*.py")
                     if any(word in p.read_text(encoding="utf-8")
                            for word in ("os.environ", "getenv")))
    assert readers == ["config.py"]


def test_shared_data_folder_is_a_parameter(tmp_path, monkeypatch):
    from eventcoder.eval.sources import shared_data_dir

    monkeypatch.setenv("EVENTCODER_SHARED_DATA", str(tmp_path / "ignored"))
    assert shared_data_dir(tmp_path) == tmp_path
    assert shared_data_dir(tmp_path / "absent") != tmp_path / "absent"  # falls back
