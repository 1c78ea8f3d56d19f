"""Exports: table, JSONL, ACLED-style CSV, GeoJSON and Parquet writers for events.

Public interface: ``write_events(events, fmt, out) -> int`` and ``FORMATS``; see
:mod:`eventcoder.export.writers` and ``docs/formats.md``.
"""

from .writers import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    EXTRA_COLUMNS,
    FORMATS,
    country_codes,
    csv_row,
    event_record,
    geojson_feature,
    parquet_schema,
    write_events,
)

__all__ = [
    "ACLED_COLUMNS", "CSV_COLUMNS", "EXTRA_COLUMNS", "FORMATS", "country_codes", "csv_row", "event_record",
    "geojson_feature", "parquet_schema", "write_events",
]
