"""Near-duplicate articles: each article's MinHash signature and LSH band keys, and copy_of.

``articles.copy_of`` names the stored article a copy (a republished or lightly edited text) was
linked to instead of being coded; ``articles.minhash`` is the signature
(:mod:`eventcoder.dedup.near`); ``article_bands`` holds its band keys, indexed on
(band, bucket) so that the candidates of a new article are found without a scan. Articles
stored before this migration have no signature: they are not found as originals (a copy of
one is coded as before).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    id_type = sa.String(255).with_variant(sa.Text(), "postgresql")
    op.add_column("articles", sa.Column("copy_of", id_type, nullable=True))
    op.add_column("articles", sa.Column("minhash", sa.LargeBinary, nullable=True))
    op.create_index("ix_articles_copy_of", "articles", ["copy_of"])
    op.create_table(
        "article_bands",
        sa.Column("article_id", id_type, nullable=False),
        sa.Column("band", sa.SmallInteger, nullable=False),
        sa.Column("bucket", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "band", name="pk_article_bands"),
    )
    op.create_index("ix_article_bands_band_bucket", "article_bands", ["band", "bucket"])


def downgrade() -> None:
    op.drop_table("article_bands")
    op.drop_index("ix_articles_copy_of", table_name="articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("minhash")
        batch.drop_column("copy_of")
