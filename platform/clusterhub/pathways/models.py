"""SQLModel tables of pathways: curated templates, a company's pathway, its stages and hand-off files."""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ..models import JSONType, utcnow


class PathwayTemplate(SQLModel, table=True):
    """A curated template: an ordered list of stages as data (seed.json), versioned on each edit."""

    __tablename__ = "pathway_templates"

    key: str = Field(primary_key=True, max_length=60)
    version: int = Field(default=1)
    data: dict = Field(sa_column=sa.Column(JSONType, nullable=False))
    active: bool = Field(default=True)
    updated_by: str = Field(default="", max_length=200)
    updated_at: datetime = Field(default_factory=utcnow)


class Pathway(SQLModel, table=True):
    """A company's pathway request: one inquiry request whose tickets run in order, one per stage."""

    __tablename__ = "pathways"

    id: Optional[int] = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="inquiry_requests.id", index=True, unique=True)
    template_key: str = Field(max_length=60, index=True)
    template_version: int = 1
    title: dict = Field(default_factory=dict, sa_column=sa.Column(JSONType, nullable=False))
    start_on: date
    created_at: datetime = Field(default_factory=utcnow, index=True)


class PathwayStage(SQLModel, table=True):
    """One stage of a pathway: its provider, its ticket, its dates and its hand-off to the next stage."""

    __tablename__ = "pathway_stages"
    __table_args__ = (sa.UniqueConstraint("pathway_id", "position"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    pathway_id: int = Field(foreign_key="pathways.id", index=True)
    position: int
    stage_key: str = Field(max_length=60)
    title: dict = Field(default_factory=dict, sa_column=sa.Column(JSONType, nullable=False))
    listing_id: str = Field(max_length=220)
    cluster: str = Field(foreign_key="clusters.code", max_length=40, index=True)
    ticket_id: int = Field(foreign_key="inquiry_tickets.id", unique=True)
    duration_days: int
    handoff: dict = Field(default_factory=dict, sa_column=sa.Column(JSONType, nullable=False))
    # The cluster's revised end when it runs late; later stages' expected dates move with it.
    revised_end: Optional[date] = None
    completed_on: Optional[date] = None
    # When the next stage's cluster was told this stage is done (None: not yet, or the last stage).
    notified_next_at: Optional[datetime] = None
    handoff_note: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))
    # The company's recorded consent to pass this stage's results to the next stage's cluster.
    handoff_consent_at: Optional[datetime] = None
    handoff_consent_by: Optional[int] = Field(default=None, foreign_key="users.id")


class HandoffFile(SQLModel, table=True):
    """A result file of a stage, passed to the next stage's cluster once the company consents."""

    __tablename__ = "pathway_handoff_files"

    id: Optional[int] = Field(default=None, primary_key=True)
    stage_id: int = Field(foreign_key="pathway_stages.id", index=True)
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=120)
    size: int
    data: bytes = Field(sa_column=sa.Column(sa.LargeBinary, nullable=False))
    uploaded_by: Optional[int] = Field(default=None, foreign_key="users.id")
    created_at: datetime = Field(default_factory=utcnow)
