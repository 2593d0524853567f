"""Two app instances behind one proxy, on one PostgreSQL, one Redis and one shared index folder
(issue 18 item 3): what one instance does, the other shows at once; a visitor may land on either;
a graceful reload (HUP) of one fails no request. docs/deployment.md, "Several app machines"."""
from __future__ import annotations

import http.client
import itertools
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REDIS_URL = "redis://127.0.0.1:6379/0"
PASSWORD = "two instances password 1"
LISTING = "kmedihub:equipment:EQ-0100"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Proxy:
    """A small reverse proxy, nginx's part: round robin over the instances, X-Forwarded-* set;
    a request may name its instance with X-Test-Instance (0 or 1). Says who answered in
    X-Served-By."""

    def __init__(self, ports: list[int]):
        turn = itertools.cycle(range(len(ports)))
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _forward(self):
                pinned = self.headers.get("X-Test-Instance")
                with lock:
                    n = int(pinned) if pinned is not None else next(turn)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("connection", "x-test-instance")}
                headers["X-Forwarded-For"] = self.client_address[0]
                headers["X-Forwarded-Proto"] = "http"
                conn = http.client.HTTPConnection("127.0.0.1", ports[n], timeout=30)
                try:
                    conn.request(self.command, self.path, body=body or None, headers=headers)
                    answer = conn.getresponse()
                    data = answer.read()
                except OSError as exc:
                    self.send_error(502, f"instance {n}: {exc}")
                    return
                finally:
                    conn.close()
                self.send_response(answer.status)
                for k, v in answer.getheaders():
                    if k.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-Served-By", str(n))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_HEAD = _forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def start_instance(env: dict, port: int, folder: Path) -> subprocess.Popen:
    log = open(folder / f"gunicorn-{port}.log", "wb")
    proc = subprocess.Popen([str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                             "--access-logfile", "/dev/null", "clusterhub:create_app()"],
                            env={**env, "PORT": str(port), "WEB_CONCURRENCY": "1"},
                            stdout=log, stderr=subprocess.STDOUT)
    for _ in range(200):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                return proc
        except requests.RequestException:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"gunicorn on {port} did not come up: {(folder / f'gunicorn-{port}.log').read_text()[-2000:]}")


@pytest.fixture(scope="module")
def site(tmp_path_factory, postgres_base_url):
    """Two gunicorn instances (separate instance folders, one shared index and progress folder),
    one fresh PostgreSQL schema, one Redis key prefix, the proxy in front."""
    import redis
    import sqlalchemy as sa

    from clusterhub import db
    from clusterhub.db import make_engine
    from clusterhub.search import indexer
    from tests.clusterhub.auth.browser import add_user
    from tests.clusterhub.curation.conftest import docs, sync
    from tests.conftest import build_app

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis at {REDIS_URL} is not reachable ({exc})")
    tmp = tmp_path_factory.mktemp("two")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(postgres_base_url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'create schema "{schema}"'))
    url = f"{postgres_base_url}?options=-csearch_path%3D{schema}"
    prefix = f"clusterhub-two-{uuid.uuid4().hex[:8]}:"
    shared = tmp / "shared"
    settings = {"DATABASE_URL": url, "SEARCH_INDEX_DIR": str(shared / "search"),
                "SYNC_PROGRESS_DIR": str(shared / "sync-progress"), "SECRET_KEY": "one key for all nodes",
                "REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix}
    app = build_app(tmp / "setup", url, **settings)
    sync(app, docs())
    indexer.rebuild(app)
    add_user(app, "curator@example.org", "curator", password=PASSWORD)
    add_user(app, "member@example.org", "member", password=PASSWORD, company="한빛제약")
    db.engine(app).dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLUSTERHUB_", "DATABASE_URL"))}
    env.update({k: str(v) for k, v in settings.items()}, CLUSTERHUB_DEMO="1", SESSION_COOKIE_SECURE="0",
               PROXY_COUNT="1", GUNICORN_THREADS="4")
    procs = []
    try:
        ports = [free_port(), free_port()]
        for n, port in enumerate(ports):
            node = tmp / f"node{n}"
            node.mkdir()
            procs.append(start_instance({**env, "CLUSTERHUB_INSTANCE": str(node)}, port, tmp))
        with Proxy(ports) as proxy:
            yield proxy, procs
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(30)
        store = redis.Redis.from_url(REDIS_URL)
        for key in store.scan_iter(f"{prefix}*"):
            store.delete(key)
        with admin.begin() as conn:
            conn.execute(sa.text(f'drop schema "{schema}" cascade'))
        admin.dispose()


def signed_in(base: str, email: str) -> requests.Session:
    browser = requests.Session()
    token = TOKEN.search(browser.get(f"{base}/login").text).group(1)
    r = browser.post(f"{base}/login", data={"email": email, "password": PASSWORD, "csrf_token": token},
                     allow_redirects=False)
    assert r.status_code == 302, r.text[:500]
    return browser


def ids(response) -> list[str]:
    return [h["id"] for h in response.json()["hits"]]


def test_a_curator_action_on_one_instance_shows_in_search_on_the_other_at_once(site):
    proxy, _ = site
    visitor = requests.Session()
    before = visitor.get(f"{proxy.url}/api/v1/search", params={"q": "질량분석기"}, headers={"X-Test-Instance": "1"})
    assert LISTING in ids(before)
    curator = signed_in(proxy.url, "curator@example.org")
    page = curator.get(f"{proxy.url}/curation/listings/{LISTING}", headers={"X-Test-Instance": "0"})
    r = curator.post(f"{proxy.url}/curation/listings/{LISTING}/flag", headers={"X-Test-Instance": "0"},
                     data={"action": "hide", "reason": "two instances", "confirm": "1", "csrf_token": TOKEN.search(page.text).group(1)},
                     allow_redirects=False)
    assert r.status_code in (302, 303) and r.headers["X-Served-By"] == "0"
    after = visitor.get(f"{proxy.url}/api/v1/search", params={"q": "질량분석기"},
                        headers={"X-Test-Instance": "1", "If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["X-Served-By"] == "1"
    assert LISTING not in ids(after) and after.headers["ETag"] != before.headers["ETag"]
    assert after.json()["facets"]["cluster"] == [{"value": "kmedihub", "count": after.json()["total"]}]
    r = curator.post(f"{proxy.url}/curation/listings/{LISTING}/flag", headers={"X-Test-Instance": "1"},
                     data={"action": "unhide", "reason": "back", "confirm": "1", "csrf_token": TOKEN.search(page.text).group(1)},
                     allow_redirects=False)
    assert r.status_code in (302, 303)
    assert LISTING in ids(visitor.get(f"{proxy.url}/api/v1/search", params={"q": "질량분석기"},
                                      headers={"X-Test-Instance": "0"}))


def test_a_login_and_a_basket_survive_switching_instances(site):
    proxy, _ = site
    member = signed_in(proxy.url, "member@example.org")
    served = set()
    for _ in range(4):
        r = member.get(f"{proxy.url}/account")
        assert r.status_code == 200 and "member@example.org" in r.text
        served.add(r.headers["X-Served-By"])
    assert served == {"0", "1"}
    page = member.get(f"{proxy.url}/listings/{LISTING}", headers={"X-Test-Instance": "0"})
    r = member.post(f"{proxy.url}/basket/add", headers={"X-Test-Instance": "0"}, allow_redirects=False,
                    data={"listing_id": LISTING, "csrf_token": TOKEN.search(page.text).group(1)})
    assert r.status_code in (302, 303)
    for n in ("1", "0"):
        basket = member.get(f"{proxy.url}/basket", headers={"X-Test-Instance": n})
        assert basket.status_code == 200 and LISTING in basket.text


def test_no_request_fails_while_one_instance_reloads_gracefully(site):
    proxy, procs = site
    statuses: list[int] = []
    stop = threading.Event()

    def visit():
        browser = requests.Session()
        for n in itertools.count():
            if stop.is_set():
                return
            try:
                statuses.append(browser.get(f"{proxy.url}/search", params={"q": f"분석 {n % 7}"},
                                            timeout=30).status_code)
            except requests.RequestException as exc:
                statuses.append(repr(exc))

    visitors = [threading.Thread(target=visit) for _ in range(3)]
    for t in visitors:
        t.start()
    try:
        time.sleep(1.5)
        procs[0].send_signal(signal.SIGHUP)   # new workers start, the old ones finish their requests
        time.sleep(6)
    finally:
        stop.set()
        for t in visitors:
            t.join(60)
    assert len(statuses) > 20
    assert [s for s in statuses if s != 200] == []
    assert procs[0].poll() is None
