"""Shared column types and the sync tables (the catalog's own tables live in catalog/models.py)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    """Aware UTC: SQLModel's UTCDateTime stores and returns it the same on SQLite and PostgreSQL."""
    return datetime.now(timezone.utc)


class SyncRun(SQLModel, table=True):
    __tablename__ = "sync_runs"

    id: Optional[int] = Field(default=None, primary_key=True)
    cluster: str = Field(foreign_key="clusters.code", max_length=40, index=True)
    trigger: str = Field(default="cli", max_length=20)
    dry_run: bool = False
    outcome: str = Field(default="running", max_length=20)
    message: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))
    # The message as a code and its parameters (sync/messages.py), translated when shown; the
    # English `message` stays for the CLI and the logs. Runs before 0010 have neither.
    code: Optional[str] = Field(default=None, max_length=60)
    params: Optional[dict] = Field(default=None, sa_column=sa.Column(JSONType, nullable=True))
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
    # e.g. "sync.unknown_term" with {"vocabulary": "categories", "term": "Crohn's"}.
    code: Optional[str] = Field(default=None, max_length=60)
    params: Optional[dict] = Field(default=None, sa_column=sa.Column(JSONType, nullable=True))


class ClusterSource(SQLModel, table=True):
    """Where a sync of one cluster reads, set by an administrator (sync/sources.py resolves it).

    An empty field takes the environment's default: CONNECTOR_FILES_DIR/<code>,
    CONNECTOR_BASE_URL/<code>, the connector's own paging and page size, the secret
    CONNECTOR_API_KEY_<CODE>; in demo mode the generated samples. key_secret is the NAME of the
    secret holding the API key, never the key."""

    __tablename__ = "cluster_sources"

    cluster: str = Field(foreign_key="clusters.code", primary_key=True, max_length=40)
    files_dir: Optional[str] = Field(default=None, max_length=1000)
    base_url: Optional[str] = Field(default=None, max_length=1000)
    paging: Optional[str] = Field(default=None, max_length=40)
    page_size: Optional[int] = None
    organ: Optional[str] = Field(default=None, max_length=200)
    key_secret: Optional[str] = Field(default=None, max_length=128)
    updated_by: str = Field(default="", max_length=200)
    updated_at: datetime = Field(default_factory=utcnow)
