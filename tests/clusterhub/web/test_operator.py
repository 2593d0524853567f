"""The operator console: a real sync from the page, its run and issues, the quality score, and
the wall between clusters."""
import csv
import io

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.curation.models import AuditEntry
from clusterhub.models import Listing
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.conftest import build_app

A, B = "gwangju", "chungju"   # gwangju's CSV export carries one flawed record
PASSWORD = "operator password 1"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("operator")
    app = build_app(tmp, f"sqlite:///{tmp / 'o.db'}")
    add_user(app, "a@example.org", "operator", password=PASSWORD, cluster=A)
    add_user(app, "b@example.org", "operator", password=PASSWORD, cluster=B)
    clients = {}
    for who in ("a", "b"):
        client = app.test_client()
        assert log_in(client, f"{who}@example.org", PASSWORD).status_code == 302
        client.token = csrf_token(client)
        clients[who] = client
    yield app, clients
    db.engine(app).dispose()


def start(client, code, **data):
    return client.post(f"/operator/{code}/sync", data={"csrf_token": client.token, **data})


def listings(app, code):
    with app.app_context(), db.session() as s:
        return s.exec(select(Listing).where(Listing.cluster == code)).all()


def test_dry_run_then_sync_from_the_console(world):
    app, clients = world
    a = clients["a"]
    dry = start(a, A, dry_run="1")
    assert dry.status_code == 303 and "/operator/gwangju/runs/" in dry.headers["Location"]
    assert listings(app, A) == []  # a dry run changes nothing
    page = a.get(dry.headers["Location"]).get_data(as_text=True)
    assert "시험 실행" in page and "<dd>278</dd>" in page  # outcome and records seen

    done = start(a, A)
    run_page = a.get(done.headers["Location"]).get_data(as_text=True)
    assert "성공" in run_page and len(listings(app, A)) == 277  # all but the flawed one
    body = a.get(done.headers["Location"] + "/issues.csv").get_data(as_text=True)
    assert body.startswith("\ufeff")
    [issue] = list(csv.DictReader(io.StringIO(body[1:])))
    assert issue["location"].startswith("gwangju_") and issue["source_id"] and issue["message"]

    console = a.get(f"/operator/{A}").get_data(as_text=True)
    assert "연결기 설정" in console and "GwangjuConnector" in console
    with app.app_context(), db.session() as s:
        actions = [e.action for e in s.exec(select(AuditEntry).where(AuditEntry.cluster == A))]
    assert actions == ["sync.dry_run", "sync.start"]


def test_the_public_cluster_page_shows_the_quality_score(world):
    app, clients = world
    if not listings(app, A):
        start(clients["a"], A)
    page = app.test_client().get(f"/clusters/{A}").get_data(as_text=True)
    assert "신선도와 품질" in page and "/100" in page and "필수 항목 채움" in page


def test_the_operator_of_b_gets_403_on_a(world):
    app, clients = world
    if not listings(app, A):
        start(clients["a"], A)
    with app.app_context(), db.session() as s:
        from clusterhub.sync import runs
        run_id = runs.recent(s, A, limit=1)[0].id
    b = clients["b"]
    for path in (f"/operator/{A}", f"/operator/{A}/runs/{run_id}",
                 f"/operator/{A}/runs/{run_id}/issues.csv"):
        assert b.get(path).status_code == 403, path
    assert start(b, A).status_code == 403
    # and A's run is not found under B's console, where B may look
    assert b.get(f"/operator/{B}/runs/{run_id}").status_code == 404
    assert b.get("/operator").headers["Location"].endswith(f"/operator/{B}")
