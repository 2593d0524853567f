"""Privacy-preserving search logging for the gap-technology report: query, filters, count; no person.

A search does not write its line itself: the line joins this process's buffer, and the buffer is
written in one transaction when it holds BATCH lines or FLUSH_SECONDS after its first line (a
timer thread), at exit, and before this process reads the log (flush()). One INSERT of many rows
and one commit a second instead of a connection, an INSERT and a commit per search: under load
that was about a sixth of a JSON search's CPU (docs/performance.md). A crash loses at most the
last second's lines of that process; the report counts by day, so nobody notices.
"""
from __future__ import annotations

import atexit
import logging
import os
import threading
import unicodedata

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from .. import db
from ..models import utcnow
from .models import SearchLog


def normalise(query: str) -> str:
    """NFKC, lower case, single spaces: "  LC-MS  분석 " and "lc-ms 분석" group together."""
    return " ".join(unicodedata.normalize("NFKC", query or "").lower().split())[:200]


# SQLite has one writer: while a sync holds the lock, the log write waits this long at most, then
# keeps its lines for the next flush (a search never waits for it: the write is not on its path).
SQLITE_WAIT_MS = 100
BATCH = 200  # lines: written at once when the buffer holds this many
FLUSH_SECONDS = 1.0  # after the first buffered line, the timer writes the buffer
KEEP_MAX = 5000  # lines kept while the database refuses them; older ones are dropped

_lock = threading.Lock()
_buffers: dict[Engine, list[dict]] = {}
_timer: threading.Timer | None = None
log = logging.getLogger(__name__)


def record(query: str, filters: dict, results: int, engine: Engine | None = None,
           widened: dict | None = None) -> None:
    """Log one search (no IP address, no user id, no time finer than the day); never fails the
    search and never makes it wait: the line is buffered and written within FLUSH_SECONDS.
    `widened` ({"places": [...], "words": ...}) when the places read from q held nothing."""
    row = {"query": normalise(query), "results": int(results), "day": utcnow().date(),
           "filters": {k: sorted(v) for k, v in (filters or {}).items() if v}, "widened": widened or None}
    engine = engine or db.engine()
    with _lock:
        buffer = _buffers.setdefault(engine, [])
        buffer.append(row)
        full = len(buffer) >= BATCH
        if not full:
            _arm()
    if full:
        _write(engine)


def log_search(params, total: int, partial: bool = False, widened=()) -> None:
    """Log a finished search: the first page of a typed query only, not each live-search keystroke.
    `widened`: the places (steers with a `word`) read from q that the search dropped because no
    listing there held its words (search.service.run): the line says so, for the gap report."""
    if params.q.strip() and params.page == 1 and not partial:
        record(params.q, {k: list(v) for k, v in params.selections.items()}, total,
               widened=widened_note(params.q, widened))


def widened_note(query: str, places) -> dict | None:
    """{"places": the place words as typed, "words": q without them} (normalised), or None."""
    words = [s.word for s in places or ()]
    if not words:
        return None
    rest = f" {normalise(query)} "
    for word in dict.fromkeys(words):
        rest = rest.replace(f" {normalise(word)} ", " ", 1)
    return {"places": [normalise(w) for w in dict.fromkeys(words)], "words": " ".join(rest.split())}


def flush(engine: Engine | None = None) -> None:
    """Write this process's buffered lines now (all engines', or one engine's)."""
    with _lock:
        engines = [engine] if engine is not None else list(_buffers)
    for e in engines:
        _write(e)


def _on_timer() -> None:
    global _timer
    with _lock:
        _timer = None
    flush()
    with _lock:  # lines the database refused (a sync held the lock) are tried again later
        if any(_buffers.values()):
            _arm()


def _arm() -> None:
    """Start the flush timer unless it runs already (the caller holds _lock)."""
    global _timer
    if _timer is None:
        _timer = threading.Timer(FLUSH_SECONDS, _on_timer)
        _timer.daemon = True
        _timer.start()


def _write(engine: Engine) -> None:
    with _lock:
        rows = _buffers.pop(engine, [])
    if not rows:
        return
    try:
        with engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_WAIT_MS}")
            try:
                conn.execute(sa.insert(SearchLog), rows)
                conn.commit()
            finally:
                if sqlite:  # back to the pool with the usual patience, even after a failure
                    conn.rollback()
                    conn.exec_driver_sql(f"PRAGMA busy_timeout = {db.SQLITE_BUSY_MS}")
    except sa.exc.OperationalError as exc:
        if "locked" not in str(exc):  # not a sync's lock: trying again would not help
            log.warning("search log write failed (%d lines skipped)", len(rows), exc_info=True)
            return
        # SQLite's write lock, held by a sync: the lines wait for the next flush
        log.warning("search log busy: %d lines kept for the next try", len(rows))
        with _lock:
            kept = rows + _buffers.get(engine, [])
            _buffers[engine] = kept[-KEEP_MAX:]
    except Exception:  # the report must never break search
        log.warning("search log write failed (%d lines skipped)", len(rows), exc_info=True)


def _forget_in_child() -> None:
    """A forked process (gunicorn with preload, an RQ work horse) owns none of its parent's
    lines (the parent writes them) and has no timer thread: it starts afresh."""
    global _timer, _lock
    _lock = threading.Lock()
    _buffers.clear()
    _timer = None


atexit.register(flush)
os.register_at_fork(after_in_child=_forget_in_child)
