"""The access tables on SQLite and PostgreSQL: accounts, throttling, tokens and the OIDC state store."""
from __future__ import annotations

import pytest

from clusterhub import db
from clusterhub.auth import accounts, credentials
from clusterhub.auth.oidc import StateStore
from tests.clusterhub.auth.browser import add_user, log_in
from tests.clusterhub.auth.tokens import fetch_token
from tests.conftest import build_app


@pytest.fixture
def store_app(tmp_path, database_url):
    app = build_app(tmp_path, database_url)
    yield app
    db.engine(app).dispose()


def test_accounts_throttling_and_tokens(store_app):
    app = store_app
    add_user(app, "op@example.org", "operator", cluster="kmedihub")
    add_user(app, "m@example.org", "member", company="한빛제약")
    client = app.test_client()
    for _ in range(5):
        assert log_in(client, "op@example.org", "not the password").status_code == 401
    assert log_in(client, "op@example.org", "correct horse battery").status_code == 429
    assert log_in(client, "m@example.org", "correct horse battery").status_code == 302
    with app.app_context(), db.session() as s:
        rows = {user.email: company for user, company in accounts.all_users(s)}
        issued = credentials.issue(s, "kmedihub", by="tests")
    assert rows["m@example.org"].name == "한빛제약" and rows["op@example.org"] is None
    token = fetch_token(client, issued.client.client_id, issued.secret)
    r = client.post("/api/v1/clusters/kmedihub/listings", json={"listings": []},
                    headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200
    with app.app_context(), db.session() as s:
        assert credentials.live_tokens(s, credentials.active(s, "kmedihub")) == 1
        credentials.rotate(s, "kmedihub", by="tests")
        assert credentials.live_tokens(s, credentials.active(s, "kmedihub")) == 0


def test_the_state_store_gives_a_state_once(store_app):
    store = StateStore()
    with store_app.app_context():
        store.set("_state_oidc_abc", '{"data": {"nonce": "n"}}', 60)
        store.set("_state_oidc_old", "{}", -1)
        assert store.get("_state_oidc_old") is None  # expired
        assert store.get("_state_oidc_abc") == '{"data": {"nonce": "n"}}'
        assert store.get("_state_oidc_abc") is None  # taken
        store.delete("_state_oidc_abc")
