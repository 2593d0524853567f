"""Connector credentials for tests: issue a cluster's client and fetch a real token from /oauth/token."""
from __future__ import annotations

import base64

from clusterhub import db
from clusterhub.auth import credentials


def issue_client(app, cluster: str) -> tuple[str, str]:
    """(client_id, client_secret) freshly issued to cluster."""
    with app.app_context(), db.session() as s:
        issued = credentials.issue(s, cluster, by="tests")
    return issued.client.client_id, issued.secret


def basic(client_id: str, secret: str) -> dict:
    raw = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}


def fetch_token(client, client_id: str, secret: str, scope: str | None = None) -> str:
    """A bearer token from the token endpoint, as a connector would get it."""
    data = {"grant_type": "client_credentials"}
    if scope:
        data["scope"] = scope
    r = client.post("/oauth/token", data=data, headers=basic(client_id, secret))
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.json["access_token"]


def bearer(app, cluster: str) -> dict:
    """The Authorization header of a fresh token for cluster's (newly issued) client."""
    client_id, secret = issue_client(app, cluster)
    return {"Authorization": f"Bearer {fetch_token(app.test_client(), client_id, secret)}"}
