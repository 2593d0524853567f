"""Fixtures shared by the whole suite: databases (SQLite and PostgreSQL) and the app."""
from __future__ import annotations

import os
import threading
import uuid
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _postgres_reachable() -> str | None:
    from clusterhub.db import make_engine

    try:
        with make_engine(PG_URL).connect() as conn:
            conn.execute(sa.text("select 1"))
        return None
    except Exception as exc:  # any failure means "not reachable" here
        return str(exc).splitlines()[0]


@pytest.fixture(scope="session")
def postgres_base_url():
    """The PostgreSQL URL; skipped when unreachable, except under CI=true where it must run."""
    problem = _postgres_reachable()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {PG_URL} is required under CI=true: {problem}")
        pytest.skip(f"PostgreSQL at {PG_URL} is not reachable ({problem}); PostgreSQL tests skipped")
    return PG_URL


@pytest.fixture
def postgres_url(postgres_base_url):
    """A throwaway schema in the test database, dropped afterwards."""
    from clusterhub.db import make_engine

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(postgres_base_url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'create schema "{schema}"'))
    yield f"{postgres_base_url}?options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(sa.text(f'drop schema "{schema}" cascade'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Each store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'catalog.db'}"
    return request.getfixturevalue("postgres_url")


def build_app(tmp_path, database_url: str, **overrides):
    """A migrated app with the 20 cluster records, its instance folder in tmp_path."""
    from clusterhub import create_app, db, migrations
    from clusterhub.catalog import clusters

    config = {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"),
              "DATABASE_URL": database_url, "SECRET_KEY": "test",
              "SEARCH_INDEX_DIR": str(tmp_path / "instance" / "search"),
              # The samples stand in for the clusters' sources, as under `make demo`.
              "DEMO_MODE": True}
    config.update(overrides)
    app = create_app(config)
    migrations.upgrade(db.engine(app))
    with app.app_context(), db.session() as s:
        clusters.load_records(s)
    return app


@pytest.fixture
def app(tmp_path):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'catalog.db'}")
    yield app
    from clusterhub import db
    db.engine(app).dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory):
    """The whole demo federation: 20 connectors synced from their sample exports, then indexed."""
    from clusterhub import db
    from clusterhub.search import indexer
    from clusterhub.sync import service
    from connectors import demo

    tmp = tmp_path_factory.mktemp("demo")
    app = build_app(tmp, f"sqlite:///{tmp / 'demo.db'}")
    with app.test_request_context(), service.source_base_url() as base_url:
        for code in demo.codes():
            report = service.sync_cluster(code, base_url=base_url, trigger="test")
            assert report.outcome == "succeeded", (code, report.message)
    with app.app_context():
        indexer.rebuild(app)
    yield app
    db.engine(app).dispose()


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the run (Playwright's sync API allows one at a time)."""
    import shutil
    from pathlib import Path

    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; `make test` installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield launched
        launched.close()


@contextmanager
def serving(app):
    """The app on a real loopback port, in a thread, for a browser; yields the base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
