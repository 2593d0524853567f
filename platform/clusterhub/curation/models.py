"""SQLModel tables of curation: category mappings, thesaurus entries, the audit log."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ..models import JSONType, utcnow




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


class DismissedDuplicate(SQLModel, table=True):
    """A pair of listings a curator said are not one thing: never proposed again."""

    __tablename__ = "dismissed_duplicates"
    __table_args__ = (sa.UniqueConstraint("first", "second"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    first: str = Field(max_length=220)   # the smaller id of the pair
    second: str = Field(max_length=220)
    reason: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))
    created_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)


class MappingRequest(SQLModel, table=True):
    """An operator's request that the foundation map one of the cluster's source words."""

    __tablename__ = "mapping_requests"
    __table_args__ = (sa.UniqueConstraint("cluster", "field", "term"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    cluster: str = Field(foreign_key="clusters.code", max_length=40, index=True)
    field: str = Field(default="categories", max_length=60)
    term: str = Field(max_length=200)
    note: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))
    requested_by: str = Field(default="", max_length=200)
    run_id: Optional[int] = None
    created_at: datetime = Field(default_factory=utcnow)
