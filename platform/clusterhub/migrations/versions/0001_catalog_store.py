"""The catalog store: clusters, listings, sync runs and issues, catalog state.

Revision ID: 0001
Revises: 
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('catalog_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('changed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('clusters',
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('region', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('record', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('requires_review', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clusters_region'), ['region'], unique=False)

    op.create_table('listings',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=220), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('cluster', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('source_id', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('document', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('source_updated_at', sa.Date(), nullable=True),
    sa.Column('first_seen_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('synced_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('withdrawn_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['cluster'], ['clusters.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('cluster', 'kind', 'source_id')
    )
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_listings_cluster'), ['cluster'], unique=False)
        batch_op.create_index(batch_op.f('ix_listings_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_listings_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_listings_updated_at'), ['updated_at'], unique=False)

    op.create_table('sync_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cluster', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('trigger', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('dry_run', sa.Boolean(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('finished_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('seen', sa.Integer(), nullable=False),
    sa.Column('added', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('withdrawn', sa.Integer(), nullable=False),
    sa.Column('restored', sa.Integer(), nullable=False),
    sa.Column('errored', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cluster'], ['clusters.code'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sync_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_runs_cluster'), ['cluster'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_runs_started_at'), ['started_at'], unique=False)

    op.create_table('sync_issues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('severity', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('source_id', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['sync_runs.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sync_issues', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_issues_run_id'), ['run_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sync_issues', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_issues_run_id'))

    op.drop_table('sync_issues')
    with op.batch_alter_table('sync_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_runs_started_at'))
        batch_op.drop_index(batch_op.f('ix_sync_runs_cluster'))

    op.drop_table('sync_runs')
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_listings_updated_at'))
        batch_op.drop_index(batch_op.f('ix_listings_status'))
        batch_op.drop_index(batch_op.f('ix_listings_kind'))
        batch_op.drop_index(batch_op.f('ix_listings_cluster'))

    op.drop_table('listings')
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clusters_region'))

    op.drop_table('clusters')
    op.drop_table('catalog_state')
