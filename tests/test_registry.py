"""Registries by name (eventcoder.registry): built-ins, in-process registration, and a
third-party package adding a reader and an export format through entry points alone.

The plugin is tests/plugins/eventcoder_test_plugin, declared by its pyproject.toml. It is
installed the way importlib.metadata finds installed packages: its package and a
``.dist-info`` (METADATA and the entry_points.txt generated from that pyproject.toml) in a
folder on ``sys.path``. ``pip install`` cannot build it offline here (the venv has no
``wheel`` for setuptools' bdist_wheel), and installing into the shared venv would show the
plugin to every other process using it, so the folder is private to this test session and
is on ``sys.path`` only while a test that asks for ``plugin`` runs.
"""

from __future__ import annotations

import json
import logging
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import catalogue
import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.export import FORMATS, ExportFormat, export_format, export_formats, write_events
from eventcoder.ingest import SUPPORTED_EXTS, iter_articles, supported_exts
from eventcoder.registry import (
    UnknownNameError,
    backends,
    exports,
    extractors,
    gazetteer_sources,
    readers,
    refresh_entry_points,
)
from eventcoder.schema import Event
from eventcoder.store import Store, StoreError
from eventcoder.store.backends import Backend

PLUGIN = Path(__file__).resolve().parent / "plugins" / "eventcoder_test_plugin"
PLUGIN_MODULE = "eventcoder_test_plugin"

STORY = """HEADLINE: Gunmen kill three civilians near Baquba

Gunmen killed three civilians in an attack on a village near Baquba in Diyala province on
Sunday, police said.
"""


def write_dist_info(site: Path, name: str, version: str,
                    entry_points: dict[str, dict[str, str]]) -> Path:
    """What pip leaves in site-packages for a package: ``<name>-<version>.dist-info`` with
    METADATA and entry_points.txt (the file importlib.metadata reads entry points from)."""
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
                                   encoding="utf-8")
    lines: list[str] = []
    for group, entries in entry_points.items():
        lines += [f"[{group}]", *(f"{k} = {v}" for k, v in entries.items()), ""]
    (info / "entry_points.txt").write_text("\n".join(lines), encoding="utf-8")
    return info


@pytest.fixture(scope="session")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The test plugin installed into a private site folder (removed at the end)."""
    import shutil

    site = tmp_path_factory.mktemp("plugin-site")
    project = tomllib.loads((PLUGIN / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    shutil.copytree(PLUGIN / PLUGIN_MODULE, site / PLUGIN_MODULE)
    write_dist_info(site, project["name"], project["version"], project["entry-points"])
    yield site
    shutil.rmtree(site, ignore_errors=True)


def _activate(site: Path) -> Iterator[None]:
    sys.path.insert(0, str(site))
    refresh_entry_points()  # as a new process would see them
    try:
        yield
    finally:
        sys.path.remove(str(site))
        for mod in [m for m in sys.modules if m.split(".")[0] == PLUGIN_MODULE]:
            del sys.modules[mod]
        refresh_entry_points()


@pytest.fixture
def plugin(plugin_site: Path) -> Iterator[None]:
    """The plugin is installed for this test only."""
    yield from _activate(plugin_site)


# --------------------------------------------------------------------------------------------
# the built-ins


def test_builtins_are_registered() -> None:
    assert set(readers.names()) == SUPPORTED_EXTS
    assert exports.names() == list(FORMATS) == export_formats()
    assert gazetteer_sources.names() == ["geonames"]
    assert backends.names() == ["sqlite", "postgresql", "postgres"]
    assert readers.group == "eventcoder_readers"
    assert exports.group == "eventcoder_exports"
    assert gazetteer_sources.group == "eventcoder_gazetteer_sources"
    assert backends.group == "eventcoder_backends"
    assert extractors.names() == ["rules"] and extractors.group == "eventcoder_extractors"


def test_unknown_name_is_a_config_error() -> None:
    with pytest.raises(UnknownNameError, match="choose one of table, jsonl"):
        exports.get("xml")
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        export_format("xml")


def test_without_the_plugin_its_names_are_unknown() -> None:
    """The test plugin is registered by its entry points and nothing else."""
    assert PLUGIN_MODULE not in sys.modules
    assert ".story" not in supported_exts()
    assert "tsv-lite" not in export_formats()
    result = CliRunner().invoke(cli, ["events", "--db", "sqlite://", "--format", "tsv-lite"])
    assert result.exit_code == 2 and "tsv-lite" in result.output


def _events() -> list[Event]:
    return [Event(event_id="IRQ1", event_date="2025-03-09", disorder_type="Political violence",
                  event_type="Violence against civilians", sub_event_type="Attack",
                  country="Iraq", iso3="IRQ", location="Baquba", fatalities=3,
                  notes="Gunmen killed three civilians.", confidence=0.9, status="auto")]


@pytest.fixture
def registered() -> Iterator[list[tuple[str, ...]]]:
    """Names registered in-process by a test, removed afterwards."""
    keys: list[tuple[str, ...]] = []
    yield keys
    for key in keys:
        catalogue.REGISTRY.pop(key, None)


def test_an_export_registered_in_process_is_a_cli_choice(tmp_path, registered) -> None:
    def write_ids(events, fh):
        n = 0
        for ev in events:
            fh.write(ev.event_id + "\n")
            n += 1
        return n

    exports.register("ids", func=write_ids)  # a plain function: a text format
    registered.append(("eventcoder", "exports", "ids"))
    assert export_formats() == [*FORMATS, "ids"]
    assert write_events(_events(), "ids", tmp_path / "ids.txt") == 1
    assert (tmp_path / "ids.txt").read_text() == "IRQ1\n"
    help_text = CliRunner().invoke(cli, ["extract", "--help"], terminal_width=200).output
    assert "[table|jsonl|csv|geojson|parquet|ids]" in help_text


def test_a_binary_export_needs_output(tmp_path, registered) -> None:
    exports.register("blob", func=ExportFormat(lambda events, out: 0, binary=True))
    registered.append(("eventcoder", "exports", "blob"))
    for command in (["events"], ["extract", str(tmp_path)]):
        result = CliRunner().invoke(cli, [*command, "--db", "sqlite://", "--format", "blob"])
        assert result.exit_code == 2 and "--format blob needs --output PATH" in result.output


def test_extract_offers_every_format() -> None:
    help_text = CliRunner().invoke(cli, ["extract", "--help"], terminal_width=200).output
    assert "[table|jsonl|csv|geojson|parquet]" in help_text


def test_a_backend_registered_in_process_opens_a_store(tmp_path, registered) -> None:
    """The Store gets dialect, driver, engine options and setup from the registered Backend."""
    calls: list[str] = []
    sqlite = backends.get("sqlite")

    def setup(engine, url):
        calls.append(url.get_backend_name())
        sqlite.setup(engine, url)

    backends.register("lite", func=Backend("sqlite", engine_options=sqlite.engine_options,
                                           setup=setup))
    registered.append(("eventcoder", "backends", "lite"))
    with Store(f"lite:///{tmp_path / 'lite.db'}") as store:
        assert store.url.drivername == "sqlite"
        assert store.count_events() == 0
    assert calls == ["sqlite"]
    with pytest.raises(StoreError, match="registered: sqlite, postgresql, postgres, lite"):
        Store("mysql://u@h/db")


def test_a_broken_plugin_is_logged_and_left_out(tmp_path, caplog) -> None:
    site = tmp_path / "site"
    write_dist_info(site, "eventcoder-broken-plugin", "1.0",
                    {"eventcoder_exports": {"broken": "no_such_module_for_eventcoder:write"}})
    with caplog.at_level(logging.WARNING, logger="eventcoder.registry"):
        for _ in _activate(site):
            assert "broken" in exports.names()  # listed without importing plugins
            assert "broken" not in exports.get_all()
            with pytest.raises(ValueError, match="unknown export format 'broken'"):
                export_format("broken")
    assert "ignoring eventcoder_exports entry point 'broken'" in caplog.text
    assert "broken" not in exports.names()


# --------------------------------------------------------------------------------------------
# a third-party package


def test_plugin_entry_points_are_registered(plugin) -> None:
    assert ".story" in readers.names() and ".story" in supported_exts()
    assert "tsv-lite" in export_formats()
    assert readers.get(".story").__module__ == PLUGIN_MODULE
    assert export_format("tsv-lite").write.__module__ == PLUGIN_MODULE
    for command in ("extract", "events"):
        result = CliRunner().invoke(cli, [command, "--help"], terminal_width=200)
        assert "[table|jsonl|csv|geojson|parquet|tsv-lite]" in result.output


def test_plugin_reader_and_export_through_the_cli(plugin, tmp_path) -> None:
    """`eventcoder extract` reads a .story file (found in a folder) with the plugin's reader,
    and `eventcoder events --format tsv-lite` writes through the plugin's writer."""
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "baquba.story").write_text(STORY, encoding="utf-8")
    (folder / "notes.unknown").write_text("not an article", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'events.db'}"
    runner = CliRunner()

    result = runner.invoke(cli, ["extract", str(folder), "--db", db, "--date", "2025-03-10",
                                 "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    # the plugin's extension is read; a file no reader takes is reported, not ignored
    err = "".join(result.stderr.split())
    assert "2read:1coded,0copieslinked,0alreadystored,1skipped" in err
    assert f"skipped{folder / 'notes.unknown'}:unsupportedfiletype'.unknown'" in err
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert rows and all(r["country"] == "Iraq" for r in rows), rows
    with Store(db) as store:
        article = store.get_article(rows[0]["article_id"])
    assert article is not None
    assert article.title == "Gunmen kill three civilians near Baquba"
    assert article.source == "story-plugin"
    assert article.origin == str(folder / "baquba.story")

    out = runner.invoke(cli, ["events", "--db", db, "--format", "tsv-lite"])
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[:2] == ["#tsv-lite", "event_id\tevent_date\tsub_event_type\tlocation\t"
                                      "fatalities\tsource"]
    assert sorted(line.split("\t")[0] for line in lines[2:]) == sorted(r["event_id"] for r in rows)
    assert all(line.endswith("\tstory-plugin") for line in lines[2:])

    target = tmp_path / "out.tsv"
    out = runner.invoke(cli, ["extract", str(folder), "--db", db, "--format", "tsv-lite",
                              "-o", str(target)])
    assert out.exit_code == 0, out.output
    assert target.read_text(encoding="utf-8").splitlines() == lines


def test_a_new_process_sees_the_plugin(plugin_site) -> None:
    """Without refresh_entry_points: catalogue reads the entry points when a process starts."""
    import os
    import subprocess

    import eventcoder

    src = Path(eventcoder.__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin_site), str(src)])}
    result = subprocess.run([sys.executable, "-c", "from eventcoder.cli import main; main()",
                             "events", "--help"], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "tsv-lite" in result.stdout


def test_plugin_reader_in_the_python_api(plugin, tmp_path) -> None:
    (tmp_path / "a.story").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.story").write_text("no headline\n\ntext", encoding="utf-8")
    items = list(iter_articles([tmp_path], default_date=None))
    assert [type(i).__name__ for i in items] == ["Article", "Skipped"]
    assert "HEADLINE" in str(items[1])


# --------------------------------------------------------------------------------------------
# gazetteer sources and extract's formats

GEO_DATA = Path(__file__).resolve().parent / "geo" / "data"


def test_gazetteer_build_reads_a_registered_source(tmp_path, registered) -> None:
    """--source NAME FILE runs the registered ingester; --geonames is --source geonames."""
    from eventcoder.cli.gazetteer import gazetteer as gazetteer_cli
    from eventcoder.geo.gazetteer import Gazetteer, ingest_geonames

    seen: list[str] = []

    def ingest_tiny(writer, path, progress=None):
        seen.append(Path(path).name)
        return ingest_geonames(writer, path, progress=progress)

    gazetteer_sources.register("tiny", func=ingest_tiny)
    registered.append(("eventcoder", "gazetteer_sources", "tiny"))
    runner = CliRunner()
    help_text = runner.invoke(gazetteer_cli, ["build", "--help"]).output
    assert "<GEONAMES|TINY FILE>" in help_text
    tiny = str(GEO_DATA / "geonames_tiny.txt")
    built = {}
    for name, args in (("geonames", ["--geonames", tiny]), ("source", ["--source", "geonames", tiny]),
                       ("tiny", ["--source", "tiny", tiny])):
        out = tmp_path / f"{name}.sqlite"
        result = runner.invoke(gazetteer_cli, ["build", *args, "--base", "none", "-o", str(out)])
        assert result.exit_code == 0, result.output
        built[name] = Gazetteer(out).count()
    assert built == {"geonames": 4, "source": 4, "tiny": 4}
    assert seen == ["geonames_tiny.txt"]
    result = runner.invoke(gazetteer_cli, ["build", "--base", "none", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and "--geonames FILE or --source NAME FILE" in result.output
    result = runner.invoke(gazetteer_cli, ["build", "--source", "nope", tiny, "-o",
                                           str(tmp_path / "x")])
    assert result.exit_code == 2 and "'nope' is not one of 'geonames', 'tiny'" in result.output


def test_extract_writes_parquet_and_geojson(tmp_path) -> None:
    import pyarrow.parquet as pq

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(STORY.split("\n", 2)[2], encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'e.db'}"
    runner = CliRunner()
    out = tmp_path / "e.parquet"
    result = runner.invoke(cli, ["extract", str(tmp_path / "in"), "--db", db, "--format",
                                 "parquet", "-o", str(out), "--date", "2025-03-10"])
    assert result.exit_code == 0, result.output
    rows = pq.read_table(out).num_rows
    assert rows >= 1
    result = runner.invoke(cli, ["extract", str(tmp_path / "in"), "--db", db, "--format",
                                 "geojson"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["features"]) == rows


def test_the_pipeline_uses_the_extractor_its_config_names(registered, nlp) -> None:
    """A rule set registered by name replaces the built-in one, chosen by Config.extractor."""
    from eventcoder.config import Config
    from eventcoder.pipeline import Pipeline
    from eventcoder.schema import Article

    calls = []

    class NoEvents:
        def extract_candidates(self, doc, article):
            calls.append(article.id)
            return [], []

    extractors.register("nothing", func=lambda config: NoEvents())
    registered.append(("eventcoder", "extractors", "nothing"))
    article = Article.from_text("Gunmen killed four villagers near Kirkuk on Monday.", id="k1")
    assert Pipeline(Config(min_confidence=0), nlp=nlp).process(article).events  # the rules
    result = Pipeline(Config(min_confidence=0, extractor="nothing"), nlp=nlp).process(article)
    assert calls == ["k1"] and result.events == [] and result.candidates == []
    with pytest.raises(UnknownNameError, match="choose one of rules"):
        Pipeline(Config(extractor="no-such-rules"), nlp=nlp).process(article)
