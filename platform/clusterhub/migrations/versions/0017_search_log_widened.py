"""The search log notes a widened search: the places read from q that held no listing with its
words (the search showed the whole federation), and those words, so the gap report can list "no
listing in <place> for <words>" as a gap of that place. NULL for every earlier line.

Revision ID: 0017
Revises: 0016
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table('search_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('widened', JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('search_log', schema=None) as batch_op:
        batch_op.drop_column('widened')
