"""A small federation for request tests: listings in two clusters, a user of each side."""
from __future__ import annotations

import pytest

from clusterhub import db
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.clusterhub.auth.tokens import bearer
from tests.conftest import build_app
from tests.schemas.samples import equipment, expert, service

PASSWORD = "request password 1"
A, B = "kmedihub", "kbiohealth"
EQUIPMENT, SERVICE, EXPERT = f"{A}:equipment:EQ-R1", f"{B}:service:SV-R1", f"{B}:expert:EX-R1"
USERS = {"member": ("member", {"company": "한빛제약"}), "rival": ("member", {"company": "다른바이오"}),
         "operator_a": ("operator", {"cluster": A}), "operator_b": ("operator", {"cluster": B}),
         "curator": ("curator", {}), "admin": ("admin", {})}


def make_world(tmp_path, url=None):
    app = build_app(tmp_path, url or f"sqlite:///{tmp_path / 'requests.db'}")
    for name, (role, extra) in USERS.items():
        add_user(app, f"{name}@example.org", role, password=PASSWORD, **extra)
    client = app.test_client()
    for cluster, docs in ((A, [equipment(source_id="EQ-R1")]),
                          (B, [service(source_id="SV-R1"), expert(source_id="EX-R1")])):
        r = client.post(f"/api/v1/clusters/{cluster}/listings", headers=bearer(app, cluster),
                        json={"listings": docs})
        assert r.status_code == 200, r.json
    return app


@pytest.fixture
def world(tmp_path):
    app = make_world(tmp_path)
    yield app
    db.engine(app).dispose()


def signed_in(app, name: str):
    """A test client logged in as name, sending its CSRF token as a header on JSON posts."""
    client = app.test_client()
    assert log_in(client, f"{name}@example.org", PASSWORD).status_code == 302
    client.environ_base["HTTP_X_CSRF_TOKEN"] = csrf_token(client)
    return client
