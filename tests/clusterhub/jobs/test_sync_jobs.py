"""Syncs from the console as background jobs: on RQ in the machine's Redis (two app instances
sharing the database and Redis: one starts, the other watches and cancels), and on the embedded
thread worker without Redis. A cancelled sync leaves the catalog as it was."""
import threading
import time
import uuid

import pytest
from sqlmodel import select

from clusterhub import db, jobs
from clusterhub.catalog.models import CatalogState, Listing
from clusterhub.curation.models import AuditEntry
from clusterhub.models import SyncRun
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.clusterhub.web.conftest import SLOW_SOURCE_KEYS, slow_source
from tests.conftest import build_app

REDIS_URL = "redis://127.0.0.1:6379/0"
PASSWORD = "operator password 1"


@pytest.fixture
def redis_prefix():
    """A key prefix of this test's own; every key under it (and its RQ queue's) goes after."""
    from redis import Redis

    prefix = f"test-{uuid.uuid4().hex[:12]}:"
    yield prefix
    r = Redis.from_url(REDIS_URL)
    mine = prefix.encode()
    keys = [*r.scan_iter(f"{prefix}*"), *r.scan_iter(f"rq:*{prefix}*")]
    for key in r.scan_iter("rq:job:*"):
        if (r.hget(key, "origin") or b"").startswith(mine):
            keys += [key, b"rq:results:" + key.removeprefix(b"rq:job:")]
    if keys:
        r.delete(*keys)
    for member in r.smembers("rq:queues"):
        if mine in member:
            r.srem("rq:queues", member)
    r.close()


def client_of(app, email):
    client = app.test_client()
    assert log_in(client, email, PASSWORD).status_code == 302
    client.token = csrf_token(client)
    return client


def wait_for(client, location, text, timeout=60):
    deadline = time.monotonic() + timeout
    while text not in (page := client.get(location).get_data(as_text=True)):
        assert time.monotonic() < deadline, page
        time.sleep(0.2)
    return page


def catalog(app):
    with app.app_context(), db.session() as s:
        rows = sorted((r.id, r.content_hash, r.status) for r in s.exec(select(Listing)))
        version = s.exec(select(CatalogState.version)).first()
    return rows, version


def the_run(app, run_id):
    with app.app_context(), db.session() as s:
        return s.get(SyncRun, run_id)


def audit_actions(app):
    with app.app_context(), db.session() as s:
        return [e.action for e in s.exec(select(AuditEntry).order_by(AuditEntry.id))]


def test_a_sync_queued_on_one_instance_is_watched_and_cancelled_from_another(tmp_path, redis_prefix):
    with slow_source() as (server, gate):
        config = dict(CONNECTOR_BASE_URL=server.url, REDIS_URL=REDIS_URL, REDIS_PREFIX=redis_prefix,
                      **SLOW_SOURCE_KEYS)
        url = f"sqlite:///{tmp_path / 'shared.db'}"
        one = build_app(tmp_path / "one", url, **config)
        two = build_app(tmp_path / "two", url, **config)  # another machine: its own instance folder
        assert isinstance(jobs.current(one), jobs.RQJobs)
        add_user(one, "d@example.org", "operator", password=PASSWORD, cluster="daedeok")
        add_user(one, "x@example.org", "operator", password=PASSWORD, cluster="gwangju")
        first, second = client_of(one, "d@example.org"), client_of(two, "d@example.org")
        before = catalog(one)

        response = first.post("/operator/daedeok/sync", data={"csrf_token": first.token})
        location = response.headers["Location"]
        run_id = int(location.rstrip("/").split("/")[-1].split("?")[0])
        # Nothing runs it yet: the job waits in Redis, and the other instance sees that.
        page = wait_for(second, location, "대기열에서 기다리는 중")
        assert 'http-equiv="refresh"' in page and "진행 중" in page

        def work():
            with one.app_context():
                jobs.current(one).worker(burst=True)
        worker = threading.Thread(target=work)
        worker.start()
        try:
            # The worker reads the first pages, then the source waits for the gate.
            page = wait_for(second, location, "200건 읽음")
            assert "원천 데이터를 읽고 검사하는 중" in page and "이 동기화 취소" in page
            other = client_of(two, "x@example.org")
            refused = other.post(f"{location}/cancel", data={"csrf_token": other.token})
            assert refused.status_code == 403
            assert second.post(f"{location}/cancel").status_code == 400  # no CSRF token
            cancelled = second.post(f"{location}/cancel", data={"csrf_token": second.token})
            assert cancelled.status_code == 303
        finally:
            gate.set()
            worker.join(120)
        assert not worker.is_alive()
        run = the_run(two, run_id)
        assert run.outcome == "cancelled" and run.seen >= 200
        assert catalog(two) == before  # rolled back: not one of the 800 records was kept
        assert "sync.cancel" in audit_actions(two)
        page = first.get(location).get_data(as_text=True)
        assert "취소됨" in page and 'http-equiv="refresh"' not in page
        assert second.post(f"{location}/cancel", data={"csrf_token": second.token}).status_code == 409
        for app in (one, two):
            db.engine(app).dispose()


def test_a_sync_cancelled_while_it_waits_never_runs(tmp_path, redis_prefix):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'w.db'}", REDIS_URL=REDIS_URL,
                    REDIS_PREFIX=redis_prefix)
    add_user(app, "c@example.org", "curator", password=PASSWORD)
    curator = client_of(app, "c@example.org")
    add_user(app, "d@example.org", "operator", password=PASSWORD, cluster="daedeok")
    operator = client_of(app, "d@example.org")
    location = operator.post("/operator/daedeok/sync", data={"csrf_token": operator.token}).headers["Location"]
    run_id = int(location.split("/")[-1])
    # A curator may cancel any cluster's sync; a waiting run is closed at once.
    assert curator.post(f"{location}/cancel", data={"csrf_token": curator.token}).status_code == 303
    assert the_run(app, run_id).outcome == "cancelled"
    with app.app_context():
        assert jobs.current(app).worker(burst=True)  # the job is taken, and does nothing
    assert the_run(app, run_id).outcome == "cancelled"
    assert catalog(app)[0] == []
    db.engine(app).dispose()


def test_without_redis_a_sync_runs_in_a_thread_and_can_be_cancelled(tmp_path):
    with slow_source() as (server, gate):
        app = build_app(tmp_path, f"sqlite:///{tmp_path / 't.db'}", CONNECTOR_BASE_URL=server.url,
                        **SLOW_SOURCE_KEYS)
        assert isinstance(jobs.current(app), jobs.ThreadJobs) and app.config["REDIS_URL"] is None
        add_user(app, "d@example.org", "operator", password=PASSWORD, cluster="daedeok")
        client = client_of(app, "d@example.org")
        before = catalog(app)
        try:
            location = client.post("/operator/daedeok/sync",
                                   data={"csrf_token": client.token}).headers["Location"]
            wait_for(client, location, "200건 읽음")
            assert client.post(f"{location}/cancel",
                               data={"csrf_token": client.token}).status_code == 303
        finally:
            gate.set()
        page = wait_for(client, location, "취소됨")
        assert "끝나기 전에 취소되어 아무것도 바꾸지 않았습니다" in page
        run_id = int(location.split("/")[-1])
        assert the_run(app, run_id).outcome == "cancelled" and catalog(app) == before
        db.engine(app).dispose()
