"""Initial schema: articles, events, event_articles, evidence, event_revisions.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('articles',
    sa.Column('id', sa.String(length=255), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_articles_content_hash'))
    )
    op.create_index(op.f('ix_articles_published'), 'articles', ['published'])

    op.create_table('events',
    sa.Column('event_id', sa.String(length=255), nullable=False),
    sa.Column('event_date', sa.Date(), nullable=True),
    sa.Column('time_precision', sa.SmallInteger(), nullable=False),
    sa.Column('disorder_type', sa.String(length=64), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=False),
    sa.Column('sub_event_type', sa.String(length=64), nullable=False),
    sa.Column('plover_type', sa.String(length=32), nullable=True),
    sa.Column('actor1', sa.Text(), nullable=True),
    sa.Column('assoc_actor_1', sa.Text(), nullable=True),
    sa.Column('inter1', sa.SmallInteger(), nullable=False),
    sa.Column('actor2', sa.Text(), nullable=True),
    sa.Column('assoc_actor_2', sa.Text(), nullable=True),
    sa.Column('inter2', sa.SmallInteger(), nullable=False),
    sa.Column('interaction', sa.SmallInteger(), nullable=False),
    sa.Column('civilian_targeting', sa.Boolean(), nullable=False),
    sa.Column('country', sa.String(length=128), nullable=True),
    sa.Column('iso3', sa.String(length=3), nullable=True),
    sa.Column('admin1', sa.String(length=255), nullable=True),
    sa.Column('admin2', sa.String(length=255), nullable=True),
    sa.Column('admin3', sa.String(length=255), nullable=True),
    sa.Column('location', sa.Text(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.SmallInteger(), nullable=False),
    sa.Column('geonames_id', sa.BigInteger(), nullable=True),
    sa.Column('fatalities', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('sources_count', sa.Integer(), nullable=False),
    sa.Column('location_reason', sa.Text(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_events'))
    )
    op.create_index(op.f('ix_events_admin1'), 'events', ['admin1'])
    op.create_index(op.f('ix_events_country'), 'events', ['country'])
    op.create_index('ix_events_date_id', 'events', ['event_date', 'event_id'])
    op.create_index(op.f('ix_events_event_date'), 'events', ['event_date'])
    op.create_index(op.f('ix_events_event_type'), 'events', ['event_type'])
    op.create_index(op.f('ix_events_iso3'), 'events', ['iso3'])
    op.create_index(op.f('ix_events_status'), 'events', ['status'])
    op.create_index(op.f('ix_events_sub_event_type'), 'events', ['sub_event_type'])

    op.create_table('event_articles',
    sa.Column('event_id', sa.String(length=255), nullable=False),
    sa.Column('article_id', sa.String(length=255), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], name=op.f('fk_event_articles_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'article_id', name=op.f('pk_event_articles'))
    )
    op.create_index(op.f('ix_event_articles_article_id'), 'event_articles', ['article_id'])

    op.create_table('event_revisions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=255), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('replaced_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], name=op.f('fk_event_revisions_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_revisions'))
    )
    op.create_index(op.f('ix_event_revisions_event_id'), 'event_revisions', ['event_id'])

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=255), nullable=False),
    sa.Column('article_id', sa.String(length=255), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], name=op.f('fk_evidence_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    op.create_index(op.f('ix_evidence_article_id'), 'evidence', ['article_id'])
    op.create_index(op.f('ix_evidence_event_id'), 'evidence', ['event_id'])



def downgrade() -> None:
    op.drop_index(op.f('ix_evidence_event_id'), table_name='evidence')
    op.drop_index(op.f('ix_evidence_article_id'), table_name='evidence')

    op.drop_table('evidence')
    op.drop_index(op.f('ix_event_revisions_event_id'), table_name='event_revisions')

    op.drop_table('event_revisions')
    op.drop_index(op.f('ix_event_articles_article_id'), table_name='event_articles')

    op.drop_table('event_articles')
    op.drop_index(op.f('ix_events_sub_event_type'), table_name='events')
    op.drop_index(op.f('ix_events_status'), table_name='events')
    op.drop_index(op.f('ix_events_iso3'), table_name='events')
    op.drop_index(op.f('ix_events_event_type'), table_name='events')
    op.drop_index(op.f('ix_events_event_date'), table_name='events')
    op.drop_index('ix_events_date_id', table_name='events')
    op.drop_index(op.f('ix_events_country'), table_name='events')
    op.drop_index(op.f('ix_events_admin1'), table_name='events')

    op.drop_table('events')
    op.drop_index(op.f('ix_articles_published'), table_name='articles')

    op.drop_table('articles')
