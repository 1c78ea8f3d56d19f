"""Exports: table, JSONL, ACLED-style CSV, GeoJSON and Parquet (a Hive-partitioned dataset)
writers for events.

Public interface: ``write_events(events, fmt, out) -> int``, ``FORMATS`` (the built-ins) and
``export_formats()`` (with plugins': :data:`eventcoder.registry.exports`, entry-point group
``eventcoder_exports``); see
:mod:`eventcoder.export.writers` and ``docs/formats.md``.
"""

from .writers import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    EXTRA_COLUMNS,
    FORMATS,
    ExportFormat,
    country_codes,
    csv_row,
    event_record,
    export_format,
    export_formats,
    geojson_feature,
    parquet_dataset_schema,
    parquet_partitioning,
    parquet_schema,
    with_sources,
    write_events,
)

__all__ = [
    "ACLED_COLUMNS", "CSV_COLUMNS", "EXTRA_COLUMNS", "FORMATS", "ExportFormat", "country_codes",
    "csv_row", "event_record", "export_format", "export_formats", "geojson_feature",
    "parquet_dataset_schema", "parquet_partitioning", "parquet_schema", "with_sources",
    "write_events",
]
