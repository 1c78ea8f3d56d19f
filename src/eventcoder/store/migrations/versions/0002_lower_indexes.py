"""Expression indexes on lower(...) for the case-insensitive filters of query_events.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

COLUMNS = ("country", "iso3", "admin1", "event_type", "sub_event_type")


def upgrade() -> None:
    for col in COLUMNS:
        op.create_index(f"ix_events_lower_{col}", "events", [sa.text(f"lower({col})")])


def downgrade() -> None:
    for col in COLUMNS:
        op.drop_index(f"ix_events_lower_{col}", table_name="events")
