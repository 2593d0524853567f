"""Bad bytes in a real source become per-record issues on both databases (issue 19: one NUL
byte in a CSV cell failed the whole cluster on PostgreSQL with a traceback)."""
from __future__ import annotations

import shutil

from sqlmodel import select

from clusterhub import db
from clusterhub.catalog.models import Listing
from clusterhub.models import SyncIssue
from clusterhub.sync import service
from connectors.demo import SAMPLES_DIR
from tests.conftest import build_app


def test_a_nul_byte_in_a_csv_cell_is_one_record_issue(tmp_path, database_url):
    files = tmp_path / "exports"
    shutil.copytree(SAMPLES_DIR / "chungju", files / "chungju")
    equipment = files / "chungju" / "chungju_equipment.csv"
    equipment.write_bytes(equipment.read_bytes().replace(
        "동결건조기".encode("cp949"), "동결\x00건조기".encode("cp949"), 1))
    app = build_app(tmp_path, database_url, CONNECTOR_FILES_DIR=str(files))
    try:
        with app.test_request_context():
            report = service.sync_cluster("chungju", base_url=None)
        assert report.outcome == "succeeded"
        assert (report.counts["added"], report.counts["errored"]) == (187, 1)
        with app.app_context(), db.session() as s:
            [issue] = s.exec(select(SyncIssue).where(SyncIssue.run_id == report.run_id)).all()
            assert s.get(Listing, "chungju:equipment:CJ-E-0002") is None
            assert s.get(Listing, "chungju:equipment:CJ-E-0001") is not None
        assert issue.location == "chungju_equipment.csv, row 3"
        assert (issue.source_id, issue.field) == ("CJ-E-0002", "title.ko")
        assert "NUL byte" in issue.message
    finally:
        db.engine(app).dispose()


def test_a_cap_set_in_the_settings_refuses_the_source_and_changes_nothing(tmp_path):
    """CONNECTOR_LIMIT_* reach the readers: chungju's 160 equipment rows past a cap of 100."""
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}", CONNECTOR_LIMIT_CSV_ROWS="100")
    try:
        with app.test_request_context():
            report = service.sync_cluster("chungju", base_url=None)
        assert report.outcome == "failed"
        assert ("chungju_equipment.csv, row 102: refused: the file has more than 100 rows "
                "(limit 100)") in report.message
        with app.app_context(), db.session() as s:
            assert s.exec(select(Listing)).first() is None
    finally:
        db.engine(app).dispose()
