"""The ADM1 area points of the default gazetteer (admin1-points.csv and the disagreement rule)."""

from __future__ import annotations

import csv
import sqlite3

from eventcoder.geo.defaults import (
    ADMIN1_DISAGREE_KM,
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
    con = sqlite3.connect(ensure_default_gazetteer())
    rows = con.execute("SELECT gid, lat, lon FROM places WHERE fcode = 'ADM1'").fetchall()
    con.close()
    checked = 0
    for gid, lat, lon in rows:
        if gid in area:
            assert haversine_km(lat, lon, *area[gid]) <= ADMIN1_DISAGREE_KM + 1e-6, gid
            checked += 1
    assert checked > 3000


def test_grid_point_of_uneven_towns_lies_in_the_populated_corner() -> None:
    """Why the rule is needed: towns only in the south-east corner of a 10 x 10 degree area
    give a grid point about 600 km from the area's middle."""
    towns = [(40.0 + i * 0.1, 60.0 + j * 0.1) for i in range(10) for j in range(10)]
    lat, lon = grid_point(towns, 0.5)
    assert haversine_km(lat, lon, 45.0, 65.0) > 400
