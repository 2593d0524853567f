"""Curation screens: pairs of listings curators dismissed as "not a duplicate".

Revision ID: 0010
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

revision = '0010'
down_revision = '0007'
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


def downgrade() -> None:
    op.drop_table('dismissed_duplicates')
