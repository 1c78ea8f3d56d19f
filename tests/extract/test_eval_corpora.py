"""The ``eventcoder eval events`` command on tiny self-written corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ec_testutils import shared_data_dir
from eventcoder.eval.corpora import command, fit_calibration, reliability


def _shared() -> Path:
    return shared_data_dir()


@pytest.fixture(autouse=True)
def _nlp_loaded(nlp):
    """Load spaCy once (session fixture) before the command runs."""
    return nlp


def test_case2021_table(tmp_path):
    tsv = tmp_path / "case.tsv"
    tsv.write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tWarplanes bombed a market in the town, killing six civilians.\tAIR_STRIKE\n"
        "2\tHundreds of teachers marched peacefully in the capital over unpaid wages.\t"
        "PEACE_PROTEST\n"
        "3\tA strong earthquake shook the coastal region, damaging dozens of homes.\t"
        "NATURAL_DISASTER\n", encoding="utf-8")
    res = CliRunner().invoke(command, ["--corpus", "case2021", str(tsv)])
    assert res.exit_code == 0, res.output
    assert "weighted F1: 1.000" in res.output
    assert "kept out: 1/1" in res.output


def test_ucdp_and_plover(tmp_path):
    csv_path = tmp_path / "ucdp.csv"
    csv_path.write_text(
        "source_headline,low,high,best,latitude,longitude,date_start\n"
        "\"Gunmen kill four villagers in Zamfara\",4,4,4,12.1,6.2,2020-01-02\n"
        "\"Bomb blast kills two soldiers in Helmand\",2,3,2,31.6,64.4,2020-02-03\n",
        encoding="utf-8")
    res = CliRunner().invoke(command, ["--corpus", "ucdp", "--no-geo", str(csv_path)])
    assert res.exit_code == 0, res.output
    assert "fatalities within [low, high]: 1.000" in res.output
    pl = tmp_path / "plover.txt"
    rec = {"id": "x", "text": "Iraqi soldiers attacked ISIS fighters near Mosul on Monday.",
           "source": [{"actorText": "Iraqi"}], "target": [{"actorText": "ISIS"}]}
    pl.write_text("[" + json.dumps(rec) + ",\n]\n", encoding="utf-8")  # trailing comma
    res = CliRunner().invoke(command, ["--corpus", "plover", str(pl)])
    assert res.exit_code == 0, res.output
    assert "actor-role accuracy: 1.000" in res.output


def test_user_errors_are_one_line(tmp_path):
    res = CliRunner().invoke(command, ["--corpus", "case2021", str(tmp_path / "nope.tsv")])
    assert res.exit_code != 0
    assert "Error: no such file" in res.output
    assert "Traceback" not in res.output
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    res = CliRunner().invoke(command, ["--corpus", "ucdp", str(bad)])
    assert res.exit_code != 0 and "not a UCDP GED CSV" in res.output


def test_reliability_and_calibration_fit():
    pairs = [("Attack", "Attack", 0.9), ("Attack", "Armed clash", 0.4),
             ("Grenade", "Grenade", 0.8), ("Attack", "(none)", 0.0)]
    table = reliability(pairs)
    assert sum(n for _, _, n, _ in table) == 3
    cal = fit_calibration(pairs, bins=3)
    assert cal["y"] == sorted(cal["y"])


@pytest.mark.e2e
@pytest.mark.shared
@pytest.mark.slow
def test_case2021_dev_targets():
    path = _shared() / "events" / "case2021-task2-dev.tsv"
    if not path.exists():
        pytest.skip(f"shared evaluation data not found at {path}")
    res = CliRunner().invoke(command, ["--corpus", "case2021", "--json", str(path)])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output[res.output.index("{"):])
    assert out["kept_out"] / out["non_acled"] >= 0.8
    assert out["weighted_f1"] >= 0.7


def test_ucdp_ceilings(tmp_path):
    csv_path = tmp_path / "ucdp.csv"
    csv_path.write_text(
        "source_headline,low,high,best,latitude,longitude,date_start\n"
        "\"Gunmen kill four villagers in Zamfara\",4,4,4,12.1,6.2,2020-01-02\n"
        "\"\",3,3,3,31.6,64.4,2020-02-03\n"
        "\"Weekly report 12\",5,5,5,31.6,64.4,2020-02-03\n",
        encoding="utf-8")
    res = CliRunner().invoke(command, ["--corpus", "ucdp", "--no-geo", "--json", str(csv_path)])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout[res.stdout.index("{"):])
    assert out["empty_headlines"] == pytest.approx(1 / 3)
    assert out["ceiling_headline_numbers"] == pytest.approx(1 / 3)
    assert out["fatalities_within"] == pytest.approx(1 / 3)
