"""Reservations: calendar blocks and feeds, reservations, slots, booked hours, use, settlements.

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
from sqlalchemy.dialects import postgresql

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
STR = sqlmodel.sql.sqltypes.AutoString
WHEN = sqlmodel.sql.sqltypes.UTCDateTime()


def upgrade() -> None:
    op.create_table(
        'reservation_policies',
        sa.Column('cluster', STR(length=40), sa.ForeignKey('clusters.code'), primary_key=True),
        sa.Column('open_hour', sa.Integer(), nullable=False),
        sa.Column('close_hour', sa.Integer(), nullable=False),
        sa.Column('cancel_days', sa.Integer(), nullable=False),
        sa.Column('sme_discount_pct', sa.Integer(), nullable=False),
        sa.Column('note', STR(length=1000), nullable=False),
        sa.Column('updated_at', WHEN, nullable=False))
    op.create_table(
        'calendar_blocks',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('listing_id', STR(length=220), sa.ForeignKey('listings.id'), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('start_hour', sa.Integer(), nullable=False),
        sa.Column('end_hour', sa.Integer(), nullable=False),
        sa.Column('kind', STR(length=20), nullable=False),
        sa.Column('note', STR(length=500), nullable=False),
        sa.Column('source', STR(length=10), nullable=False),
        sa.Column('created_by', sa.Integer(), sa.ForeignKey('users.id'), nullable=True),
        sa.Column('created_at', WHEN, nullable=False))
    op.create_index('ix_calendar_blocks_listing_id', 'calendar_blocks', ['listing_id'])
    op.create_index('ix_calendar_blocks_day', 'calendar_blocks', ['day'])
    op.create_table(
        'calendar_feeds',
        sa.Column('listing_id', STR(length=220), sa.ForeignKey('listings.id'), primary_key=True),
        sa.Column('url', STR(length=1000), nullable=False),
        sa.Column('read_at', WHEN, nullable=True),
        sa.Column('ok_at', WHEN, nullable=True),
        sa.Column('events', sa.Integer(), nullable=False),
        sa.Column('error', sa.Text(), nullable=False))
    op.create_table(
        'reservations',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('listing_id', STR(length=220), sa.ForeignKey('listings.id'), nullable=False),
        sa.Column('cluster', STR(length=40), sa.ForeignKey('clusters.code'), nullable=False),
        sa.Column('ticket_id', sa.Integer(), sa.ForeignKey('inquiry_tickets.id'), nullable=False),
        sa.Column('company_id', sa.Integer(), sa.ForeignKey('companies.id'), nullable=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('mode', STR(length=20), nullable=False),
        sa.Column('status', STR(length=20), nullable=False),
        sa.Column('note', STR(length=2000), nullable=False),
        sa.Column('reason', STR(length=1000), nullable=False),
        sa.Column('created_at', WHEN, nullable=False),
        sa.Column('updated_at', WHEN, nullable=False))
    for column in ('listing_id', 'cluster', 'ticket_id', 'company_id', 'user_id', 'status', 'created_at'):
        op.create_index(f'ix_reservations_{column}', 'reservations', [column])
    op.create_table(
        'reservation_slots',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('reservation_id', sa.Integer(), sa.ForeignKey('reservations.id'), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('start_hour', sa.Integer(), nullable=False),
        sa.Column('end_hour', sa.Integer(), nullable=False))
    op.create_index('ix_reservation_slots_reservation_id', 'reservation_slots', ['reservation_id'])
    op.create_table(
        'booked_hours',
        sa.Column('listing_id', STR(length=220), sa.ForeignKey('listings.id'), primary_key=True),
        sa.Column('day', sa.Date(), primary_key=True),
        sa.Column('hour', sa.Integer(), primary_key=True),
        sa.Column('reservation_id', sa.Integer(), sa.ForeignKey('reservations.id'), nullable=False))
    op.create_index('ix_booked_hours_reservation_id', 'booked_hours', ['reservation_id'])
    op.create_table(
        'use_records',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('reservation_id', sa.Integer(), sa.ForeignKey('reservations.id'), nullable=False,
                  unique=True),
        sa.Column('hours', sa.Float(), nullable=False),
        sa.Column('samples', sa.Integer(), nullable=False),
        sa.Column('days', sa.Integer(), nullable=False),
        sa.Column('consumables', STR(length=1000), nullable=False),
        sa.Column('consumables_krw', sa.Integer(), nullable=False),
        sa.Column('notes', STR(length=4000), nullable=False),
        sa.Column('sme', sa.Boolean(), nullable=False),
        sa.Column('lines', JSON, nullable=False),
        sa.Column('computed_krw', sa.Integer(), nullable=False),
        sa.Column('adjustment_krw', sa.Integer(), nullable=False),
        sa.Column('adjustment_reason', STR(length=1000), nullable=False),
        sa.Column('total_krw', sa.Integer(), nullable=False),
        sa.Column('recorded_by', sa.Integer(), sa.ForeignKey('users.id'), nullable=True),
        sa.Column('recorded_at', WHEN, nullable=False))
    op.create_table(
        'settlements',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('ticket_id', sa.Integer(), sa.ForeignKey('inquiry_tickets.id'), nullable=False,
                  unique=True),
        sa.Column('total_krw', sa.Integer(), nullable=False),
        sa.Column('accepted_by', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('accepted_at', WHEN, nullable=False))


def downgrade() -> None:
    for table in ('settlements', 'use_records', 'booked_hours', 'reservation_slots', 'reservations',
                  'calendar_feeds', 'calendar_blocks', 'reservation_policies'):
        op.drop_table(table)
