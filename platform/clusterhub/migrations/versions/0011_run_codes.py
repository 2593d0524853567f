"""Sync runs and record issues keep their message as a code with parameters (translated when
shown) beside the English text.

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    for table in ('sync_runs', 'sync_issues'):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('code', sa.String(length=60), nullable=True))
            batch.add_column(sa.Column('params', JSON, nullable=True))


def downgrade() -> None:
    for table in ('sync_issues', 'sync_runs'):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('params')
            batch.drop_column('code')
