"""A covering index for the regions of the statistics over a date range.

``GET /api/stats`` with a date range (the dashboard's date filter) reads the regions of the
whole months from ``stats_by_region_month`` (0011) and those of the partial months at the
ends of the range from the events themselves: up to half a month of events at each end. Found
through ``ix_events_event_date`` alone, each of those rows was read from the table (some
14,000 random reads for a million events over three years); ``(status, event_date, country,
admin1, fatalities)`` answers the grouped query from the index, one date range per status
asked for (the query names the statuses: ``status IN (...)``), never the table: a
date-range statistics request goes from about 80 to 43 ms of server CPU on a million events
(SQLite, ``benchmarks/bench_api.py``, docs/api.md). The status goes first so that the
queries that leave out rejected events with ``status NOT IN ('rejected')`` and bound the
date (cross-article blocking) cannot take this index for a date index: with it first on the
date, SQLite with ANALYZE statistics planned the blocking box by latitude alone.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

COLUMNS = ["status", "event_date", "country", "admin1", "fatalities"]


def upgrade() -> None:
    op.create_index("ix_events_stats_date_region", "events", COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_events_stats_date_region", table_name="events")
