"""The event geolocation figures of ``eval events --corpus ucdp`` on hand-written rows in UCDP
GED's columns (invented headlines and points; a stub gazetteer, so no data files are needed)."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest

from eventcoder.eval.corpora import (
    admin_key,
    geo_row,
    geo_summary,
    locate_step,
    print_geo_table,
    same_admin_name,
    ucdp_admin1_keys,
    ucdp_country_code,
)
from eventcoder.geo.gazetteer import Candidate, CountryInfo
from eventcoder.schema import Location, Place

UCDP_CSV = """\
source_headline,country,adm_1,adm_2,where_prec,where_description,latitude,longitude,low,high
Gunmen kill two in Ariha,Syria,Idlib governorate,Ariha district,1,Ariha town,35.81,36.61,2,2
Bomb kills five in Helmand,Afghanistan,Hilmand province,,4,Helmand province,31.0,64.0,5,5
Clashes in the north,Syria,Aleppo governorate,,2,near Azaz,36.58,37.05,3,3
Shelling kills one,DR Congo (Zaire),Nord Kivu province,,6,,-1.0,29.0,1,1
"""


class StubGazetteer:
    """The three lookups the metric needs: country table, names, admin1 names."""

    def __init__(self) -> None:
        def info(cc: str, iso3: str, name: str) -> CountryInfo:
            return CountryInfo(cc, iso3, name, None, None, None, 0)

        self.countries = {"SY": info("SY", "SYR", "Syria"), "AF": info("AF", "AFG", "Afghanistan"),
                          "CD": info("CD", "COD", "Democratic Republic of the Congo")}
        helmand = Candidate(1, "Helmand", 31.0, 64.0, "A", "ADM1", "AF", "10", "", 0)
        self.names = {"hilmand": [helmand], "helmand": [helmand]}
        self.admin1 = {("AF", "10"): "Helmand", ("SY", "09"): "Idlib"}

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        return tuple(self.names.get(name.strip().lower(), ()))

    def admin1_name(self, cc: str, code: str) -> str | None:
        return self.admin1.get((cc, code))


def _rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(UCDP_CSV)))


def _place(text: str, lat: float, lon: float, cc: str, fcode: str, admin1: str | None,
           role: str = "literal") -> Place:
    fclass = "P" if fcode.startswith("PPL") else "A"
    return Place(start=0, end=len(text), text=text, name=text, latitude=lat, longitude=lon,
                 country_code=cc, admin1=admin1, feature_class=fclass, feature_code=fcode,
                 role=role)


def _loc(place: Place | None, precision: int) -> Location:
    if place is None:
        return Location(reason="no literal place in the document")
    return Location(place=place, admin1=place.admin1, latitude=place.latitude,
                    longitude=place.longitude, geo_precision=precision, location=place.name)


def test_admin_names_compare_loosely():
    assert admin_key("Idlib governorate") == admin_key("Idlib")
    assert admin_key("Şalāḩ ad Dīn province") == admin_key("Salah al-Din")
    assert admin_key("Nord Kivu province") == "nord kivu"
    assert same_admin_name({admin_key("Panjsher province")}, {admin_key("Panjshir")})
    assert not same_admin_name({admin_key("North West region")}, {admin_key("North East")})
    gz = StubGazetteer()
    assert "helmand" in ucdp_admin1_keys("Hilmand province", "AF", gz)  # alternate name
    assert ucdp_admin1_keys("", "AF", gz) == set()


def test_ucdp_country_names_map_to_codes():
    gz = StubGazetteer()
    assert ucdp_country_code("Syria", gz) == "SY"
    assert ucdp_country_code("DR Congo (Zaire)", gz) == "CD"
    assert ucdp_country_code("Atlantis", gz) is None
    assert ucdp_country_code("", gz) is None


def test_geo_rows_and_summary():
    gz = StubGazetteer()
    rows = _rows()
    ariha = _place("Ariha", 35.81, 36.62, "SY", "PPL", "Idlib")
    helmand = _place("Helmand", 31.2, 64.1, "AF", "ADM1", "Helmand")
    aleppo = _place("Aleppo", 36.20, 37.16, "SY", "PPL", "Aleppo")  # ~43 km from the point
    azaz = _place("Azaz", 36.58, 37.05, "SY", "PPL", "Aleppo")
    results = [
        geo_row(_loc(ariha, 1), [ariha], rows[0], gz),  # right town, right precision
        geo_row(_loc(helmand, 3), [helmand], rows[1], gz),  # the province, via its other name
        geo_row(_loc(aleppo, 1), [aleppo, azaz], rows[2], gz),  # Azaz was found, not chosen
        geo_row(_loc(None, 3), [], rows[3], gz),  # nothing located
    ]
    a, b, c, d = results
    assert a.located and a.country_ok and a.admin1_ok and a.distance_km < 2
    assert a.precision_pair == (1, 1) and a.ceiling_50km
    assert b.admin1_ok and b.precision_pair == (3, 3) and b.distance_km < 25
    assert c.country_ok and c.admin1_ok and c.precision_pair == (2, 1)
    assert 25 < c.distance_km < 50 and c.ceiling_50km
    assert not d.located and d.country_ok is False and d.admin1_ok is False
    assert d.precision_pair is None and not d.ceiling_50km
    out = geo_summary(results)
    assert out["geo_headlines"] == 4
    assert out["geo_located"] == pytest.approx(3 / 4)
    assert out["geo_country"] == pytest.approx(3 / 4) and out["geo_country_of"] == 4
    assert out["geo_admin1"] == pytest.approx(3 / 4)
    assert out["geo_within_25km"] == pytest.approx(2 / 4)
    assert out["geo_within_50km"] == pytest.approx(3 / 4)
    assert out["geo_within_100km"] == pytest.approx(3 / 4)
    assert out["geo_precision_agrees"] == pytest.approx(2 / 3)
    assert out["geo_precision_confusion"] == {"1->1": 1, "2->1": 1, "3->3": 1}
    assert out["geo_ceiling_50km"] == pytest.approx(3 / 4)
    assert out["geo_ceiling_missed"] == 0  # Aleppo itself lies within 50 km


def test_ceiling_counts_only_literal_places_and_missed_choices():
    gz = StubGazetteer()
    row = _rows()[0]
    far = _place("Homs", 34.73, 36.71, "SY", "PPL", "Homs")
    near_assoc = _place("Ariha", 35.81, 36.61, "SY", "PPL", "Idlib", role="associative")
    g = geo_row(_loc(far, 1), [far, near_assoc], row, gz)
    assert not g.ceiling_50km and g.admin1_ok is False
    near = _place("Ariha", 35.81, 36.61, "SY", "PPL", "Idlib")
    g = geo_row(_loc(far, 1), [far, near], row, gz)
    assert g.ceiling_50km
    assert geo_summary([g])["geo_ceiling_missed"] == 1


def test_rows_without_country_admin_or_precision_are_not_comparable():
    gz = StubGazetteer()
    row = {"latitude": "35.8", "longitude": "36.6", "country": "", "adm_1": "",
           "where_prec": "7"}
    p = _place("Ariha", 35.81, 36.61, "SY", "PPL", "Idlib")
    g = geo_row(_loc(p, 1), [p], row, gz)
    assert g.country_ok is None and g.admin1_ok is None and g.precision_pair is None
    out = geo_summary([g])
    assert out["geo_country_of"] == 0 and math.isnan(out["geo_country"])
    assert geo_summary([])["geo_headlines"] == 0


def test_table_prints_every_measure(capsys):
    gz = StubGazetteer()
    p = _place("Ariha", 35.81, 36.61, "SY", "PPL", "Idlib")
    print_geo_table(geo_summary([geo_row(_loc(p, 1), [p], _rows()[0], gz)]))
    text = capsys.readouterr().out
    for label in ("located at all", "in UCDP's country", "in UCDP's adm_1", "within 25 km",
                  "within 50 km", "within 100 km", "agrees with where_prec", "ceiling"):
        assert label in text


def test_locate_steps_are_read_from_reasons():
    assert locate_step("no literal place in the document") == "none"
    assert locate_step("place attached to the trigger by the extractor: 'Kano'") == "extractor"
    assert locate_step("'Qaim' lies in 'Anbar province', the place the extractor attached to "
                       "the trigger") == "extractor"
    assert locate_step("'Hama' is syntactically attached to the trigger 'shell' (in)") \
        == "syntactic"
    assert locate_step("'Benue': the place of 'Nigeria' (place attached to the trigger by the "
                       "extractor)") == "possessive"
    assert locate_step("'Mosul', in 'Iraq' (place attached to the trigger by the extractor), "
                       "is attached to the trigger 'clashes'") == "country refined"
    assert locate_step("'Kano', in 'Nigeria' (document focus), is the most specific place of "
                       "the event's document") == "country refined"
    assert locate_step("nearest place in the event's paragraph: 'Homs'") == "paragraph"
    assert locate_step("document focus: most mentioned place 'Homs'") == "focus"
    g = geo_row(_loc(None, 3), [], _rows()[0], StubGazetteer())
    assert geo_summary([g])["geo_by_step"] == {"none": {"n": 1, "within_50km": 0.0}}


def test_ucdp_command_prints_the_geolocation_table(tmp_path):
    pytest.importorskip("spacy")
    from click.testing import CliRunner

    from eventcoder.eval.corpora import command

    path = tmp_path / "ucdp.csv"
    path.write_text(
        "source_headline,country,adm_1,where_prec,latitude,longitude,low,high,date_start\n"
        "\"Gunmen kill four policemen in Mosul\",Iraq,Ninawa governorate,1,36.34,43.13,4,4,"
        "2020-01-02\n"
        "\"Suicide bomber kills six in Iraq's Ramadi\",Iraq,Anbar governorate,1,33.42,43.30,6,6,"
        "2020-02-03\n", encoding="utf-8")
    res = CliRunner().invoke(command, ["--corpus", "ucdp", str(path)])
    assert res.exit_code == 0, res.output
    assert "location within 50 km: 1.000 (of 2 headlines" in res.output
    assert "in UCDP's country" in res.output and "ceiling" in res.output
    res = CliRunner().invoke(command, ["--corpus", "ucdp", "--json", str(path)])
    out = json.loads(res.stdout[res.stdout.index("{"):])
    assert out["geo_country"] == 1.0 and out["geo_admin1"] == 1.0
    assert out["geo_within_25km"] == 1.0 and out["geo_ceiling_missed"] == 0
