"""A cluster's source page (/operator/<code>/source): an administrator changes where the next sync
reads, operators see it; wrong values are refused naming the field; the API key is never shown,
logged or written to the audit log."""
import json
import logging

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.catalog.models import Listing
from clusterhub.curation import categories
from clusterhub.curation.models import AuditEntry
from clusterhub.sync import service
from connectors.sample_server import SampleServer
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.conftest import build_app
from tests.connectors.readers.test_zeus_api import real_answer

KEY = "zeus-live-key-5e1f"
SECRET_NAME = "DAEDEOK_ZEUS_KEY"
PASSWORD = "source page password 1"


@pytest.fixture
def new_server(tmp_path):
    """The cluster's new ZEUS address: answers the real list under /zeus with KEY only."""
    body = real_answer()
    with SampleServer(tmp_path / "no-samples") as server:
        server.add_route(f"/zeus/api/eq/equips/{KEY}", lambda q: (
            200, {"Content-Type": "application/json;charset=UTF-8"},
            json.dumps(body if q.get("page") == "1" else {**body, "pageList": []}, ensure_ascii=False)))
        yield server


@pytest.fixture
def app(tmp_path):
    # Production mode; the server-wide default address answers nothing.
    with SampleServer(tmp_path / "empty") as old:
        app = build_app(tmp_path, f"sqlite:///{tmp_path / 's.db'}", DEMO_MODE=False,
                        CONNECTOR_BASE_URL=old.url)
        add_user(app, "admin@example.org", "admin", password=PASSWORD)
        add_user(app, "op@example.org", "operator", password=PASSWORD, cluster="daedeok")
        curator = add_user(app, "cur@example.org", "curator", password=PASSWORD)
        with app.app_context(), db.session() as s:
            categories.map_term(s, curator, "daedeok", "분류 없음", "analytical_chemistry")
            s.commit()
        yield app
        db.engine(app).dispose()


def signed_in(app, email):
    client = app.test_client()
    assert log_in(client, email, PASSWORD).status_code == 302
    return client


def post(client, form):
    return client.post("/operator/daedeok/source",
                       data={**form, "csrf_token": csrf_token(client, "/operator/daedeok")})


def test_a_changed_base_url_is_read_by_the_next_sync_and_the_key_stays_secret(
        app, new_server, monkeypatch, caplog):
    monkeypatch.setenv(SECRET_NAME, KEY)
    caplog.set_level(logging.DEBUG)
    admin = signed_in(app, "admin@example.org")
    saved = post(admin, {"base_url": f"{new_server.url}/zeus", "key_secret": SECRET_NAME,
                         "reason": "ZEUS moved"})
    assert saved.status_code == 303
    page = admin.get("/operator/daedeok/source?lang=en").get_data(as_text=True)
    assert f"{new_server.url}/zeus/" in page and "(this cluster" in page
    assert f"set (environment variable {SECRET_NAME})" in page

    with app.test_request_context():
        report = service.sync_cluster("daedeok", base_url=app.config["CONNECTOR_BASE_URL"])
    assert report.outcome == "succeeded" and report.counts["added"] == 2, report.message
    with app.app_context(), db.session() as s:
        assert len(s.exec(select(Listing).where(Listing.cluster == "daedeok")).all()) == 2
        [entry] = s.exec(select(AuditEntry).where(AuditEntry.action == "source.update")).all()
    assert entry.actor == "admin@example.org" and entry.cluster == "daedeok"
    assert entry.after == {"base_url": f"{new_server.url}/zeus", "key_secret": SECRET_NAME}
    assert entry.reason == "ZEUS moved"

    operator = signed_in(app, "op@example.org").get("/operator/daedeok/source?lang=en")
    for text in (page, operator.get_data(as_text=True), caplog.text, report.message,
                 json.dumps([entry.before, entry.after, entry.reason])):
        assert KEY not in text
    assert f"{new_server.url}/zeus/" in operator.get_data(as_text=True)


def test_an_invalid_url_is_refused_naming_the_field_and_nothing_changes(app):
    admin = signed_in(app, "admin@example.org")
    refused = post(admin, {"base_url": "ftp://zeus.example/api", "page_size": "0"})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert 'id="base_url-error"' in page and 'id="page_size-error"' in page
    assert "http:// 또는 https://" in page  # Korean first
    with app.app_context(), db.session() as s:
        assert s.exec(select(AuditEntry).where(AuditEntry.action == "source.update")).first() is None


def test_operators_see_the_source_but_only_administrators_change_it(app):
    operator = signed_in(app, "op@example.org")
    page = operator.get("/operator/daedeok/source").get_data(as_text=True)
    assert 'name="base_url"' not in page and "CONNECTOR_BASE_URL" in page
    assert post(operator, {"base_url": "https://elsewhere.example"}).status_code == 403


def test_a_pasted_key_is_refused_and_never_stored(app, monkeypatch):
    monkeypatch.setitem(app.config, "CONNECTOR_API_KEYS", {"daedeok": "ABCDEF123456"})
    admin = signed_in(app, "admin@example.org")
    refused = post(admin, {"key_secret": "ABCDEF123456"})
    assert refused.status_code == 422 and "ABCDEF123456" not in refused.get_data(as_text=True)
    with app.app_context(), db.session() as s:
        assert s.exec(select(AuditEntry).where(AuditEntry.action == "source.update")).first() is None
