"""SQLModel tables of curation: overrides, listing flags, category mappings, thesaurus, audit."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ..models import JSONType, utcnow


class ListingOverride(SQLModel, table=True):
    """A curator's value for one field of a listing, kept apart from the source document."""

    __tablename__ = "listing_overrides"
    __table_args__ = (sa.UniqueConstraint("listing_id", "field"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    listing_id: str = Field(foreign_key="listings.id", max_length=220, index=True)
    field: str = Field(max_length=120)
    value: Any = Field(default=None, sa_column=sa.Column(JSONType, nullable=True))
    # The source's value when the override was made: a later difference means "source changed".
    source_value: Any = Field(default=None, sa_column=sa.Column(JSONType, nullable=True))
    reason: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))
    created_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ListingFlags(SQLModel, table=True):
    """Curation state of a listing: hidden, featured, awaiting review, or merged into another."""

    __tablename__ = "listing_flags"

    listing_id: str = Field(foreign_key="listings.id", primary_key=True, max_length=220)
    hidden: bool = Field(default=False)
    featured: bool = Field(default=False)
    merged_into: Optional[str] = Field(default=None, max_length=220, index=True)
    # New listings of a cluster that requires review wait, unpublished, until a curator decides.
    awaiting_review: bool = Field(default=False, index=True)
    reviewed_at: Optional[datetime] = None
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def withheld(self) -> bool:
        """Not shown to the public: hidden by a curator or still awaiting review."""
        return self.hidden or self.awaiting_review


class CategoryMapping(SQLModel, table=True):
    """A curator's mapping of a cluster's source term to a shared vocabulary code."""

    __tablename__ = "category_mappings"
    __table_args__ = (sa.UniqueConstraint("cluster", "field", "term"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    cluster: str = Field(foreign_key="clusters.code", max_length=40, index=True)
    field: str = Field(default="categories", max_length=60)
    term: str = Field(max_length=200)
    code: str = Field(max_length=80)
    created_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)


class ThesaurusEntry(SQLModel, table=True):
    """A curator's synonym entry: replaces the shipped entry of the same key, or adds one."""

    __tablename__ = "thesaurus_entries"

    id: Optional[int] = Field(default=None, primary_key=True)
    key: str = Field(max_length=80, unique=True)
    entry: dict = Field(default_factory=dict, sa_column=sa.Column(JSONType, nullable=False))
    created_by: str = Field(default="", max_length=200)
    updated_at: datetime = Field(default_factory=utcnow)


class AuditEntry(SQLModel, table=True):
    """One curation or operator action: who, when, what, before and after."""

    __tablename__ = "audit_entries"

    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(default="", max_length=200, index=True)
    role: str = Field(default="", max_length=20)
    action: str = Field(max_length=60, index=True)
    target: str = Field(default="", max_length=240, index=True)
    cluster: Optional[str] = Field(default=None, max_length=40, index=True)
    before: Any = Field(default=None, sa_column=sa.Column(JSONType, nullable=True))
    after: Any = Field(default=None, sa_column=sa.Column(JSONType, nullable=True))
    reason: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))
