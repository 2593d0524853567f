"""Ticket events' note: what the platform adds to an event, as a code translated when shown. A
start without a quote was stored as the bilingual body "견적 불필요 / no quote needed"; it becomes
the note "no_quote" with an empty body.

Revision ID: 0015
Revises: 0014
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

OLD_BODY = "견적 불필요 / no quote needed"
events = sa.table("inquiry_events", sa.column("kind", sa.String), sa.column("status", sa.String),
                  sa.column("body", sa.Text), sa.column("note", sa.String))


def upgrade() -> None:
    with op.batch_alter_table('inquiry_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=20),
                                      nullable=False, server_default=''))
    op.execute(events.update().where(events.c.kind == "status", events.c.status == "in_progress",
                                     events.c.body == OLD_BODY).values(body="", note="no_quote"))


def downgrade() -> None:
    op.execute(events.update().where(events.c.note == "no_quote").values(body=OLD_BODY))
    with op.batch_alter_table('inquiry_events', schema=None) as batch_op:
        batch_op.drop_column('note')
