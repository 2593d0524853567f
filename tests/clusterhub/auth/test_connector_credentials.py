"""Connector credentials: client-credentials tokens bound to one cluster, rotation and revocation."""
from __future__ import annotations

import re
import time

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.auth import credentials
from clusterhub.auth.models import AccessToken, ConnectorClient
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.clusterhub.auth.tokens import basic, fetch_token, issue_client
from tests.conftest import build_app
from tests.schemas.samples import equipment
from schemas import load_clusters

PUSH = "/api/v1/clusters/{}/listings"
GRANT = {"grant_type": "client_credentials"}


def push(client, cluster: str, token: str | None, source_id: str = "EQ-1"):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    doc = equipment(source_id=source_id, cluster=cluster)
    return client.post(PUSH.format(cluster), json={"listings": [doc]}, headers=headers)


def test_a_token_publishes_for_its_own_cluster_only(client, app):
    kmedi_id, kmedi_secret = issue_client(app, "kmedihub")
    osong_id, osong_secret = issue_client(app, "kbiohealth")
    kmedi = fetch_token(client, kmedi_id, kmedi_secret)
    assert push(client, "kmedihub", kmedi).status_code == 200
    r = push(client, "kbiohealth", kmedi)
    assert r.status_code == 403 and r.json["code"] == "forbidden"
    assert push(client, "kbiohealth", fetch_token(client, osong_id, osong_secret)).status_code == 200


def test_the_token_response_follows_rfc_6749(client, app):
    client_id, secret = issue_client(app, "kmedihub")
    r = client.post("/oauth/token", data=GRANT, headers=basic(client_id, secret))
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    assert r.json["token_type"] == "Bearer" and r.json["expires_in"] == 3600
    assert r.json["scope"] == "catalog:publish"
    # client_secret_post works too, and asking for the scope explicitly is fine
    r = client.post("/oauth/token", data={"grant_type": "client_credentials", "scope": "catalog:publish",
                                          "client_id": client_id, "client_secret": secret})
    assert r.status_code == 200


@pytest.mark.parametrize("data, auth, error", [
    ({"grant_type": "client_credentials"}, ("wrong-id", "x"), "invalid_client"),
    ({"grant_type": "client_credentials"}, (None, "wrong secret"), "invalid_client"),
    ({"grant_type": "client_credentials", "scope": "catalog:admin"}, (None, None), "invalid_scope"),
    ({"grant_type": "password"}, (None, None), "unsupported_grant_type"),
])
def test_the_token_endpoint_refuses(client, app, data, auth, error):
    client_id, secret = issue_client(app, "kmedihub")
    r = client.post("/oauth/token", data=data, headers=basic(auth[0] or client_id, auth[1] or secret))
    assert r.status_code in (400, 401) and r.json["error"] == error


def test_secrets_and_tokens_are_stored_hashed(client, app):
    client_id, secret = issue_client(app, "kmedihub")
    token = fetch_token(client, client_id, secret)
    with app.app_context(), db.session() as s:
        row = s.exec(select(ConnectorClient)).one()
        stored = s.exec(select(AccessToken)).one()
    assert secret not in row.secret_hash and len(row.secret_hash) == 64
    assert token != stored.token_hash and stored.cluster == "kmedihub"


def test_missing_malformed_and_unknown_tokens_get_401(client):
    for header in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer nope"}):
        r = client.post(PUSH.format("kmedihub"), json={"listings": []}, headers=header)
        assert r.status_code == 401 and r.json["code"] == "unauthorized"
        assert r.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_gets_401(tmp_path):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}", OAUTH2_TOKEN_LIFETIME=1)
    client = app.test_client()
    token = fetch_token(client, *issue_client(app, "kmedihub"))
    assert push(client, "kmedihub", token).status_code == 200
    time.sleep(1.2)
    assert push(client, "kmedihub", token).status_code == 401


def test_rotation_stops_the_old_secret_and_its_tokens(client, app):
    client_id, old_secret = issue_client(app, "kmedihub")
    token = fetch_token(client, client_id, old_secret)
    with app.app_context(), db.session() as s:
        new = credentials.rotate(s, "kmedihub", by="tests")
    assert new.client.client_id == client_id and new.secret != old_secret
    assert push(client, "kmedihub", token).status_code == 401
    r = client.post("/oauth/token", data=GRANT, headers=basic(client_id, old_secret))
    assert r.status_code == 401
    assert push(client, "kmedihub", fetch_token(client, client_id, new.secret)).status_code == 200


def test_revocation_stops_the_client_and_its_tokens(client, app):
    client_id, secret = issue_client(app, "kmedihub")
    token = fetch_token(client, client_id, secret)
    with app.app_context(), db.session() as s:
        credentials.revoke(s, "kmedihub", by="tests")
    assert push(client, "kmedihub", token).status_code == 401
    r = client.post("/oauth/token", data=GRANT, headers=basic(client_id, secret))
    assert r.status_code == 401
    issue_client(app, "kmedihub")  # a revoked cluster can be issued new credentials


def test_a_cluster_holds_one_live_client(app):
    issue_client(app, "kmedihub")
    with app.app_context(), db.session() as s, pytest.raises(Exception, match="rotate or revoke"):
        credentials.issue(s, "kmedihub", by="tests")


def test_operators_manage_their_own_cluster_on_the_pages(client, app):
    add_user(app, "op@example.org", "operator", cluster="kmedihub")
    log_in(client, "op@example.org", "correct horse battery")
    assert client.get("/credentials").headers["Location"] == "/credentials/kmedihub"
    token = csrf_token(client, "/credentials/kmedihub")
    r = client.post("/credentials/kmedihub/issue", data={"csrf_token": token})
    assert r.status_code == 201 and r.headers["Cache-Control"] == "no-store"
    page = r.get_data(as_text=True)
    client_id = re.search(r"<code>(kmedihub-[0-9a-f]+)</code>", page).group(1)
    secret = re.search(r'<code class="secret-value">([^<]+)</code>', page).group(1)
    assert secret not in client.get("/credentials/kmedihub").get_data(as_text=True)  # shown once
    r = client.post("/credentials/kmedihub/rotate", data={"csrf_token": token})
    new_secret = re.search(r'<code class="secret-value">([^<]+)</code>', r.get_data(as_text=True)).group(1)
    assert new_secret != secret
    assert fetch_token(client, client_id, new_secret)
    assert client.post("/credentials/kmedihub/revoke", data={"csrf_token": token}).status_code == 302
    assert client.get("/credentials/kbiohealth").status_code == 403
    assert client.post("/credentials/kbiohealth/issue", data={"csrf_token": token}).status_code == 403


def test_admins_see_every_cluster(client, app):
    add_user(app, "admin@example.org", "admin")
    issue_client(app, "kbiohealth")
    log_in(client, "admin@example.org", "correct horse battery")
    page = client.get("/credentials").get_data(as_text=True)
    assert page.count('href="/credentials/') == len(load_clusters()) and "kbiohealth-" in page
