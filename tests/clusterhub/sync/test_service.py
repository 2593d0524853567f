"""Syncing real clusters through their connectors: files, APIs, a shrunken source, a dead API."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.catalog.models import Listing
from clusterhub.sync import service
from connectors.sample_server import SAMPLES_DIR
from tests.conftest import build_app


@pytest.fixture
def files(tmp_path):
    """A copy of the sample exports an operator can edit (the committed ones stay untouched)."""
    target = tmp_path / "exports"
    shutil.copytree(SAMPLES_DIR, target)
    return target


@pytest.fixture
def app(tmp_path, files):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}", CONNECTOR_FILES_DIR=str(files))
    yield app
    db.engine(app).dispose()


def snapshot(app) -> dict[str, tuple[str, str]]:
    with app.app_context(), db.session() as s:
        return {r.id: (r.status, r.content_hash) for r in s.exec(select(Listing))}


def sync(app, code, **kw):
    with app.test_request_context():
        with service.source_base_url() as base_url:
            return service.sync_cluster(code, base_url=kw.pop("base_url", base_url), **kw)


def test_cp949_csv_cluster_syncs_and_resyncs_unchanged(app):
    first = sync(app, "chungju")
    assert first.outcome == "succeeded" and first.counts["added"] == 188
    again = sync(app, "chungju")
    assert again.counts["unchanged"] == 188 and again.counts["added"] == 0
    with app.app_context(), db.session() as s:
        doc = s.get(Listing, "chungju:equipment:CJ-E-0001").document
    assert doc["title"]["ko"] == "동물용 고자장 자기공명영상장치"  # decoded from cp949, not garbled


def test_api_cluster_syncs_over_http(app):
    report = sync(app, "hwasun")
    assert report.outcome == "succeeded" and report.counts["added"] > 250


def test_a_source_shrunk_to_ten_percent_stops_at_the_guard(app, files):
    sync(app, "chungju")
    before = snapshot(app)
    equipment = files / "chungju" / "chungju_equipment.csv"
    lines = equipment.read_bytes().splitlines(keepends=True)
    equipment.write_bytes(b"".join(lines[:17]))  # header + 16 of 160 rows
    report = sync(app, "chungju")
    assert report.outcome == "stopped" and "--allow-mass-withdrawal" in report.message
    assert snapshot(app) == before


def test_a_missing_required_column_fails_the_run_and_changes_nothing(app, files):
    sync(app, "chungju")
    before = snapshot(app)
    services = files / "chungju" / "chungju_services.csv"
    text = services.read_bytes().decode("cp949").splitlines()
    header = text[0].split(",")
    text[0] = ",".join(["X" if i == 1 else h for i, h in enumerate(header)])
    services.write_bytes(("\n".join(text) + "\n").encode("cp949"))
    report = sync(app, "chungju")
    assert report.outcome == "failed"
    assert "chungju_services.csv" in report.message and header[1] in report.message
    assert snapshot(app) == before


def test_an_unreachable_api_fails_clearly_and_changes_nothing(app):
    sync(app, "busan")
    before = snapshot(app)
    report = sync(app, "busan", base_url="http://127.0.0.1:9")
    assert report.outcome == "failed" and "127.0.0.1:9" in report.message
    assert snapshot(app) == before


def test_unknown_cluster_lists_the_known_ones(app):
    from clusterhub.errors import NotFound
    with pytest.raises(NotFound, match="kmedihub"):
        sync(app, "atlantis")


def test_cli_sync_runs_and_issues(tmp_path):
    env = {"CLUSTERHUB_INSTANCE": str(tmp_path / "inst"), "PATH": "/usr/bin:/bin",
           "CLUSTERHUB_DEMO": "1"}
    cli = str(Path(sys.executable).with_name("clusterhub"))
    run = lambda *a: subprocess.run([cli, *a], env=env, capture_output=True, text=True, timeout=300)  # noqa: E731
    assert run("db", "upgrade").returncode == 0
    assert run("clusters", "load").returncode == 0
    done = run("sync", "gwangju", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "dry_run" in done.stdout and "added" in done.stdout
    done = run("sync", "gwangju")
    assert done.returncode == 0 and "succeeded" in done.stdout
    assert "clusterhub sync-issues" in done.stdout  # gwangju's export carries one flawed record
    runs = run("sync-runs", "gwangju")
    assert "dry_run (dry)" in runs.stdout and "succeeded" in runs.stdout
    run_id = next(line.split()[0] for line in runs.stdout.splitlines() if "succeeded" in line)
    issues = run("sync-issues", run_id)
    assert ".csv" in issues.stdout and "row" in issues.stdout
    assert run("sync", "atlantis").returncode != 0


def test_a_sync_goes_on_when_its_progress_cannot_be_written(tmp_path):
    """Live progress is a courtesy: an unwritable progress folder must not stop a sync."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the progress folder should be")
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}",
                    SYNC_PROGRESS_DIR=str(blocker / "sync-progress"))
    with app.app_context(), service.source_base_url() as url:
        report = service.sync_cluster("gwangju", base_url=url)
    assert report.outcome == "succeeded" and report.counts["added"] > 0


def test_an_unknown_cluster_says_how_clusters_are_added(app):
    from clusterhub.errors import NotFound
    from clusterhub.responses import message

    with app.test_request_context("/?lang=en"), pytest.raises(NotFound) as caught:
        service.require_cluster("new_cluster")
    with app.test_request_context("/?lang=en"):
        text = message(caught.value)
    assert "'new_cluster'" in text and "Known clusters: andong" in text
    assert "schemas/clusters.json" in text and "clusterhub clusters load" in text


def test_outside_demo_mode_an_unconfigured_source_refuses_to_sync(tmp_path):
    """Production never publishes the generated samples: no source configured, no sync."""
    env = {"CLUSTERHUB_INSTANCE": str(tmp_path / "inst"), "PATH": "/usr/bin:/bin"}
    cli = str(Path(sys.executable).with_name("clusterhub"))
    run = lambda *a: subprocess.run([cli, *a], env=env, capture_output=True, text=True, timeout=300)  # noqa: E731
    assert run("db", "upgrade").returncode == 0 and run("clusters", "load").returncode == 0
    files = run("sync", "gwangju")
    assert files.returncode != 0 and "CONNECTOR_FILES_DIR" in files.stderr
    api = run("sync", "daedeok")
    assert api.returncode != 0 and "CONNECTOR_BASE_URL" in api.stderr
    assert "No runs" in run("sync-runs", "gwangju").stdout or "succeeded" not in run(
        "sync-runs", "gwangju").stdout


def test_the_service_hands_curations_hooks_to_the_engine(app):
    """The engine imports no curation: the app's hooks (curation.init_app) hold the new
    listings of a cluster that requires review, on a push as on a sync."""
    from clusterhub.catalog.models import Cluster, ListingFlags
    from tests.schemas.samples import equipment

    with app.app_context(), db.session() as s:
        s.get(Cluster, "kmedihub").requires_review = True
    with app.test_request_context():
        report = service.push_batch("kmedihub", [equipment()])
    assert (report.outcome, report.counts["added"]) == ("succeeded", 1)
    with app.app_context(), db.session() as s:
        assert s.get(ListingFlags, report.changed_ids[0]).awaiting_review
    first = sync(app, "chungju")  # a cluster without review: nothing is held
    with app.app_context(), db.session() as s:
        assert s.get(ListingFlags, first.changed_ids[0]) is None
