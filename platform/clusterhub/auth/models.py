"""SQLModel tables of people and access: users, companies, connector clients, tokens, throttling."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ..models import utcnow


class Company(SQLModel, table=True):
    """A company whose members search, save searches and send requests."""

    __tablename__ = "companies"

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    created_at: datetime = Field(default_factory=utcnow)


class User(SQLModel, table=True):
    """A person: a local account, an OIDC identity, or both; one role, one company or cluster."""

    __tablename__ = "users"
    __table_args__ = (sa.UniqueConstraint("oidc_issuer", "oidc_subject"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True)  # stored lower-cased
    name: str = Field(default="", max_length=200)
    role: str = Field(default="member", max_length=20, index=True)
    # "admin" when an admin assigned the role here, "claim" when the identity provider did
    role_source: str = Field(default="admin", max_length=10)
    cluster: Optional[str] = Field(default=None, foreign_key="clusters.code", max_length=40, index=True)
    company_id: Optional[int] = Field(default=None, foreign_key="companies.id", index=True)
    password_hash: Optional[str] = Field(default=None, max_length=255)
    oidc_issuer: Optional[str] = Field(default=None, max_length=500)
    oidc_subject: Optional[str] = Field(default=None, max_length=255)
    active: bool = True
    # Sessions remember the epoch they started in; bumping it ends them all (password, disable).
    session_epoch: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: Optional[datetime] = None
    # The language mail to this user is written in ("ko" or "en"): set by the language switch
    # while logged in, and on the account page.
    language: str = Field(default="ko", max_length=5, sa_column_kwargs={"server_default": "ko"})


class ConnectorClient(SQLModel, table=True):
    """A cluster's OAuth2 client for the client-credentials grant; the secret is kept hashed."""

    __tablename__ = "oauth_clients"

    id: Optional[int] = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=80, unique=True)
    secret_hash: str = Field(max_length=64)
    cluster: str = Field(foreign_key="clusters.code", max_length=40, index=True)
    scope: str = Field(default="catalog:publish", max_length=200)
    updated_by: str = Field(default="", max_length=320)
    created_at: datetime = Field(default_factory=utcnow)
    rotated_at: Optional[datetime] = None
    revoked_at: Optional[datetime] = None


class AccessToken(SQLModel, table=True):
    """A bearer token issued to a connector client; only its SHA-256 is stored."""

    __tablename__ = "oauth_tokens"

    id: Optional[int] = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    client_pk: int = Field(foreign_key="oauth_clients.id", index=True)
    cluster: str = Field(max_length=40)
    scope: str = Field(default="", max_length=200)
    issued_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(index=True)
    revoked_at: Optional[datetime] = None


class LoginFailure(SQLModel, table=True):
    """A failed local login, kept in the database so every worker counts the same failures."""

    __tablename__ = "login_failures"

    id: Optional[int] = Field(default=None, primary_key=True)
    account: str = Field(max_length=320, index=True)
    ip: str = Field(max_length=64, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)


class OidcState(SQLModel, table=True):
    """The state, nonce and PKCE verifier of a login in progress; taken once, so never replayed."""

    __tablename__ = "oidc_states"

    key: str = Field(primary_key=True, max_length=200)
    value: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    expires_at: datetime = Field(index=True)
