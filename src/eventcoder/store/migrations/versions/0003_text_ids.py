"""Article and event ids without a length limit on PostgreSQL (ids can be long URLs).

SQLite never enforces VARCHAR lengths, so nothing changes there.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

ID_COLUMNS = (
    ("articles", "id"), ("events", "event_id"), ("event_articles", "event_id"),
    ("event_articles", "article_id"), ("evidence", "event_id"), ("evidence", "article_id"),
    ("event_revisions", "event_id"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in ID_COLUMNS:
        op.alter_column(table, column, type_=sa.Text(), existing_type=sa.String(255))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in ID_COLUMNS:
        op.alter_column(table, column, type_=sa.String(255), existing_type=sa.Text())
