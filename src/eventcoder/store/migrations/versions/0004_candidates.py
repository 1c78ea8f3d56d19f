"""Candidates: every segment with an event word and what it was found to be.

``reported`` candidates point at the event they are evidence of; the others (background,
hypothetical, negated, generic, out_of_scope) keep their reason so a reviewer can see why a
sentence was not coded.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    id_type = sa.String(255).with_variant(sa.Text(), "postgresql")
    op.create_table(
        "candidates",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", id_type, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("sub_event_type", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("event_id", id_type),
    )
    op.create_index("ix_candidates_article_id", "candidates", ["article_id"])
    op.create_index("ix_candidates_status", "candidates", ["status"])
    op.create_index("ix_candidates_event_id", "candidates", ["event_id"])


def downgrade() -> None:
    op.drop_table("candidates")
