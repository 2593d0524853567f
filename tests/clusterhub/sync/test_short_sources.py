"""Listings are never lost silently (issue 19): a real connector reading a source that stops
short of its own total fails and changes nothing; a table that shrinks or vanishes stops at the
guard, per kind, until someone confirms. Real sample payloads over real HTTP, on SQLite and
PostgreSQL."""
from __future__ import annotations

import json

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.catalog.models import Listing
from clusterhub.sync import service
from connectors.demo.sample_server import SampleServer
from tests.conftest import build_app

PAGE_PARAMS = {"json_api": "page", "xml_api": "pageNo", "zeus_api": "page"}
ZEUS_KEY = "sample"


def route(cluster: str, endpoint: str, fmt: str) -> str:
    """The path a connector requests: ZEUS's real list path carries the key."""
    return f"/{cluster}/api/eq/equips/{ZEUS_KEY}" if fmt == "zeus_api" else f"/{cluster}/{endpoint}"


class Source:
    """The sample server, with endpoints an test can cut short or replace."""

    def __init__(self):
        self.server = SampleServer()
        self.upstream = SampleServer()  # never started: answers from the samples directly

    def cut(self, cluster: str, endpoint: str, from_page: int) -> None:
        """From from_page on, answer the endpoint's own empty page (it keeps the real total)."""
        manifest = json.loads((self.upstream.samples_dir / cluster / "manifest.json").read_text())
        path = route(cluster, endpoint, manifest["format"])
        param = PAGE_PARAMS[manifest["format"]]
        beyond = str(manifest["endpoints"][endpoint]["pages"] + 1)

        def handler(query):
            if int(query.get(param, "1")) >= from_page:
                query = {**query, param: beyond}
            return self.upstream.answer(path, query)
        self.server.add_route(path, handler)

    def replace(self, cluster: str, endpoint: str, edit) -> None:
        """Serve every page of the endpoint after edit(page: dict) -> dict (a consistent source)."""
        path = f"/{cluster}/{endpoint}"

        def handler(query):
            status, headers, body = self.upstream.answer(path, query)
            return status, headers, json.dumps(edit(json.loads(body)), ensure_ascii=False)
        self.server.add_route(path, handler)


@pytest.fixture
def source():
    made = Source()
    with made.server:
        yield made


@pytest.fixture
def app(tmp_path, database_url, source):
    app = build_app(tmp_path, database_url, CONNECTOR_BASE_URL=source.server.url,
                    CONNECTOR_API_KEYS={"daedeok": ZEUS_KEY, "pohang": ZEUS_KEY})
    yield app
    db.engine(app).dispose()


def sync(app, code, **kw):
    with app.test_request_context():
        return service.sync_cluster(code, base_url=app.config["CONNECTOR_BASE_URL"], **kw)


def snapshot(app) -> dict[str, tuple[str, str]]:
    with app.app_context(), db.session() as s:
        return {r.id: (r.status, r.content_hash) for r in s.exec(select(Listing))}


@pytest.mark.parametrize("cluster, endpoint, from_page, read, total, table, path", [
    ("hongneung", "equipment", 4, 150, 220, "table equipment (equipment listings)",
     "/hongneung/equipment"),  # JSON
    ("sejong", "getEquipList", 2, 100, 120, "table equipment (equipment listings)",
     "/sejong/getEquipList"),  # XML
    ("daedeok", "equipment", 5, 400, 800, "table equipment (equipment listings)",
     "/daedeok/api/eq/equips/{key}"),  # ZEUS, its key never shown
])
def test_a_page_empty_before_the_total_fails_the_run_and_changes_nothing(
        app, source, cluster, endpoint, from_page, read, total, table, path):
    assert sync(app, cluster).outcome == "succeeded"
    before = snapshot(app)
    source.cut(cluster, endpoint, from_page)
    report = sync(app, cluster)
    assert report.outcome == "failed"
    assert f"source could not be read completely: read {read:,} of {total:,}" in report.message
    assert f"{table}, GET {path} page {from_page}" in report.message
    assert report.counts["withdrawn"] == 0
    assert snapshot(app) == before


def test_a_whole_table_gone_under_the_cluster_share_asks_for_confirmation(app, source):
    """hongneung's 30 services of 285 listings (11 %): under the cluster's 30 %, yet a whole kind."""
    assert sync(app, "hongneung").outcome == "succeeded"
    before = snapshot(app)
    source.replace("hongneung", "services",
                   lambda page: {**page, "items": [], "page": {**page["page"], "totalElements": 0}})
    report = sync(app, "hongneung")
    assert report.outcome == "stopped"
    assert "read no service listings at all, where 30 are published" in report.message
    assert "--allow-mass-withdrawal" in report.message
    assert snapshot(app) == before
    report = sync(app, "hongneung", allow_mass_withdrawal=True)
    assert report.outcome == "succeeded" and report.counts["withdrawn"] == 30


def test_one_kind_shrinking_past_the_guard_stops_the_run(app, source):
    """hongneung's experts drop from 35 to 20 (43 % of the kind, 5 % of the cluster)."""
    assert sync(app, "hongneung").outcome == "succeeded"
    before = snapshot(app)
    source.replace("hongneung", "experts", lambda page: {
        **page, "items": page["items"][:20], "page": {**page["page"], "totalElements": 20}})
    report = sync(app, "hongneung")
    assert report.outcome == "stopped"
    assert "withdraw 15 of 35 published expert listings (43%)" in report.message
    assert snapshot(app) == before
    assert sync(app, "hongneung", allow_mass_withdrawal=True).counts["withdrawn"] == 15


def test_the_push_api_is_told_the_body_field_not_the_cli_flag(app):
    """A full push that empties a kind is stopped with a 409 that names allow_mass_withdrawal."""
    from tests.clusterhub.sync.test_engine import fleet

    with app.test_request_context():
        assert service.push_batch("kmedihub", fleet(12), full=True).outcome == "succeeded"
        report = service.push_batch("kmedihub", [], full=True)
    assert report.outcome == "stopped"
    assert '"allow_mass_withdrawal": true' in report.message
    assert "--allow-mass-withdrawal" not in report.message


def test_a_hostile_workbook_fails_the_run_at_once_and_changes_nothing(tmp_path, database_url):
    """andong's real workbook with one merged range over the rest of the sheet (issue 19: 3.6 GB
    and 92 s, then a run left "running"): refused before reading, the run closed as failed."""
    import shutil

    from connectors.demo import SAMPLES_DIR
    from clusterhub.models import SyncRun
    from tests.connectors.readers import hostile

    files = tmp_path / "exports"
    shutil.copytree(SAMPLES_DIR / "andong", files / "andong")
    app = build_app(tmp_path, database_url, CONNECTOR_FILES_DIR=str(files))
    try:
        assert sync(app, "andong").outcome == "succeeded"
        before = snapshot(app)
        hostile.merge(files / "andong" / "andong_bio_inventory.xlsx", "A200:XFD1048576")
        report = sync(app, "andong")
        assert report.outcome == "failed"
        assert "andong_bio_inventory.xlsx, sheet 장비: refused: merged ranges cover" in report.message
        assert snapshot(app) == before
        with app.app_context(), db.session() as s:
            assert s.get(SyncRun, report.run_id).outcome == "failed"
    finally:
        db.engine(app).dispose()
