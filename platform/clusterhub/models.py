"""SQLModel tables of the catalog store: clusters, listings, sync runs and sync issues."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    """Aware UTC: SQLModel's UTCDateTime stores and returns it the same on SQLite and PostgreSQL."""
    return datetime.now(timezone.utc)


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


class SyncRun(SQLModel, table=True):
    __tablename__ = "sync_runs"

    id: Optional[int] = Field(default=None, primary_key=True)
    cluster: str = Field(foreign_key="clusters.code", max_length=40, index=True)
    trigger: str = Field(default="cli", max_length=20)
    dry_run: bool = False
    outcome: str = Field(default="running", max_length=20)
    message: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))
    started_at: datetime = Field(default_factory=utcnow, index=True)
    finished_at: Optional[datetime] = None
    seen: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    restored: int = 0
    errored: int = 0

    @property
    def duration_s(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


class SyncIssue(SQLModel, table=True):
    __tablename__ = "sync_issues"

    id: Optional[int] = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="sync_runs.id", index=True)
    severity: str = Field(default="error", max_length=10)
    location: str = Field(default="", max_length=500)
    source_id: Optional[str] = Field(default=None, max_length=120)
    field: Optional[str] = Field(default=None, max_length=200)
    message: str = Field(sa_column=sa.Column(sa.Text, nullable=False))


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
