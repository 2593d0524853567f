"""The search log never makes a search wait for a sync: while SQLite's one write lock is held,
the log line is skipped, and the database connection keeps its usual patience afterwards."""
import sqlite3
import threading

from sqlmodel import select

from clusterhub import db
from clusterhub.inquiries.models import SearchLog
from tests.conftest import build_app


def logged(app) -> list[str]:
    with app.app_context(), db.session() as s:
        return [r.query for r in s.exec(select(SearchLog))]


def test_a_search_skips_its_log_line_rather_than_wait_for_a_sync(tmp_path):
    path = tmp_path / "l.db"
    app = build_app(tmp_path, f"sqlite:///{path}")
    client = app.test_client()
    assert client.get("/search?q=질량분석기").status_code == 200
    assert logged(app) == ["질량분석기"]

    # Another connection holds the write lock, as a sync does until it commits, for one second:
    # a log write that waited for it (the old 30 s patience) would land; this one gives up.
    holder = sqlite3.connect(path, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.0, holder.rollback)
    release.start()
    try:
        assert client.get("/search?q=유세포분석기").status_code == 200
    finally:
        release.join()
        holder.close()
    assert logged(app) == ["질량분석기"]  # skipped, not waited for

    with app.app_context(), db.engine().connect() as conn:  # the pooled connection is restored
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.SQLITE_BUSY_MS
    assert client.get("/search?q=공초점현미경").status_code == 200
    assert logged(app) == ["질량분석기", "공초점현미경"]
    db.engine(app).dispose()
