"""Exports: table, JSONL, ACLED-style CSV, GeoJSON and Parquet writers for events.

Public interface: ``write_events(events, fmt, out)``; see :mod:`eventcoder.export.writers`.
"""
