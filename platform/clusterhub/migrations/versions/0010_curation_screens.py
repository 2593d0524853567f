"""Curation screens: pairs of listings curators dismissed as "not a duplicate", and operators'
requests that the foundation map a source word.

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dismissed_duplicates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first', sqlmodel.sql.sqltypes.AutoString(length=220), nullable=False),
    sa.Column('second', sqlmodel.sql.sqltypes.AutoString(length=220), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('first', 'second')
    )
    op.create_table('mapping_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cluster', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('term', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('requested_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cluster'], ['clusters.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('cluster', 'field', 'term')
    )
    with op.batch_alter_table('mapping_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mapping_requests_cluster'), ['cluster'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('mapping_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mapping_requests_cluster'))
    op.drop_table('mapping_requests')
    op.drop_table('dismissed_duplicates')
