"""The operator console: a real sync from the page, its run and issues, the quality score, and
the wall between clusters."""
import csv
import io
import time
from datetime import timedelta

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.curation.models import AuditEntry
from clusterhub.models import SyncRun, utcnow
from clusterhub.catalog.models import Listing
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.clusterhub.web.conftest import SLOW_SOURCE_KEYS, slow_source
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


def follow(client, location, timeout=90):
    """Reload the run page, as the browser does while it refreshes itself, until the run ends."""
    deadline = time.monotonic() + timeout
    while True:
        page = client.get(location).get_data(as_text=True)
        if 'http-equiv="refresh"' not in page:
            return page
        assert time.monotonic() < deadline, "the sync did not finish in time"
        time.sleep(0.2)


def synced(client, code):
    follow(client, start(client, code).headers["Location"])


def listings(app, code):
    with app.app_context(), db.session() as s:
        return s.exec(select(Listing).where(Listing.cluster == code)).all()


def test_dry_run_then_sync_from_the_console(world):
    app, clients = world
    a = clients["a"]
    dry = start(a, A, dry_run="1")
    assert dry.status_code == 303 and "/operator/gwangju/runs/" in dry.headers["Location"]
    page = follow(a, dry.headers["Location"])
    assert "시험 실행" in page and "<dd>278</dd>" in page  # outcome and records seen
    assert listings(app, A) == []  # a dry run changes nothing

    done = start(a, A)
    run_page = follow(a, done.headers["Location"])
    assert "성공" in run_page and len(listings(app, A)) == 277  # all but the flawed one
    body = a.get(done.headers["Location"] + "/issues.csv").get_data(as_text=True)
    assert body.startswith("\ufeff")
    [issue] = list(csv.DictReader(io.StringIO(body[1:])))
    assert issue["source_file"].startswith("gwangju_") and issue["source_file"].endswith(".csv")
    assert issue["row"].isdigit() and issue["source_id"] and issue["message"]
    assert run_page.count("<th scope=\"col\">원본 파일</th>") == 1 and "설치 장소" not in run_page

    console = a.get(f"/operator/{A}").get_data(as_text=True)
    assert "연결기 설정" in console and "gwangju_equipment.csv" in console and "CSV 파일" in console
    assert "GwangjuConnector" not in console and "samples_dir" not in console and "/connectors/" not in console
    facts = console.split('id="source"')[1].split("</dl>")[0]
    assert "02:30" in facts and "KST" in facts  # the schedule, and the last success in Korean time
    with app.app_context(), db.session() as s:
        actions = [e.action for e in s.exec(select(AuditEntry).where(AuditEntry.cluster == A))]
    assert actions == ["sync.dry_run", "sync.start"]


def test_the_public_cluster_page_shows_the_quality_score(world):
    app, clients = world
    if not listings(app, A):
        synced(clients["a"], A)
    page = app.test_client().get(f"/clusters/{A}").get_data(as_text=True)
    assert "신선도와 품질" in page and "/100" in page and "필수 항목 채움" in page


def test_the_operator_of_b_gets_403_on_a(world):
    app, clients = world
    if not listings(app, A):
        synced(clients["a"], A)
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


def test_a_sync_shows_its_progress_while_it_runs(tmp_path):
    """A source that answers its first pages and then waits: the run page shows the run live,
    a second start joins it instead of starting another, and the page settles when it ends."""
    with slow_source() as (server, gate):
        app = build_app(tmp_path, f"sqlite:///{tmp_path / 'p.db'}", CONNECTOR_BASE_URL=server.url, **SLOW_SOURCE_KEYS)
        add_user(app, "d@example.org", "operator", password=PASSWORD, cluster="daedeok")
        client = app.test_client()
        log_in(client, "d@example.org", PASSWORD)
        client.token = csrf_token(client)
        try:
            location = start(client, "daedeok").headers["Location"]
            deadline = time.monotonic() + 30
            while "200건 읽음" not in (page := client.get(location).get_data(as_text=True)):
                assert time.monotonic() < deadline, page
                time.sleep(0.2)
            assert 'http-equiv="refresh"' in page and "진행 중" in page
            assert "원천 데이터를 읽고 검사하는 중" in page  # the phase, in Korean
            console = client.get("/operator/daedeok").get_data(as_text=True)
            assert "진행 상황 보기" in console
            again = start(client, "daedeok").headers["Location"]
            assert again.startswith(location) and "already=1" in again
        finally:
            gate.set()
        page = follow(client, location)
        assert "성공" in page and "<dd>800</dd>" in page
        with app.app_context(), db.session() as s:
            [run] = s.exec(select(SyncRun)).all()  # the second start joined the first
        assert run.outcome == "succeeded" and run.seen == 800
        assert len(listings(app, "daedeok")) == 800 - run.errored
        db.engine(app).dispose()


def test_a_run_whose_process_died_shows_as_interrupted_and_blocks_nothing(world):
    app, clients = world
    with app.app_context(), db.session() as s:
        ghost = SyncRun(cluster=A, trigger="console", started_at=utcnow() - timedelta(minutes=10))
        s.add(ghost)
        s.flush()
        ghost_id = ghost.id
    a = clients["a"]
    page = a.get(f"/operator/{A}/runs/{ghost_id}").get_data(as_text=True)
    assert "중단됨" in page and 'http-equiv="refresh"' not in page
    fresh = start(a, A, dry_run="1").headers["Location"]
    assert f"/runs/{ghost_id}" not in fresh and "already" not in fresh
    follow(a, fresh)


def test_a_stopped_run_is_confirmed_from_its_page(tmp_path):
    """The guard asks the console what it asks the CLI: a "Withdraw anyway" button on the run."""
    import shutil

    from connectors.demo import SAMPLES_DIR

    files = tmp_path / "exports"
    shutil.copytree(SAMPLES_DIR / B, files / B)
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}", CONNECTOR_FILES_DIR=str(files))
    add_user(app, "b@example.org", "operator", password=PASSWORD, cluster=B)
    client = app.test_client()
    log_in(client, "b@example.org", PASSWORD)
    client.token = csrf_token(client)
    synced(client, B)
    equipment = files / B / "chungju_equipment.csv"
    equipment.write_bytes(b"".join(equipment.read_bytes().splitlines(keepends=True)[:17]))

    page = follow(client, start(client, B).headers["Location"])
    assert "중단(확인 필요)" in page and "그래도 철회" in page
    assert "이 실행 화면에서" in page and "--allow-mass-withdrawal" not in page
    assert len([l for l in listings(app, B) if l.status == "withdrawn"]) == 0

    confirmed = start(client, B, allow_mass_withdrawal="1")
    page = follow(client, confirmed.headers["Location"])
    assert "성공" in page and "그래도 철회" not in page
    assert len([l for l in listings(app, B) if l.status == "withdrawn"]) == 144
    with app.app_context(), db.session() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.cluster == B)
                       .order_by(AuditEntry.id.desc())).first()
    assert entry.after["allow_mass_withdrawal"] is True
    db.engine(app).dispose()
