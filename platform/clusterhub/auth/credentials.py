"""Connector credentials service: each cluster's client id and secret; issue, rotate, revoke."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, update
from sqlmodel import Session, select

from ..catalog import clusters
from ..errors import Conflict, NotFound
from ..messages import N_
from ..models import utcnow
from .models import AccessToken, ConnectorClient
from .oauth2 import PUBLISH, digest


@dataclass(frozen=True)
class Issued:
    """A client and its secret in clear text: shown once, never stored."""

    client: ConnectorClient
    secret: str


def _require_cluster(s: Session, cluster: str) -> None:
    if clusters.get(s, cluster) is None:
        raise NotFound(N_("No cluster %(cluster)s."), cluster=repr(cluster))


def active(s: Session, cluster: str) -> ConnectorClient | None:
    """The cluster's client that is not revoked, if any."""
    return s.exec(select(ConnectorClient).where(ConnectorClient.cluster == cluster,
                                                ConnectorClient.revoked_at.is_(None))).first()


def active_by_cluster(s: Session) -> dict[str, ConnectorClient]:
    rows = s.exec(select(ConnectorClient).where(ConnectorClient.revoked_at.is_(None))).all()
    return {row.cluster: row for row in rows}


def live_tokens(s: Session, client: ConnectorClient) -> int:
    """How many unexpired, unrevoked tokens the client holds now."""
    return s.exec(select(func.count()).select_from(AccessToken).where(
        AccessToken.client_pk == client.id, AccessToken.revoked_at.is_(None),
        AccessToken.expires_at > utcnow())).one()


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


def issue(s: Session, cluster: str, by: str) -> Issued:
    """A new client for a cluster that has none; Conflict if it has one (rotate it instead)."""
    _require_cluster(s, cluster)
    if active(s, cluster) is not None:
        raise Conflict(N_("Cluster %(cluster)s has credentials already: rotate or revoke them."),
                       cluster=repr(cluster))
    secret = _new_secret()
    client = ConnectorClient(client_id=f"{cluster}-{secrets.token_hex(6)}", secret_hash=digest(secret),
                             cluster=cluster, scope=PUBLISH, updated_by=by)
    s.add(client)
    s.flush()
    return Issued(client, secret)


def _revoke_tokens(s: Session, client: ConnectorClient) -> None:
    s.exec(update(AccessToken).where(AccessToken.client_pk == client.id,
                                     AccessToken.revoked_at.is_(None)).values(revoked_at=utcnow()))


def rotate(s: Session, cluster: str, by: str) -> Issued:
    """A new secret for the cluster's client; the old secret and every token from it stop working."""
    _require_cluster(s, cluster)
    client = active(s, cluster)
    if client is None:
        raise NotFound(N_("Cluster %(cluster)s has no credentials to rotate: issue them first."),
                       cluster=repr(cluster))
    secret = _new_secret()
    client.secret_hash, client.rotated_at, client.updated_by = digest(secret), utcnow(), by
    s.add(client)
    _revoke_tokens(s, client)
    return Issued(client, secret)


def revoke(s: Session, cluster: str, by: str) -> ConnectorClient:
    """Revoke the cluster's client and its tokens; the cluster can no longer push until reissued."""
    _require_cluster(s, cluster)
    client = active(s, cluster)
    if client is None:
        raise NotFound(N_("Cluster %(cluster)s has no credentials to revoke."), cluster=repr(cluster))
    client.revoked_at, client.updated_by = utcnow(), by
    s.add(client)
    _revoke_tokens(s, client)
    return client
