"""The ADM1 area points of the default gazetteer (admin1-points.csv and the disagreement rule)."""

from __future__ import annotations

import csv
import sqlite3

from eventcoder.config import Config
from eventcoder.geo.defaults import (
    ADMIN1_DISAGREE_KM,
    BIG_TOWN,
    admin1_area_points,
    data_file,
    ensure_default_gazetteer,
    grid_point,
)
from eventcoder.geo.resolve import haversine_km


def test_admin1_points_file_is_well_formed() -> None:
    with data_file("admin1-points.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 3000
    ids = [int(r["geonames_id"]) for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert -90 <= float(r["latitude"]) <= 90 and -180 <= float(r["longitude"]) <= 180
        assert r["iso3166_2"][:2].isalpha() and "-" in r["iso3166_2"]


def test_every_adm1_point_is_near_its_area_point() -> None:
    """Towns cover a large province unevenly (all of them in its south, say): the built point
    may not stray further than the threshold from the area's own middle."""
    area = admin1_area_points()
    con = sqlite3.connect(ensure_default_gazetteer(Config.load().home))
    rows = con.execute("SELECT gid, cc, lat, lon FROM places WHERE fcode = 'ADM1'").fetchall()
    towns: dict[str, list[tuple[float, float]]] = {}
    for cc, lat, lon in con.execute("SELECT cc, lat, lon FROM places WHERE fclass = 'P' "
                                    "AND pop >= ?", (BIG_TOWN,)):
        towns.setdefault(cc, []).append((lat, lon))
    con.close()
    checked = kept = 0
    for gid, cc, lat, lon in rows:
        if gid in area:
            checked += 1
            if haversine_km(lat, lon, *area[gid]) > ADMIN1_DISAGREE_KM + 1e-6:
                # allowed only where the area point is a geocoder's hit on a city
                assert any(haversine_km(*area[gid], *t) < 15 for t in towns.get(cc, ())), gid
                kept += 1
    assert checked > 3000 and kept < 50


def test_new_york_state_is_not_new_york_city() -> None:
    """The area point of "New York" is Manhattan (a geocoder's answer for the name); the state's
    point must stay upstate, hundreds of kilometres from the city."""
    con = sqlite3.connect(ensure_default_gazetteer(Config.load().home))
    (lat, lon), = con.execute("SELECT lat, lon FROM places WHERE fcode = 'ADM1' AND cc = 'US' "
                              "AND a1 = 'NY'").fetchall()
    con.close()
    assert haversine_km(lat, lon, 40.71, -74.01) > 150


def test_grid_point_of_uneven_towns_lies_in_the_populated_corner() -> None:
    """Why the rule is needed: towns only in the south-east corner of a 10 x 10 degree area
    give a grid point about 600 km from the area's middle."""
    towns = [(40.0 + i * 0.1, 60.0 + j * 0.1) for i in range(10) for j in range(10)]
    lat, lon = grid_point(towns, 0.5)
    assert haversine_km(lat, lon, 45.0, 65.0) > 400
