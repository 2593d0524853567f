"""The federation the request, reservation and pathway tests stand on: a migrated app, its users
(all with one password) and listings pushed through the connector API as each cluster would."""
from __future__ import annotations

import pytest

from clusterhub import db
from clusterhub.auth import accounts
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.clusterhub.auth.tokens import bearer
from tests.conftest import build_app

PASSWORD = "request password 1"


def make_federation(tmp_path, users: dict, listings: dict, name: str = "federation", url=None):
    """An app with users ({name: (role, extra fields)}, each name@example.org) and listings
    ({cluster: [documents]}) accepted from each cluster's connector."""
    app = build_app(tmp_path, url or f"sqlite:///{tmp_path / f'{name}.db'}")
    for user, (role, extra) in users.items():
        add_user(app, f"{user}@example.org", role, password=PASSWORD, **extra)
    client = app.test_client()
    for cluster, docs in listings.items():
        r = client.post(f"/api/v1/clusters/{cluster}/listings", headers=bearer(app, cluster),
                        json={"listings": docs})
        assert r.status_code == 200, r.json
    return app


@pytest.fixture
def federation(tmp_path):
    """make_federation in this test's folder; each app's database engine is disposed afterwards."""
    built = []

    def build(users: dict, listings: dict, name: str = "federation"):
        built.append(make_federation(tmp_path, users, listings, name))
        return built[-1]

    yield build
    for app in built:
        db.engine(app).dispose()


def signed_in(app, name: str):
    """A test client logged in as name, sending its CSRF token as a header on JSON posts."""
    client = app.test_client()
    assert log_in(client, f"{name}@example.org", PASSWORD).status_code == 302
    client.environ_base["HTTP_X_CSRF_TOKEN"] = csrf_token(client)
    return client


def who(app, name: str):
    """The principal of a test user, as a request would see it."""
    with app.app_context(), db.session() as s:
        return accounts.principal(s, accounts.get(s, f"{name}@example.org"))
