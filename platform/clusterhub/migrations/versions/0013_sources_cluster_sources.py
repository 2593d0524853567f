"""Each cluster's source as a setting (files folder, base URL, paging, page size, ZEUS organisation
filter, the name of the secret holding its API key). No rows are written: a cluster without a row,
or an empty field, keeps today's environment default (CONNECTOR_FILES_DIR/<code>,
CONNECTOR_BASE_URL/<code>, CONNECTOR_API_KEY_<CODE>; the samples in demo mode), so nothing changes
for existing installs or the demo.

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('cluster_sources',
    sa.Column('cluster', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('files_dir', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('base_url', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('paging', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('page_size', sa.Integer(), nullable=True),
    sa.Column('organ', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('key_secret', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cluster'], ['clusters.code'], ),
    sa.PrimaryKeyConstraint('cluster')
    )


def downgrade() -> None:
    op.drop_table('cluster_sources')
