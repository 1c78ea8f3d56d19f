"""History with causes, and human decisions that stick.

Every stored version of an event (the current row in ``events`` and each replaced one in
``event_revisions``) records what made it: ``cause`` ("coded", "source added", "copy linked",
"merge", "review", "edit", "split"), ``changed_by`` (the user; empty for automatic changes),
``comment`` and ``detail`` (JSON: the merge policy's per-field changes, with the articles each
new value was read from and the rule that chose it). ``merge_decisions`` keeps a reviewer's
"these two events are different" (a split) so later dedup passes never merge them again.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_COLUMNS = ("cause", "changed_by", "comment", "detail")


def _columns() -> list[sa.Column]:
    return [sa.Column("cause", sa.String(32)), sa.Column("changed_by", sa.Text),
            sa.Column("comment", sa.Text), sa.Column("detail", sa.Text)]


def upgrade() -> None:
    for table in ("events", "event_revisions"):
        with op.batch_alter_table(table) as batch:
            for col in _columns():
                batch.add_column(col)
    id_type = sa.String(255).with_variant(sa.Text(), "postgresql")
    op.create_table(
        "merge_decisions",
        sa.Column("event_a", id_type, nullable=False),
        sa.Column("event_b", id_type, nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.Text),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("comment", sa.Text),
        sa.PrimaryKeyConstraint("event_a", "event_b", name="pk_merge_decisions"),
    )
    op.create_index("ix_merge_decisions_event_b", "merge_decisions", ["event_b"])


def downgrade() -> None:
    op.drop_index("ix_merge_decisions_event_b", table_name="merge_decisions")
    op.drop_table("merge_decisions")
    for table in ("event_revisions", "events"):
        with op.batch_alter_table(table) as batch:
            for name in _COLUMNS:
                batch.drop_column(name)
