"""Routing and escalation of unanswered tickets; survey campaigns with one-time invitations; gap triage.

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
from sqlalchemy.dialects import postgresql

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')


def upgrade() -> None:
    with op.batch_alter_table('inquiry_tickets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('escalation_level', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('escalated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))

    op.create_table('survey_campaigns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title_ko', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('title_en', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('questions', JSON, nullable=False),
    sa.Column('audience', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('cluster', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('period_from', sa.Date(), nullable=True),
    sa.Column('period_to', sa.Date(), nullable=True),
    sa.Column('closes_on', sa.Date(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('survey_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('reminded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('answered_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['survey_campaigns.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('campaign_id', 'email'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('survey_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_invitations_campaign_id'), ['campaign_id'], unique=False)
    op.create_table('survey_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('answers', JSON, nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['survey_campaigns.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_responses_campaign_id'), ['campaign_id'], unique=False)

    op.create_table('gap_triage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('query', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('merged_into', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('thesaurus_key', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('results_after', sa.Integer(), nullable=True),
    sa.Column('clusters', JSON, nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('decided_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('answered_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('query')
    )


def downgrade() -> None:
    op.drop_table('gap_triage')
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_responses_campaign_id'))
    op.drop_table('survey_responses')
    with op.batch_alter_table('survey_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_invitations_campaign_id'))
    op.drop_table('survey_invitations')
    op.drop_table('survey_campaigns')
    with op.batch_alter_table('inquiry_tickets', schema=None) as batch_op:
        batch_op.drop_column('escalated_at')
        batch_op.drop_column('escalation_level')
