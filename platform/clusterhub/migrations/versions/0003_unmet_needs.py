"""Unmet needs: the "tell us what you need" submissions of the search page.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('unmet_needs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('query', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('filters', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('contact_email', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('locale', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('unmet_needs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unmet_needs_created_at'), ['created_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('unmet_needs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unmet_needs_created_at'))

    op.drop_table('unmet_needs')
