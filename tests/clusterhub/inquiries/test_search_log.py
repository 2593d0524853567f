"""The search log never makes a search wait: a search's line joins a buffer that is written in
one transaction shortly after (or when the report is read); while a sync holds SQLite's one write
lock, the lines wait in the buffer instead of being lost, and the database connection keeps its
usual patience afterwards."""
import sqlite3
import time

from sqlmodel import select

from clusterhub import db
from clusterhub.inquiries import search_log
from clusterhub.inquiries.models import SearchLog
from tests.conftest import build_app


def logged(app) -> list[str]:
    with app.app_context(), db.session() as s:
        return [r.query for r in s.exec(select(SearchLog).order_by(SearchLog.id))]


def test_searches_are_logged_in_batches_and_wait_out_a_sync(tmp_path):
    path = tmp_path / "l.db"
    app = build_app(tmp_path, f"sqlite:///{path}")
    client = app.test_client()
    assert client.get("/search?q=질량분석기").status_code == 200
    assert client.get("/api/v1/search?q=LC-MS").status_code == 200
    search_log.flush(db.engine(app))
    assert logged(app) == ["질량분석기", "lc-ms"]

    # Another connection holds the write lock, as a sync does until it commits: the search
    # answers at once and its line is kept, not written and not lost.
    holder = sqlite3.connect(path, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert client.get("/search?q=유세포분석기").status_code == 200
        search_log.flush(db.engine(app))  # refused by the lock: the line stays in the buffer
    finally:
        holder.rollback()
        holder.close()
    assert logged(app) == ["질량분석기", "lc-ms"]
    search_log.flush(db.engine(app))
    assert logged(app) == ["질량분석기", "lc-ms", "유세포분석기"]

    with app.app_context(), db.engine().connect() as conn:  # the pooled connection is restored
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.SQLITE_BUSY_MS
    db.engine(app).dispose()


def test_the_buffer_is_written_without_anyone_reading_the_report(tmp_path):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 't.db'}")
    assert app.test_client().get("/search?q=공초점현미경").status_code == 200
    for _ in range(100):  # the timer writes it within FLUSH_SECONDS; wait up to 10 s
        if logged(app):
            break
        time.sleep(0.1)
    assert logged(app) == ["공초점현미경"]
    db.engine(app).dispose()


def test_a_full_buffer_is_written_by_the_search_that_fills_it(tmp_path, monkeypatch):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'f.db'}")
    monkeypatch.setattr(search_log, "BATCH", 3)
    monkeypatch.setattr(search_log, "FLUSH_SECONDS", 3600)  # the timer must not be what writes
    monkeypatch.setattr(search_log, "_timer", None)
    client = app.test_client()
    for q in ("a1", "b2", "c3"):
        assert client.get("/api/v1/search", query_string={"q": q}).status_code == 200
    assert logged(app) == ["a1", "b2", "c3"]
    db.engine(app).dispose()


def test_a_forked_child_does_not_write_its_parents_lines_again(tmp_path):
    import os

    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'k.db'}")
    assert app.test_client().get("/search?q=세포배양").status_code == 200
    pid = os.fork()
    if pid == 0:  # the child: its buffer starts empty, so flushing writes nothing
        try:
            search_log.flush()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    search_log.flush(db.engine(app))
    assert logged(app) == ["세포배양"]
    db.engine(app).dispose()


def test_a_line_not_widened_stores_sql_null_and_the_gap_report_skips_it(database_url, tmp_path):
    # The gap report selects widened lines by `widened IS NOT NULL`: JSON null would match too.
    from clusterhub.inquiries import dashboard

    app = build_app(tmp_path, database_url)
    engine = db.engine(app)
    search_log.record("세포배양기", {}, 30, engine)
    search_log.record("대구 독성시험", {}, 4, engine, widened={"places": ["대구"], "words": "독성시험"})
    search_log.record("없는말", {}, 0, engine)
    search_log.flush(engine)
    with app.app_context(), db.session() as s:
        assert s.exec(select(SearchLog.query).where(SearchLog.widened.is_(None)).order_by(SearchLog.id)).all() \
            == ["세포배양기", "없는말"]
        groups: dict = {}
        dashboard.count_gap_searches(s, groups)
        assert sorted(groups) == ["대구 독성시험", "없는말"]
        assert (groups["대구 독성시험"]["widened"], groups["없는말"]["zero"]) == (1, 1)
    engine.dispose()
