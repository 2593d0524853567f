"""`clusterhub jobs worker`: another process takes a sync queued by the web app and runs it."""
import os
import subprocess
import sys
from pathlib import Path

from sqlmodel import select

from clusterhub import db
from clusterhub.catalog.models import Listing
from clusterhub.models import SyncRun
from clusterhub.sync import background
from tests.clusterhub.jobs.test_sync_jobs import REDIS_URL, redis_prefix  # noqa: F401 (fixture)
from tests.conftest import build_app

CLI = Path(sys.executable).with_name("clusterhub")


def worker(tmp_path, **env):
    env = {**os.environ, "CLUSTERHUB_INSTANCE": str(tmp_path / "worker"), "SECRET_KEY": "test",
           **env}
    return subprocess.run([str(CLI), "jobs", "worker", "--burst"], env=env, capture_output=True,
                          text=True, timeout=300)


def test_without_redis_the_worker_says_it_is_not_needed(tmp_path):
    done = worker(tmp_path, REDIS_URL="")
    assert done.returncode != 0 and "REDIS_URL is not set" in done.stderr


def test_a_worker_process_runs_the_queued_sync(tmp_path, redis_prefix):  # noqa: F811
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    app = build_app(tmp_path, url, REDIS_URL=REDIS_URL, REDIS_PREFIX=redis_prefix)
    with app.app_context():
        run_id, started = background.start("gwangju", dry_run=False)
    assert started
    with app.app_context(), db.session() as s:
        assert s.get(SyncRun, run_id).outcome == "running"  # waiting for a worker
    done = worker(tmp_path, REDIS_URL=REDIS_URL, REDIS_PREFIX=redis_prefix, DATABASE_URL=url,
                  CLUSTERHUB_DEMO="1", SEARCH_INDEX_DIR=str(tmp_path / "instance" / "search"))
    assert done.returncode == 0, done.stderr
    with app.app_context(), db.session() as s:
        run = s.get(SyncRun, run_id)
        count = len(s.exec(select(Listing).where(Listing.cluster == "gwangju")).all())
    assert run.outcome == "succeeded" and run.code == "sync.succeeded", run.message
    assert count == run.added > 0
    db.engine(app).dispose()
