"""``eventcoder eval geoparse`` on tiny corpora written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.eval.geoparse import READERS, auc_of_error, command

DATA = Path(__file__).parent / "data"


def test_readers_fix_offsets():
    (doc,) = READERS["gwn"](DATA / "gwn_tiny.xml")
    assert [(t.text, t.literal) for t in doc.toponyms] == [("Kirkuk", True), ("Iraqi", False)]
    (doc,) = READERS["geovirus"](DATA / "geovirus_tiny.xml")  # offsets one too high
    assert [t.text for t in doc.toponyms] == ["Basra", "Najaf"]
    (doc,) = READERS["lgl"](DATA / "lgl_tiny.xml")
    assert [t.geonames_id for t in doc.toponyms] == [99072, 98182]
    # TR-News: LGL's elements plus title/url/domain/dltime, indented markup, a <country> child
    (doc,) = READERS["trnews"](DATA / "trnews_tiny.xml")
    assert [(t.text, t.geonames_id) for t in doc.toponyms] == [("Kirkuk", 94787),
                                                               ("Erbil", 95446)]
    assert doc.text.startswith("Mortar rounds")


def test_auc():
    assert auc_of_error([0.0, 0.0]) == 0.0
    assert 0.0 < auc_of_error([0.0, 100.0, 1000.0]) < 1.0


@pytest.mark.e2e
@pytest.mark.parametrize("corpus,name,mode", [("gwn", "gwn_tiny.xml", "e2e"),
                                              ("lgl", "lgl_tiny.xml", "resolve"),
                                              ("trnews", "trnews_tiny.xml", "resolve"),
                                              ("geovirus", "geovirus_tiny.xml", "resolve")])
def test_command_prints_figures(corpus, name, mode):
    result = CliRunner().invoke(command, ["--corpus", corpus, str(DATA / name), "--mode", mode,
                                          "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert figures["accuracy_161km"] == 1.0
    assert figures["coverage_161km"] == 1.0
    if mode == "e2e":
        assert figures["recall"] == 1.0 and "f1_161km" in figures


def test_command_errors_are_one_line(tmp_path):
    runner = CliRunner()
    result = runner.invoke(command, ["--corpus", "gwn", str(tmp_path / "missing.xml")])
    assert result.exit_code != 0 and "no such file" in result.output
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    result = runner.invoke(command, ["--corpus", "gwn", str(bad)])
    assert result.exit_code != 0 and "not gwn XML" in result.output
    assert "Traceback" not in result.output


@pytest.mark.e2e
@pytest.mark.shared
def test_gwn_dev_subset_when_shared_data_present():
    from .conftest import shared_data

    gwn = shared_data() / "geoparsing" / "GWN-dev.xml"
    if not gwn.is_file():
        pytest.skip(f"shared evaluation data not found at {gwn} (set EVENTCODER_SHARED_DATA)")
    result = CliRunner().invoke(command, ["--corpus", "gwn", str(gwn), "--limit", "10",
                                          "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert figures["toponyms_scored"] > 50
    assert figures["accuracy_161km"] > 0.6  # a smoke floor, not the target
