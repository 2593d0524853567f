"""Review hold: new listings of clusters that require review wait for a curator.

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('listing_flags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('awaiting_review', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.create_index(batch_op.f('ix_listing_flags_awaiting_review'), ['awaiting_review'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('listing_flags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_listing_flags_awaiting_review'))
        batch_op.drop_column('awaiting_review')
