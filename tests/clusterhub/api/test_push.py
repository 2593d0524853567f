"""A cluster pushes a batch of shared-schema documents through the same engine."""
import pytest

from clusterhub import db
from clusterhub.catalog.models import Listing
from tests.clusterhub.auth.tokens import bearer
from tests.conftest import build_app
from tests.schemas.samples import equipment


@pytest.fixture
def client(tmp_path):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}")
    return app.test_client()


@pytest.fixture
def auth(client):
    """A real kmedihub connector token from POST /oauth/token (client credentials)."""
    return bearer(client.application, "kmedihub")


def batch(n):
    return [equipment(source_id=f"EQ-{i}") for i in range(n)]


def test_push_applies_and_reports_counts_and_issues(client, auth):
    docs = batch(3)
    docs[2]["sharing_scope"] = "everyone"
    r = client.post("/api/v1/clusters/kmedihub/listings", json={"listings": docs}, headers=auth)
    assert r.status_code == 200, r.json
    assert r.json["outcome"] == "succeeded"
    assert r.json["counts"]["added"] == 2 and r.json["counts"]["errored"] == 1
    assert r.json["issues"][0]["location"] == "listings item 2"
    assert r.json["issues"][0]["field"] == "sharing_scope"
    with client.application.app_context(), db.session() as s:
        assert s.get(Listing, "kmedihub:equipment:EQ-0").status == "active"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "wrong"}])
def test_push_needs_the_token(client, headers):
    r = client.post("/api/v1/clusters/kmedihub/listings", json={"listings": batch(1)}, headers=headers)
    assert r.status_code == 401
    assert r.json["code"] == "unauthorized"


def test_push_to_unknown_cluster_and_bad_bodies(client, auth):
    # A token is bound to its own cluster, so any other code, known or not, is refused.
    r = client.post("/api/v1/clusters/atlantis/listings", json={"listings": []}, headers=auth)
    assert r.status_code == 403 and "kmedihub" in r.json["message"]
    r = client.post("/api/v1/clusters/kmedihub/listings", data="not json", headers=auth)
    assert r.status_code == 422
    r = client.post("/api/v1/clusters/kmedihub/listings", json={"listings": {}}, headers=auth)
    assert r.status_code == 422 and r.json["errors"][0]["path"] == "listings"
    r = client.post("/api/v1/clusters/kmedihub/listings", json={"listings": [], "mode": "all"}, headers=auth)
    assert r.status_code == 422


def test_full_push_goes_through_the_guard(client, auth):
    client.post("/api/v1/clusters/kmedihub/listings", json={"listings": batch(10)}, headers=auth)
    r = client.post("/api/v1/clusters/kmedihub/listings",
                    json={"listings": batch(1), "mode": "full"}, headers=auth)
    assert r.status_code == 409 and r.json["outcome"] == "stopped"
    # An API client is told the body field to send, not a command-line flag.
    assert '"allow_mass_withdrawal": true' in r.json["message"]
    assert "--allow-mass-withdrawal" not in r.json["message"]


def test_a_nul_byte_in_one_pushed_document_does_not_roll_back_the_others(client, auth):
    docs = batch(3)
    docs[1]["title"]["ko"] = "질량\u0000분석기"
    r = client.post("/api/v1/clusters/kmedihub/listings", json={"listings": docs}, headers=auth)
    assert r.status_code == 200 and r.json["counts"]["added"] == 2
    [issue] = r.json["issues"]
    assert (issue["location"], issue["field"]) == ("listings item 1", "title.ko")
    assert "NUL byte" in issue["message"]
