"""Requests: basket requests, tickets per cluster, events, attachments, surveys, mail outbox, search log.

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
from sqlalchemy.dialects import postgresql

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mail_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('to', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_outbox_created_at'), ['created_at'], unique=False)

    op.create_table('search_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('query', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('filters', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('results', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('search_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_log_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_log_query'), ['query'], unique=False)

    op.create_table('inquiry_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('need', sa.Text(), nullable=False),
    sa.Column('timeline', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('budget', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('consent', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inquiry_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inquiry_requests_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiry_requests_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiry_requests_user_id'), ['user_id'], unique=False)

    op.create_table('inquiry_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['inquiry_requests.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inquiry_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inquiry_attachments_request_id'), ['request_id'], unique=False)

    op.create_table('inquiry_tickets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('cluster', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('listing_ids', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('categories', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('decline_reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('quote_amount', sa.Integer(), nullable=True),
    sa.Column('quote_valid_until', sa.Date(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('first_response_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cluster'], ['clusters.code'], ),
    sa.ForeignKeyConstraint(['request_id'], ['inquiry_requests.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inquiry_tickets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inquiry_tickets_cluster'), ['cluster'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiry_tickets_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiry_tickets_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiry_tickets_status'), ['status'], unique=False)

    op.create_table('inquiry_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_side', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['ticket_id'], ['inquiry_tickets.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inquiry_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inquiry_events_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('inquiry_surveys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('quality', sa.Integer(), nullable=False),
    sa.Column('speed', sa.Integer(), nullable=False),
    sa.Column('communication', sa.Integer(), nullable=False),
    sa.Column('comment', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['inquiry_tickets.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ticket_id')
    )


def downgrade() -> None:
    op.drop_table('inquiry_surveys')
    with op.batch_alter_table('inquiry_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiry_events_ticket_id'))

    op.drop_table('inquiry_events')
    with op.batch_alter_table('inquiry_tickets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiry_tickets_status'))
        batch_op.drop_index(batch_op.f('ix_inquiry_tickets_request_id'))
        batch_op.drop_index(batch_op.f('ix_inquiry_tickets_created_at'))
        batch_op.drop_index(batch_op.f('ix_inquiry_tickets_cluster'))

    op.drop_table('inquiry_tickets')
    with op.batch_alter_table('inquiry_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiry_attachments_request_id'))

    op.drop_table('inquiry_attachments')
    with op.batch_alter_table('inquiry_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiry_requests_user_id'))
        batch_op.drop_index(batch_op.f('ix_inquiry_requests_created_at'))
        batch_op.drop_index(batch_op.f('ix_inquiry_requests_company_id'))

    op.drop_table('inquiry_requests')
    with op.batch_alter_table('search_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_log_query'))
        batch_op.drop_index(batch_op.f('ix_search_log_day'))

    op.drop_table('search_log')
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_outbox_created_at'))

    op.drop_table('mail_outbox')
