"""Cross-article merges: ``event_merges`` maps an absorbed event id to its survivor.

When two stored events are found to be one (:mod:`eventcoder.dedup.cross`), the absorbed one's
row goes and its id stays resolvable through this table (``Store.resolve_id``,
``Store.get_event``), with its last version as JSON and the score and reasons of the merge.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    id_type = sa.String(255).with_variant(sa.Text(), "postgresql")
    op.create_table(
        "event_merges",
        sa.Column("absorbed_id", id_type, nullable=False),
        sa.Column("survivor_id", id_type, nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("absorbed_id", name="pk_event_merges"),
    )
    op.create_index("ix_event_merges_survivor_id", "event_merges", ["survivor_id"])


def downgrade() -> None:
    op.drop_index("ix_event_merges_survivor_id", table_name="event_merges")
    op.drop_table("event_merges")
