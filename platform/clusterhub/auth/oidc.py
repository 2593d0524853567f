"""OIDC login with authlib's Flask client: code flow with PKCE, state, nonce, ID token checks."""
from __future__ import annotations

from datetime import timedelta

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, Response, current_app
from joserfc.errors import JoseError
from sqlalchemy import delete
from sqlmodel import select

from .. import db
from ..errors import Unauthenticated, Unavailable
from ..messages import N_
from ..models import utcnow
from .models import OidcState

EXTENSION = "clusterhub.oidc"
NO_ANSWER = N_("The identity provider does not answer (%(error)s).")
NAME = "oidc"


class OidcFailed(Unauthenticated):
    code = "oidc_failed"


class StateStore:
    """authlib's cache for login state, in the database: every worker sees it, and a state is
    taken at most once, so a replayed callback fails even with a copy of the old cookie."""

    def get(self, key: str) -> str | None:
        # authlib reads the state only to finish that login: reading it is taking it.
        with db.session() as s:
            row = s.exec(select(OidcState).where(OidcState.key == key)).first()
            if row is None:
                return None
            taken = s.exec(delete(OidcState).where(OidcState.key == key)).rowcount
            return row.value if taken == 1 and row.expires_at > utcnow() else None

    def set(self, key: str, value: str, expires: int | None = None) -> None:
        with db.session() as s:
            now = utcnow()
            s.exec(delete(OidcState).where((OidcState.key == key) | (OidcState.expires_at < now)))
            s.add(OidcState(key=key, value=value, expires_at=now + timedelta(seconds=expires or 600)))

    def delete(self, key: str) -> None:
        with db.session() as s:
            s.exec(delete(OidcState).where(OidcState.key == key))


def init_app(app: Flask) -> None:
    """Register the identity provider when OIDC_ISSUER is set; without it only local login works."""
    issuer = app.config.get("OIDC_ISSUER")
    if not issuer:
        return
    # One registry per app: authlib keeps the app and the discovered metadata on it.
    oauth = OAuth()
    oauth.init_app(app, cache=StateStore())
    oauth.register(NAME, client_id=app.config["OIDC_CLIENT_ID"],
                   client_secret=app.config["OIDC_CLIENT_SECRET"],
                   server_metadata_url=f"{issuer.rstrip('/')}/.well-known/openid-configuration",
                   client_kwargs={"scope": app.config["OIDC_SCOPE"], "code_challenge_method": "S256",
                                  "token_endpoint_auth_method": "client_secret_basic",
                                  "default_timeout": 10})
    app.extensions[EXTENSION] = oauth


def enabled(app: Flask | None = None) -> bool:
    return EXTENSION in (app or current_app).extensions


def _client():
    return current_app.extensions[EXTENSION].create_client(NAME)


def start(redirect_uri: str) -> Response:
    """Redirect to the provider; authlib keeps state, nonce and the PKCE verifier (S256)."""
    client = _client()
    try:
        client.load_server_metadata()
    except requests.RequestException as exc:
        raise Unavailable(NO_ANSWER, error=exc.__class__.__name__) from exc
    return client.authorize_redirect(redirect_uri)


def finish() -> dict:
    """The validated claims of the login that the provider redirected back with; OidcFailed else."""
    config = current_app.config
    client = _client()
    # Signature against the issuer's JWKS; issuer, audience, expiry and nonce checked as well.
    options = {"iss": {"essential": True, "value": config["OIDC_ISSUER"]},
               "aud": {"essential": True, "values": [config["OIDC_CLIENT_ID"]]},
               "sub": {"essential": True}, "exp": {"essential": True}, "iat": {"essential": True}}
    try:
        token = client.authorize_access_token(claims_options=options,
                                              leeway=int(config["OIDC_CLOCK_LEEWAY"]))
        claims = token.get("userinfo")
        if not claims:
            raise OidcFailed(N_("The identity provider sent no ID token."))
        claims = dict(claims)
        metadata = client.load_server_metadata()
        if metadata.get("userinfo_endpoint") and not claims.get("email"):
            claims = _with_userinfo(client, token, claims)
    except MismatchingStateError:
        raise OidcFailed(N_("This login was already completed or has expired: please log in again.")) from None
    except OAuthError as exc:
        raise OidcFailed(N_("The identity provider refused the login (%(error)s)."), error=exc.error) from exc
    except JoseError as exc:
        current_app.logger.warning("OIDC ID token rejected: %s %s", exc.error, exc.description)
        reason = exc.description or exc.error
        raise OidcFailed(N_("The identity provider's ID token is not valid (%(reason)s)."), reason=reason) from exc
    except requests.RequestException as exc:
        raise Unavailable(NO_ANSWER, error=exc.__class__.__name__) from exc
    return claims


def _with_userinfo(client, token: dict, claims: dict) -> dict:
    """Claims the ID token left to the UserInfo endpoint; the ID token's own claims win."""
    info = client.userinfo(token=token)
    if info.get("sub") != claims.get("sub"):
        raise OidcFailed(N_("The identity provider's UserInfo names another subject than the ID token."))
    return {**info, **claims}
