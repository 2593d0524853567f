"""The real ZEUS answer (tests/connectors/readers/reference/) synced end to end through the
daedeok connector, from a loopback server that answers exactly like the registry."""
import copy
import json

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.auth import accounts
from clusterhub.catalog.models import Listing
from clusterhub.curation import categories
from clusterhub.sync import service
from connectors.demo.sample_server import SampleServer
from tests.conftest import build_app
from tests.connectors.readers.test_zeus_api import real_answer

KEY = "live-key-123"
FIRST, SECOND = "daedeok:equipment:20171130000000212606", "daedeok:equipment:20171130000000212596"


@pytest.fixture
def zeus(tmp_path):
    answer = {"body": real_answer()}
    with SampleServer(tmp_path / "no-samples") as server:
        server.add_route(f"/daedeok/api/eq/equips/{KEY}", lambda q: (
            200, {"Content-Type": "application/json;charset=UTF-8"},
            json.dumps(answer["body"] if q.get("page") == "1" else {**answer["body"], "pageList": []},
                       ensure_ascii=False)))
        yield server, answer


@pytest.fixture
def app(tmp_path, zeus):
    server, _ = zeus
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'z.db'}", CONNECTOR_BASE_URL=server.url,
                    CONNECTOR_API_KEYS={"daedeok": KEY})
    yield app
    db.engine(app).dispose()


def sync(app, **kw):
    with app.test_request_context():
        return service.sync_cluster("daedeok", base_url=app.config["CONNECTOR_BASE_URL"], **kw)


def published(app) -> dict[str, dict]:
    with app.app_context(), db.session() as s:
        return {r.id: r.document for r in s.exec(select(Listing).where(Listing.status != "withdrawn"))}


def test_the_real_answer_is_published_once_its_missing_class_is_mapped(app, zeus):
    first = sync(app)
    # The list call gives no class; the detail call (not answered here) would. Both records are
    # kept out and queued for a category mapping, and the run says it failed: nothing was taken.
    assert first.outcome == "failed" and "Every one of the 2 records" in first.message
    assert {(i.field, i.location.rsplit(", ", 1)[-1]) for i in first.issues} == {("categories", "column stdClsNm")}
    with app.app_context(), db.session() as s:
        [entry] = categories.unmapped(s)
        assert (entry["cluster"], entry["term"]) == ("daedeok", "분류 없음")
        curator = accounts.create(s, "c@example.org", "curator", password="correct horse battery")
        categories.map_term(s, curator, "daedeok", "분류 없음", "analytical_chemistry")
        s.commit()

    second = sync(app)
    assert second.outcome == "succeeded" and second.counts["added"] == 2
    docs = published(app)
    assert set(docs) == {FIRST, SECOND}
    assert docs[FIRST]["nfec_no"] == "NFEC-2017-11-240982"
    assert docs[FIRST]["sharing_scope"] == "shared" and docs[SECOND]["sharing_scope"] == "exclusive"
    assert docs[SECOND]["center"]["ko"] == "한국지질자원연구원"
    assert "[redacted]" not in json.dumps(docs, ensure_ascii=False)  # staff data never stored


def test_a_deleted_registration_is_withdrawn(app, zeus):
    _, answer = zeus
    with app.app_context(), db.session() as s:
        curator = accounts.create(s, "c@example.org", "curator", password="correct horse battery")
        categories.map_term(s, curator, "daedeok", "분류 없음", "analytical_chemistry")
        s.commit()
    assert sync(app).counts["added"] == 2
    deleted = copy.deepcopy(answer["body"])
    deleted["pageList"][0]["deleteYn"] = "Y"
    answer["body"] = deleted
    # One of two is over the mass-withdrawal guard: the operator confirms it.
    assert sync(app).outcome == "stopped"
    again = sync(app, allow_mass_withdrawal=True)
    assert again.counts["withdrawn"] == 1
    assert set(published(app)) == {SECOND}


def test_without_a_key_the_run_fails_and_says_which_setting(tmp_path, zeus):
    server, _ = zeus
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'k.db'}", CONNECTOR_BASE_URL=server.url)
    report = sync(app)
    assert report.outcome == "failed" and "no ZEUS API key is configured" in report.message
    db.engine(app).dispose()
