"""The catalog's tables: clusters, listings, their curation state (flags, overrides), the version."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ..models import JSONType, utcnow


class Cluster(SQLModel, table=True):
    __tablename__ = "clusters"

    code: str = Field(primary_key=True, max_length=40)
    region: str = Field(max_length=20, index=True)
    record: dict = Field(sa_column=sa.Column(JSONType, nullable=False))
    requires_review: bool = Field(default=False)
    updated_at: datetime = Field(default_factory=utcnow)

    def name(self, locale: str = "ko") -> str:
        names = self.record.get("name") or {}
        return names.get(locale) or names.get("ko") or names.get("en") or self.code

    def text(self, key: str, locale: str = "ko") -> str:
        value = self.record.get(key) or {}
        return value.get(locale) or value.get("ko") or value.get("en") or ""


class Listing(SQLModel, table=True):
    __tablename__ = "listings"
    __table_args__ = (sa.UniqueConstraint("cluster", "kind", "source_id"),)

    id: str = Field(primary_key=True, max_length=220)
    kind: str = Field(max_length=20, index=True)
    cluster: str = Field(foreign_key="clusters.code", max_length=40, index=True)
    source_id: str = Field(max_length=120)
    status: str = Field(default="active", max_length=20, index=True)
    document: dict = Field(sa_column=sa.Column(JSONType, nullable=False))
    content_hash: str = Field(max_length=64)
    source_updated_at: Optional[date] = None
    first_seen_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)
    synced_at: datetime = Field(default_factory=utcnow)
    withdrawn_at: Optional[datetime] = None


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


class CatalogState(SQLModel, table=True):
    """One row: a version that changes whenever the published catalog changes (for the index)."""

    __tablename__ = "catalog_state"

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    changed_at: datetime = Field(default_factory=utcnow)


class UnmetNeed(SQLModel, table=True):
    """A "tell us what you need" submission: input for the gap-technology report."""

    __tablename__ = "unmet_needs"

    id: Optional[int] = Field(default=None, primary_key=True)
    query: str = Field(default="", max_length=200)
    filters: dict = Field(default_factory=dict, sa_column=sa.Column(JSONType, nullable=False))
    description: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    contact_email: Optional[str] = Field(default=None, max_length=200)
    locale: str = Field(default="ko", max_length=5)
    created_at: datetime = Field(default_factory=utcnow, index=True)

