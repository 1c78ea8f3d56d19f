"""The HTTP API's background coding jobs in the database: ``api_jobs``.

``POST /api/articles`` with many articles becomes a job that ``GET /api/jobs/{id}`` shows.
The jobs lived in the memory of the server process that accepted them, so with several
worker processes (``eventcoder serve --workers N``) a job made in one was unknown to the
others, and a restart forgot them all. Here every process reads them; the process that
accepted a job still runs it and records its progress, its heartbeat and its outcome, and a
reader marks a job failed when its process is gone (``eventcoder.api.jobs``).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_jobs",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("submitted_by", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("settled", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("result", sa.Text()),
        sa.Column("error", sa.Text()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_jobs")),
    )


def downgrade() -> None:
    op.drop_table("api_jobs")
