"""The embedded gazetteer: a read-only SQLite file of GeoNames places and their names.

Tables (see docs/gazetteer.md):

* ``places(gid, name, lat, lon, fclass, fcode, cc, a1, a2, pop)`` -- one row per GeoNames id;
* ``names(key, gid, kind)`` -- every indexed name under its :func:`~eventcoder.geo.text.name_key`
  (``kind``: 3 the place's name, 2 its ASCII name, 1 an alternate name);
* ``countries``, ``admin1``, ``admin2`` -- codes to names, GeoNames ids and representative points;
* ``meta`` -- what the file was built from.

Lookups go through an index on ``names.key``; the small code tables are held in memory. A
:class:`Gazetteer` pickles as its paths and reopens the file on the other side (Dask workers).
"""

from __future__ import annotations

import csv
import hashlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import InputError, MissingFileError, ResourceError
from ..registry import gazetteer_sources as _registry
from .text import key_variants, loose_key, name_key, useful_alias

SCHEMA_VERSION = 2
#: Keys under which loose forms of names are indexed (see :func:`~eventcoder.geo.text.loose_key`).
LOOSE_PREFIX = "~"

#: Kinds of name, best first: an overlay entry beats the place's own name, which beats its ASCII
#: form, which beats an alternate name.
KIND_OVERLAY, KIND_NAME, KIND_ASCII, KIND_ALT = 4, 3, 2, 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    gid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL, lon REAL, fclass TEXT, fcode TEXT,
    cc TEXT, a1 TEXT, a2 TEXT, pop INTEGER DEFAULT 0);
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, gid INTEGER NOT NULL, kind INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS countries (
    cc TEXT PRIMARY KEY, iso3 TEXT, name TEXT, gid INTEGER, lat REAL, lon REAL, pop INTEGER);
CREATE TABLE IF NOT EXISTS admin1 (
    cc TEXT, code TEXT, name TEXT, gid INTEGER, lat REAL, lon REAL, PRIMARY KEY (cc, code));
CREATE TABLE IF NOT EXISTS admin2 (
    cc TEXT, a1 TEXT, code TEXT, name TEXT, gid INTEGER, lat REAL, lon REAL,
    PRIMARY KEY (cc, a1, code));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer place that a name may refer to."""

    geonames_id: int
    name: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    admin2_code: str
    population: int
    kind: int = KIND_ALT  # how the looked-up name matched (KIND_* constants)

    @property
    def is_country(self) -> bool:
        """A country, dependency or territory."""
        return self.feature_class == "A" and self.feature_code.startswith(("PCL", "TERR"))

    @property
    def is_admin(self) -> bool:
        """A first- to fourth-order administrative division."""
        return self.feature_class == "A" and self.feature_code.startswith("ADM")


class GazetteerError(ResourceError):
    """A gazetteer file is missing, unreadable or of another schema version."""


class _MissingPlace(LookupError):
    """An overlay alias names a GeoNames id the gazetteer does not hold."""


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """A country's codes, name, GeoNames id and representative point."""

    cc: str
    iso3: str
    name: str
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    population: int


class Gazetteer:
    """Read-only access to a built gazetteer file plus optional overlay CSVs.

    Args:
        path: the SQLite file written by :func:`build_gazetteer` or the default builder.
        overlays: CSV files of extra places and aliases (see docs/gazetteer.md); later files and
            overlay rows take precedence over the gazetteer.
    """

    def __init__(self, path: Path | str, overlays: Iterable[Path | str] = (), *,
                 lenient_overlays: Iterable[Path | str] = ()) -> None:
        self.path = Path(path)
        self.overlays = tuple(Path(p) for p in overlays)
        # loaded first; alias rows of places this gazetteer lacks are skipped, not errors
        self.lenient_overlays = tuple(Path(p) for p in lenient_overlays)
        self._open()

    # -- pickling: the state is the paths -------------------------------------------------------
    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "overlays": self.overlays,
                "lenient_overlays": self.lenient_overlays}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.path = state["path"]  # type: ignore[assignment]
        self.overlays = state["overlays"]  # type: ignore[assignment]
        self.lenient_overlays = state.get("lenient_overlays", ())  # type: ignore[assignment]
        self._open()

    def _open(self) -> None:
        if not self.path.is_file():
            raise GazetteerError(f"gazetteer file not found: {self.path}")
        try:
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                                       check_same_thread=False)
            version = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"{self.path} is not a gazetteer file: {exc}") from exc
        if version is None or int(version[0]) != SCHEMA_VERSION:
            raise GazetteerError(f"{self.path} has gazetteer schema {version and version[0]}, "
                                 f"this eventcoder reads {SCHEMA_VERSION}; rebuild it")
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[Candidate, ...]] = {}  # by name key
        self._by_name: dict[str, tuple[Candidate, ...]] = {}  # by the name as asked
        self.countries: dict[str, CountryInfo] = {}
        for cc, iso3, name, gid, lat, lon, pop in self._db.execute("SELECT * FROM countries"):
            self.countries[cc] = CountryInfo(cc, iso3 or "", name, gid, lat, lon, pop or 0)
        self.admin1: dict[tuple[str, str], tuple[str, int | None, float | None, float | None]] = {
            (cc, code): (name, gid, lat, lon)
            for cc, code, name, gid, lat, lon in self._db.execute("SELECT * FROM admin1")}
        self.admin2: dict[tuple[str, str, str], tuple[str, int | None]] = {
            (cc, a1, code): (name, gid)
            for cc, a1, code, name, gid, _lat, _lon in self._db.execute("SELECT * FROM admin2")}
        self.meta = dict(self._db.execute("SELECT key, value FROM meta"))
        self._overlay: dict[str, list[Candidate]] = {}
        self._overlay_by_id: dict[int, Candidate] = {}
        for overlay in self.lenient_overlays:
            self._load_overlay(overlay, lenient=True)
        for overlay in self.overlays:
            self._load_overlay(overlay)

    # -- lookups --------------------------------------------------------------------------------
    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every place called ``name`` (by its key and its article-less variant), overlay first.

        Returns:
            candidates, each at most once with its best ``kind`` of match.
        """
        hit = self._by_name.get(name)  # the same name again: not even its key to compute
        if hit is not None:
            return hit
        key = name_key(name)
        hit = self._cache.get(key)
        if hit is not None:
            if len(self._by_name) > 200_000:
                self._by_name.clear()
            self._by_name[name] = hit
            return hit
        best: dict[int, Candidate] = {}
        for variant in key_variants(key):
            for cand in self._overlay.get(variant, ()):
                best[cand.geonames_id] = cand
            for row in self._rows(variant):
                cand = _candidate(row)
                if variant != key:  # matched only without its article: one notch weaker
                    cand = replace(cand, kind=max(KIND_ALT, cand.kind - 1))
                old = best.get(cand.geonames_id)
                if old is None or old.kind < cand.kind:
                    best[cand.geonames_id] = self._overlay_by_id.get(cand.geonames_id, cand) \
                        if old is None else cand
        # then looser forms, each only when nothing matched before it, as alternate names:
        # "Maarat al-Numan" for "Ma'arrat an Nu'man"; "Petion-Ville" for "Petionville" (the
        # words run together)
        for looser in ((LOOSE_PREFIX + loose_key(key)) if key else "",
                       key.replace(" ", "") if " " in key else ""):
            if best or not looser:
                continue
            for row in self._rows(looser):
                cand = self._overlay_by_id.get(row[0]) or _candidate(row)
                best[cand.geonames_id] = replace(cand, kind=KIND_ALT)
        result = tuple(sorted(best.values(), key=lambda c: (-c.kind, -c.population)))
        if len(self._cache) > 200_000:
            self._cache.clear()
        if len(self._by_name) > 200_000:
            self._by_name.clear()
        self._cache[key] = result
        self._by_name[name] = result
        return result

    def _rows(self, key: str) -> list[tuple[Any, ...]]:
        """The places indexed under name key ``key``, with how each matched (``kind``)."""
        with self._lock:
            return self._db.execute(
                "SELECT p.gid, p.name, p.lat, p.lon, p.fclass, p.fcode, p.cc, p.a1, p.a2, "
                "p.pop, n.kind FROM names n JOIN places p ON p.gid = n.gid WHERE n.key = ? "
                "AND p.lat IS NOT NULL", (key,)).fetchall()

    def has_name(self, name: str) -> bool:
        """Whether any place is called ``name``."""
        return bool(self.lookup(name))

    def get(self, geonames_id: int) -> Candidate | None:
        """The place with this GeoNames id, or None."""
        if geonames_id in self._overlay_by_id:
            return self._overlay_by_id[geonames_id]
        with self._lock:
            row = self._db.execute(
                "SELECT gid, name, lat, lon, fclass, fcode, cc, a1, a2, pop, 3 FROM places "
                "WHERE gid = ?", (geonames_id,)).fetchone()
        return _candidate(row) if row else None

    def capital(self, cc: str) -> Candidate | None:
        """The national capital (PPLC) of country ``cc``, the most populous if several."""
        key = f"\x00capital:{cc}"
        if key not in self._cache:
            with self._lock:
                rows = self._db.execute(
                    "SELECT gid, name, lat, lon, fclass, fcode, cc, a1, a2, pop, 3 FROM places "
                    "WHERE cc = ? AND fcode = 'PPLC' ORDER BY pop DESC LIMIT 1", (cc,)).fetchall()
            self._cache[key] = tuple(_candidate(r) for r in rows)
        hit = self._cache[key]
        return hit[0] if hit else None

    def country_name(self, cc: str) -> str | None:
        """The English name of a country by ISO 3166 alpha-2 code."""
        info = self.countries.get(cc)
        return info.name if info else None

    def admin1_name(self, cc: str, code: str) -> str | None:
        """The name of first-order division ``code`` of country ``cc``."""
        entry = self.admin1.get((cc, code))
        return entry[0] if entry else None

    def admin2_name(self, cc: str, a1: str, code: str) -> str | None:
        """The name of second-order division ``code`` of ``cc``/``a1``."""
        entry = self.admin2.get((cc, a1, code))
        return entry[0] if entry else None

    def count(self) -> int:
        """How many places the gazetteer holds."""
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM places").fetchone()[0])

    # -- overlay --------------------------------------------------------------------------------
    def _load_overlay(self, path: Path, lenient: bool = False) -> None:
        if not path.is_file():
            raise GazetteerError(f"overlay file not found: {path}")
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = [r for r in csv.DictReader(fh) if (r.get("name") or "").strip()
                    and not r["name"].lstrip().startswith("#")]
        for line, row in enumerate(rows, start=2):
            try:
                cand = self._overlay_candidate(row)
            except _MissingPlace:
                if lenient:
                    continue
                raise GazetteerError(f"{path}: row {line}: geonames_id {row['geonames_id']} is "
                                     "not in the gazetteer; give latitude and longitude") from None
            except (ValueError, KeyError) as exc:
                raise GazetteerError(f"{path}: row {line}: {exc}") from exc
            self._overlay.setdefault(name_key(row["name"]), []).append(cand)
            if row.get("latitude"):
                self._overlay_by_id[cand.geonames_id] = cand

    def _overlay_candidate(self, row: dict[str, str]) -> Candidate:
        gid_text = (row.get("geonames_id") or "").strip()
        lat_text = (row.get("latitude") or "").strip()
        if gid_text and not lat_text:  # an alias of a place the gazetteer holds
            base = self._overlay_by_id.get(int(gid_text)) or self.get(int(gid_text))
            if base is None:
                raise _MissingPlace(gid_text)
            return replace(base, kind=KIND_OVERLAY)
        if not lat_text or not (row.get("longitude") or "").strip():
            raise ValueError("either geonames_id or latitude and longitude are required")
        if gid_text:
            gid = int(gid_text)
        else:  # a stable negative id for places GeoNames lacks; rows that give one canonical
            # name and point ("Persian Gulf", "Arabian Gulf") are one place with one id
            canonical = (row.get("canonical_name") or row["name"]).strip()
            digest = hashlib.sha1(f"{canonical}|{lat_text}|{row['longitude']}".encode())
            gid = -int(digest.hexdigest()[:12], 16)
        return Candidate(
            geonames_id=gid, name=(row.get("canonical_name") or row["name"]).strip(),
            latitude=float(lat_text), longitude=float(row["longitude"]),
            feature_class=(row.get("feature_class") or "P").strip(),
            feature_code=(row.get("feature_code") or "PPL").strip(),
            country_code=(row.get("country_code") or "").strip().upper(),
            admin1_code=(row.get("admin1_code") or "").strip(),
            admin2_code=(row.get("admin2_code") or "").strip(),
            population=int(row.get("population") or 0), kind=KIND_OVERLAY)


def _candidate(row: tuple) -> Candidate:
    gid, name, lat, lon, fclass, fcode, cc, a1, a2, pop, kind = row
    return Candidate(gid, name, lat, lon, fclass or "", fcode or "", cc or "", a1 or "",
                     a2 or "", pop or 0, kind)


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


class GazetteerWriter:
    """Streams places and names into a new gazetteer file; :meth:`close` builds the indexes.

    Args:
        path: the file to write (created; must not be open elsewhere).
        base: an existing gazetteer to start from (copied), or None for an empty one.
    """

    def __init__(self, path: Path | str, base: Path | str | None = None) -> None:
        self.path = Path(path)
        if base is not None:
            src = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
            dst = sqlite3.connect(self.path)
            src.backup(dst)
            src.close()
            dst.close()
        self.db = sqlite3.connect(self.path)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                              "PRAGMA cache_size=-65536; PRAGMA temp_store=FILE;")
        self.db.executescript(_SCHEMA)
        self.db.execute("DROP INDEX IF EXISTS names_key")
        self._places: list[tuple] = []
        self._names: list[tuple[str, int, int]] = []
        self.n_places = 0
        self.n_names = 0

    def add_place(self, gid: int, name: str, lat: float | None, lon: float | None,
                  fclass: str, fcode: str, cc: str, a1: str = "", a2: str = "",
                  pop: int = 0) -> None:
        """Add or replace one place."""
        self._places.append((gid, name, lat, lon, fclass, fcode, cc, a1, a2, pop))
        self.n_places += 1
        if len(self._places) >= 50_000:
            self.flush()

    def add_names(self, gid: int, names: Iterable[tuple[str, int]]) -> None:
        """Index ``(name, kind)`` pairs for place ``gid`` (each key once, with its best kind)."""
        seen: dict[str, int] = {}
        for name, kind in names:
            key = name_key(name)
            if key and seen.get(key, 0) < kind:
                seen[key] = kind
            for short in key_variants(key)[1:]:  # "Ar Raqqah" is also found as "Raqqah"
                short_kind = KIND_ASCII if kind >= KIND_ASCII else KIND_ALT
                if seen.get(short, 0) < short_kind:
                    seen[short] = short_kind
            loose = LOOSE_PREFIX + loose_key(key)  # transliteration variants, tried last
            if seen.get(loose, 0) < KIND_ALT:
                seen[loose] = KIND_ALT
        self._names.extend((key, gid, kind) for key, kind in seen.items())
        self.n_names += len(seen)
        if len(self._names) >= 200_000:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows."""
        if self._places:
            self.db.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                                self._places)
            self._places.clear()
        if self._names:
            self.db.executemany("INSERT INTO names VALUES (?,?,?)", self._names)
            self._names.clear()

    def set_country(self, cc: str, iso3: str | None, name: str | None, gid: int | None,
                    lat: float | None, lon: float | None, pop: int | None) -> None:
        """Add or update a country; None fields keep what the file already has."""
        self.db.execute("INSERT OR IGNORE INTO countries (cc) VALUES (?)", (cc,))
        for col, val in (("iso3", iso3), ("name", name), ("gid", gid), ("lat", lat),
                         ("lon", lon), ("pop", pop)):
            if val is not None:
                self.db.execute(f"UPDATE countries SET {col} = ? WHERE cc = ?", (val, cc))

    def set_admin1(self, cc: str, code: str, name: str | None, gid: int | None,
                   lat: float | None = None, lon: float | None = None) -> None:
        """Add or update a first-order division; None fields keep what is there."""
        self.db.execute("INSERT OR IGNORE INTO admin1 (cc, code) VALUES (?, ?)", (cc, code))
        for col, val in (("name", name), ("gid", gid), ("lat", lat), ("lon", lon)):
            if val is not None:
                self.db.execute(f"UPDATE admin1 SET {col} = ? WHERE cc = ? AND code = ?",
                                (val, cc, code))

    def set_admin2(self, cc: str, a1: str, code: str, name: str | None, gid: int | None,
                   lat: float | None = None, lon: float | None = None) -> None:
        """Add or update a second-order division; None fields keep what is there."""
        self.db.execute("INSERT OR IGNORE INTO admin2 (cc, a1, code) VALUES (?, ?, ?)",
                        (cc, a1, code))
        for col, val in (("name", name), ("gid", gid), ("lat", lat), ("lon", lon)):
            if val is not None:
                self.db.execute(
                    f"UPDATE admin2 SET {col} = ? WHERE cc = ? AND a1 = ? AND code = ?",
                    (val, cc, a1, code))

    def close(self, meta: dict[str, str] | None = None) -> None:
        """Flush, deduplicate names, index and close the file."""
        self.flush()
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        for k, v in (meta or {}).items():
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (k, v))
        self.db.commit()
        self.db.execute("CREATE INDEX names_key ON names (key, gid)")
        self.db.commit()
        self.db.execute("ANALYZE")
        self.db.commit()
        self.db.close()


# ---------------------------------------------------------------------------------------------
# GeoNames dump files
# ---------------------------------------------------------------------------------------------

_COUNTRY_CODES = ("PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR")


def open_text(path: Path | str) -> Iterator[str]:
    """Lines of a GeoNames text file, or of the first matching ``.txt`` inside a ``.zip``."""
    import io
    import zipfile

    path = Path(path)
    if not path.is_file():
        raise MissingFileError(f"no such file: {path}")
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if m.endswith(".txt")
                       and "readme" not in m.lower()]
            if not members:
                raise InputError(f"{path} holds no GeoNames .txt file")
            with zf.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    else:
        with path.open(encoding="utf-8", newline="\n") as fh:
            yield from fh


def read_geonames(path: Path | str) -> Iterator[list[str]]:
    """Rows of a GeoNames dump (allCountries, XX, citiesN) as 19-field lists; malformed skipped."""
    for line in open_text(path):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.rstrip("\n").split("\t")
        if len(row) >= 19 and row[0].isdigit():
            yield row


def ingest_geonames(writer: GazetteerWriter, path: Path | str,
                    progress: object | None = None) -> int:
    """Stream a GeoNames dump into ``writer``; returns the number of places read.

    Countries (PCL*) and ADM1/ADM2 rows also set the representative points of the code tables.
    ``progress``, if given, is called with the number of bytes-ish rows read so far every 10,000.
    """
    n = 0
    for row in read_geonames(path):
        gid = int(row[0])
        name, ascii_name, alts = row[1], row[2], row[3]
        try:
            lat, lon = float(row[4]), float(row[5])
        except ValueError:
            continue
        fclass, fcode, cc, a1, a2 = row[6], row[7], row[8], row[10], row[11]
        pop = int(row[14]) if row[14].strip().lstrip("-").isdigit() else 0
        writer.add_place(gid, name, lat, lon, fclass, fcode, cc, a1, a2, max(pop, 0))
        names = [(name, KIND_NAME), (ascii_name, KIND_ASCII)]
        names += [(a, KIND_ALT) for a in alts.split(",") if useful_alias(a)]
        writer.add_names(gid, names)
        if fclass == "A":
            if fcode in _COUNTRY_CODES and cc:
                writer.set_country(cc, None, None, gid, lat, lon, None)
            elif fcode == "ADM1" and cc and a1:
                writer.set_admin1(cc, a1, None, gid, lat, lon)
            elif fcode == "ADM2" and cc and a1 and a2:
                writer.set_admin2(cc, a1, a2, None, gid, lat, lon)
        n += 1
        if progress is not None and n % 10_000 == 0:
            progress(10_000)  # type: ignore[operator]
    return n


def ingest_admin_codes(writer: GazetteerWriter, path: Path | str, level: int) -> int:
    """Read admin1CodesASCII.txt (``level=1``) or admin2Codes.txt (``level=2``)."""
    n = 0
    for line in open_text(path):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 4 or not parts[3].strip().isdigit():
            continue
        codes = parts[0].split(".")
        gid = int(parts[3])
        if level == 1 and len(codes) == 2:
            writer.set_admin1(codes[0], codes[1], parts[2] or parts[1], gid)
        elif level == 2 and len(codes) == 3:
            writer.set_admin2(codes[0], codes[1], codes[2], parts[2] or parts[1], gid)
        else:
            continue
        n += 1
    return n


def ingest_country_info(writer: GazetteerWriter, path: Path | str) -> int:
    """Read GeoNames countryInfo.txt: ISO codes, names, populations and GeoNames ids."""
    n = 0
    for line in open_text(path):
        if line.startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 17 or len(parts[0]) != 2:
            continue
        gid = int(parts[16]) if parts[16].isdigit() else None
        pop = int(parts[7]) if parts[7].isdigit() else None
        writer.set_country(parts[0], parts[1], parts[4], gid, None, None, pop)
        n += 1
    return n


def finish_admin_places(writer: GazetteerWriter) -> None:
    """Make sure every country and admin area with a point is also a findable place."""
    db = writer.db
    writer.flush()
    for cc, name, gid, lat, lon, pop in db.execute(
            "SELECT cc, name, gid, lat, lon, pop FROM countries WHERE gid IS NOT NULL AND "
            "lat IS NOT NULL AND gid NOT IN (SELECT gid FROM places)").fetchall():
        writer.add_place(gid, name, lat, lon, "A", "PCLI", cc, "", "", pop or 0)
        writer.add_names(gid, [(name, KIND_NAME)])
    for cc, code, name, gid, lat, lon in db.execute(
            "SELECT cc, code, name, gid, lat, lon FROM admin1 WHERE gid IS NOT NULL AND "
            "lat IS NOT NULL AND gid NOT IN (SELECT gid FROM places)").fetchall():
        writer.add_place(gid, name, lat, lon, "A", "ADM1", cc, code, "", 0)
        writer.add_names(gid, [(name, KIND_NAME)])
    writer.flush()


_SKIP_LANGS = frozenset({"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "tcid"})


def ingest_alternate_names(writer: GazetteerWriter, path: Path | str,
                           progress: object | None = None) -> int:
    """Stream GeoNames alternateNamesV2 rows (id, geonameid, lang, name, ...) into ``writer``.

    Links, postal codes and airport codes are skipped; names of ids that are not places in the
    file are harmless (lookups join on places).
    """
    n = 0
    batch: list[tuple[str, int]] = []
    for line in open_text(path):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 4 or not parts[1].isdigit() or parts[2] in _SKIP_LANGS:
            continue
        if not useful_alias(parts[3]):
            continue
        writer.add_names(int(parts[1]), [(parts[3], KIND_ALT)])
        n += 1
        if progress is not None and n % 10_000 == 0:
            progress(10_000)  # type: ignore[operator]
    del batch
    return n


# ---------------------------------------------------------------------------------------------
# the gazetteer sources registry (eventcoder.registry.gazetteer_sources, entry-point group
# eventcoder_gazetteer_sources): name -> (writer, path, progress=None) -> places read

_registry.register("geonames", func=ingest_geonames)
