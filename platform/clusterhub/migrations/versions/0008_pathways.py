"""Pathways: curated templates, a company's pathway of ordered tickets, stages, hand-off files.

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
from sqlalchemy.dialects import postgresql

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pathway_templates',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('pathways',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('template_key', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('template_version', sa.Integer(), nullable=False),
    sa.Column('title', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['inquiry_requests.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pathways', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pathways_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_pathways_request_id'), ['request_id'], unique=True)
        batch_op.create_index(batch_op.f('ix_pathways_template_key'), ['template_key'], unique=False)

    op.create_table('pathway_stages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pathway_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('stage_key', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('title', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('listing_id', sqlmodel.sql.sqltypes.AutoString(length=220), nullable=False),
    sa.Column('cluster', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('duration_days', sa.Integer(), nullable=False),
    sa.Column('handoff', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('revised_end', sa.Date(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('notified_next_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('handoff_note', sa.Text(), nullable=False),
    sa.Column('handoff_consent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('handoff_consent_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['cluster'], ['clusters.code'], ),
    sa.ForeignKeyConstraint(['handoff_consent_by'], ['users.id'], ),
    sa.ForeignKeyConstraint(['pathway_id'], ['pathways.id'], ),
    sa.ForeignKeyConstraint(['ticket_id'], ['inquiry_tickets.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('pathway_id', 'position'),
    sa.UniqueConstraint('ticket_id')
    )
    with op.batch_alter_table('pathway_stages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pathway_stages_cluster'), ['cluster'], unique=False)
        batch_op.create_index(batch_op.f('ix_pathway_stages_pathway_id'), ['pathway_id'], unique=False)

    op.create_table('pathway_handoff_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['stage_id'], ['pathway_stages.id'], ),
    sa.ForeignKeyConstraint(['uploaded_by'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pathway_handoff_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pathway_handoff_files_stage_id'), ['stage_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('pathway_handoff_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pathway_handoff_files_stage_id'))

    op.drop_table('pathway_handoff_files')
    with op.batch_alter_table('pathway_stages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pathway_stages_pathway_id'))
        batch_op.drop_index(batch_op.f('ix_pathway_stages_cluster'))

    op.drop_table('pathway_stages')
    with op.batch_alter_table('pathways', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pathways_template_key'))
        batch_op.drop_index(batch_op.f('ix_pathways_request_id'))
        batch_op.drop_index(batch_op.f('ix_pathways_created_at'))

    op.drop_table('pathways')
    op.drop_table('pathway_templates')
