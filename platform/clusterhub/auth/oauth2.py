"""OAuth2 authorization server for connectors (client credentials) and the bearer-token check."""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import ClientMixin, TokenMixin, grants
from authlib.oauth2.rfc6750 import BearerTokenValidator, InsufficientScopeError
from flask import Blueprint, Flask, current_app
from sqlalchemy import delete
from sqlmodel import select

from .. import db
from ..errors import Forbidden, Unauthenticated
from ..messages import N_
from ..models import utcnow
from . import csrf
from .models import AccessToken, ConnectorClient

EXTENSION = "clusterhub.oauth2"
PUBLISH = "catalog:publish"
bp = Blueprint("oauth", __name__)


def digest(secret: str) -> str:
    """SHA-256 of a generated secret or token: they carry 256 random bits, so a slow hash buys
    nothing and would only slow every token request down."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class Client(ClientMixin):
    """A connector client as authlib sees it, detached from the database session."""

    pk: int
    client_id: str
    secret_hash: str
    cluster: str
    scope: str

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        """The requested scope if the client holds all of it, its own scope if none was asked."""
        if not scope:
            return self.scope
        asked = set(scope.split())
        return " ".join(sorted(asked)) if asked <= set(self.scope.split()) else None

    def check_redirect_uri(self, redirect_uri):
        return False

    def check_client_secret(self, client_secret):
        return hmac.compare_digest(digest(client_secret), self.secret_hash)

    def check_endpoint_auth_method(self, method, endpoint):
        return endpoint == "token" and method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type):
        return False

    def check_grant_type(self, grant_type):
        return grant_type == "client_credentials"


@dataclass(frozen=True)
class Token(TokenMixin):
    """An issued bearer token: its cluster and scope, whether it expired or was revoked."""

    cluster: str
    scope: str
    expires_at: datetime
    revoked: bool

    def check_client(self, client):
        return True

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return max(0, int((self.expires_at - utcnow()).total_seconds()))

    def is_expired(self):
        return self.expires_at <= utcnow()

    def is_revoked(self):
        return self.revoked


class ClientCredentials(grants.ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


def _query_client(client_id: str) -> Client | None:
    with db.session() as s:
        row = s.exec(select(ConnectorClient).where(ConnectorClient.client_id == client_id,
                                                   ConnectorClient.revoked_at.is_(None))).first()
        if row is None:
            return None
        return Client(pk=row.id, client_id=row.client_id, secret_hash=row.secret_hash,
                      cluster=row.cluster, scope=row.scope)


def _save_token(token: dict, request) -> None:
    client: Client = request.client
    now = utcnow()
    with db.session() as s:
        # Expired tokens of this client are dead weight: drop them while adding the new one.
        s.exec(delete(AccessToken).where(AccessToken.client_pk == client.pk,
                                            AccessToken.expires_at < now - timedelta(days=1)))
        s.add(AccessToken(token_hash=digest(token["access_token"]), client_pk=client.pk,
                          cluster=client.cluster, scope=token.get("scope", ""), issued_at=now,
                          expires_at=now + timedelta(seconds=token["expires_in"])))


class TokenValidator(BearerTokenValidator):
    def authenticate_token(self, token_string: str) -> Token | None:
        with db.session() as s:
            row = s.exec(select(AccessToken, ConnectorClient)
                         .join(ConnectorClient, ConnectorClient.id == AccessToken.client_pk)
                         .where(AccessToken.token_hash == digest(token_string))).first()
            if row is None:
                return None
            token, client = row
            return Token(cluster=token.cluster, scope=token.scope, expires_at=token.expires_at,
                         revoked=token.revoked_at is not None or client.revoked_at is not None)


protector = ResourceProtector()
protector.register_token_validator(TokenValidator())


def require_cluster_token(cluster: str, scope: str = PUBLISH) -> Token:
    """The request's bearer token if it holds scope for cluster; Unauthenticated or Forbidden."""
    try:
        token = protector.acquire_token([scope])
    except InsufficientScopeError:
        raise Forbidden(N_("This token lacks the scope %(scope)s."), scope=scope) from None
    except OAuth2Error:
        raise Unauthenticated(N_("This needs 'Authorization: Bearer <token>' with a valid, unexpired "
                                 "token from POST /oauth/token.")) from None
    if token.cluster != cluster:
        raise Forbidden(N_("This token belongs to cluster %(owner)s, not %(cluster)s."),
                        owner=repr(token.cluster), cluster=repr(cluster))
    return token


@bp.post("/oauth/token")
@csrf.exempt
def token():
    """The token endpoint (RFC 6749 section 4.4); its errors keep the standard OAuth2 shape."""
    return current_app.extensions[EXTENSION].create_token_response()


def init_app(app: Flask) -> None:
    # One server per app: authlib reads the token lifetime from the app it was bound to.
    server = AuthorizationServer()
    app.config["OAUTH2_TOKEN_EXPIRES_IN"] = {"client_credentials": int(app.config["OAUTH2_TOKEN_LIFETIME"])}
    server.init_app(app, query_client=_query_client, save_token=_save_token)
    server.register_grant(ClientCredentials)
    app.extensions[EXTENSION] = server
    app.register_blueprint(bp)
