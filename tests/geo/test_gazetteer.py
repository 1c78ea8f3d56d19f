"""Gazetteer build, lookup, overlay and download (against a loopback HTTP server)."""

from __future__ import annotations

import functools
import http.server
import pickle
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli.gazetteer import gazetteer as gazetteer_cli
from eventcoder.geo.defaults import default_gazetteer_path
from eventcoder.geo.gazetteer import Gazetteer, GazetteerError
from eventcoder.geo.text import key_variants, name_key

DATA = Path(__file__).parent / "data"


def _build(tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "gz.sqlite"
    result = CliRunner().invoke(gazetteer_cli, [
        "build", "--geonames", str(DATA / "geonames_tiny.txt"), "--admin1",
        str(DATA / "admin1_tiny.txt"), "--base", "none", "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def test_name_keys():
    assert name_key("Şalāḩ ad-Dīn") == "salah ad din"
    assert key_variants("al anbar") == ["al anbar", "anbar"]


def test_build_and_lookup(tmp_path):
    gz = Gazetteer(_build(tmp_path))
    assert gz.count() == 4
    (c,) = gz.lookup("Testabad")
    assert (c.geonames_id, c.feature_code, c.population) == (900001, "PPLA", 120000)
    assert gz.admin1_name("IQ", "10") == "Testabad Gov"
    assert gz.admin1[("IQ", "10")][2] == pytest.approx(33.7)  # the ADM1 row's own point
    assert [c.geonames_id for c in gz.lookup("تست آباد")] == [900001]
    assert [c.geonames_id for c in gz.lookup("Mount Test")] == [900004]


def test_build_from_zip(tmp_path):
    z = tmp_path / "XX.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(DATA / "geonames_tiny.txt", "XX.txt")
        zf.writestr("readme.txt", "not data")
    out = tmp_path / "z.sqlite"
    result = CliRunner().invoke(gazetteer_cli, ["build", "--geonames", str(z), "--base", "none",
                                                "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert Gazetteer(out).count() == 4


def test_overlay_takes_precedence(tmp_path):
    path = _build(tmp_path)
    overlay = tmp_path / "overlay.csv"
    overlay.write_text("name,geonames_id,latitude,longitude,feature_class,feature_code,"
                       "country_code,admin1_code,admin2_code,population,canonical_name,source\n"
                       "Testabad,,30.0,40.0,P,PPL,IQ,10,,5,New Testabad,test\n"
                       "Tstbd,900002,,,,,,,,,,alias\n", encoding="utf-8")
    gz = Gazetteer(path, [overlay])
    assert gz.lookup("Testabad")[0].name == "New Testabad"
    assert gz.lookup("Tstbd")[0].geonames_id == 900002
    clone = pickle.loads(pickle.dumps(gz))
    assert clone.lookup("Tstbd")[0].geonames_id == 900002


def test_bad_inputs_give_one_line_errors(tmp_path):
    runner = CliRunner()
    result = runner.invoke(gazetteer_cli, ["build", "--geonames", str(tmp_path / "nope.txt"),
                                           "-o", str(tmp_path / "x.sqlite")])
    assert result.exit_code != 0 and "no such file" in result.output
    with pytest.raises(GazetteerError):
        Gazetteer(tmp_path / "missing.sqlite")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,geonames_id\nNowhere,\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="row 2"):
        Gazetteer(_build(tmp_path), [bad])


@pytest.fixture()
def geonames_server(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    with zipfile.ZipFile(root / "IQ.zip", "w") as zf:
        zf.write(DATA / "geonames_tiny.txt", "IQ.txt")
    shutil.copy(DATA / "admin1_tiny.txt", root / "admin1CodesASCII.txt")
    (root / "admin2Codes.txt").write_text("", encoding="utf-8")
    (root / "countryInfo.txt").write_text("#ISO\n", encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_download_from_loopback(tmp_path, geonames_server, monkeypatch):
    monkeypatch.setenv("EVENTCODER_HOME", str(tmp_path / "home"))
    # base the build on a tiny stand-in "default" so the test does not build the real one
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(_build(tmp_path), default_gazetteer_path(home))
    dest = tmp_path / "dl"
    result = CliRunner().invoke(gazetteer_cli, ["download", "--country", "IQ", "--dest",
                                                str(dest), "--base-url", geonames_server])
    assert result.exit_code == 0, result.output
    gz = Gazetteer(dest / "gazetteer.sqlite")
    assert gz.lookup("Little Testabad")[0].geonames_id == 900002
    missing = CliRunner().invoke(gazetteer_cli, ["download", "--country", "SY", "--dest",
                                                 str(dest), "--base-url", geonames_server,
                                                 "--no-build"])
    assert missing.exit_code != 0 and "could not download" in missing.output


def test_alternate_names_file(tmp_path):
    out = _build(tmp_path, "--alternate-names", str(DATA / "alternate_tiny.txt"))
    gz = Gazetteer(out)
    assert [c.geonames_id for c in gz.lookup("Testabad Saghir")] == [900002]
    assert [c.geonames_id for c in gz.lookup("تستاباد")] == [900001]
    assert not gz.lookup("https://example.org/x")


def test_env_var_selects_gazetteer(tmp_path, monkeypatch):
    from eventcoder.geo import Geoparser

    monkeypatch.setenv("EVENTCODER_GAZETTEER", str(_build(tmp_path)))
    gp = Geoparser.load()
    assert gp.gazetteer.count() == 4
    assert gp.gazetteer.lookup("Little Testabad")[0].geonames_id == 900002


def test_overlay_spellings_of_one_new_place_share_its_id(tmp_path, tiny_gazetteer_path):
    # every overlay row here is a new place: any gazetteer file will do as the base
    overlay = tmp_path / "o.csv"
    overlay.write_text(
        "name,geonames_id,latitude,longitude,feature_class,feature_code,country_code,"
        "admin1_code,admin2_code,population,canonical_name,source\n"
        "Qaryat Zayn,,33.1,44.2,P,PPL,IQ,,,,Qaryat Zayn,test\n"
        "Qaryat Zain,,33.1,44.2,P,PPL,IQ,,,,Qaryat Zayn,test\n"
        "Qaryat Zaid,,33.3,44.2,P,PPL,IQ,,,,Qaryat Zaid,test\n", encoding="utf-8")
    gz = Gazetteer(tiny_gazetteer_path, [overlay])
    (a,), (b,), (c,) = (gz.lookup(n) for n in ("Qaryat Zayn", "Qaryat Zain", "Qaryat Zaid"))
    assert a.geonames_id == b.geonames_id < 0 and c.geonames_id != a.geonames_id
    assert b.name == "Qaryat Zayn"
