"""Privacy-preserving search logging for the gap-technology report: query, filters, count; no person."""
from __future__ import annotations

import logging
import unicodedata

import sqlalchemy as sa

from .. import db
from .models import SearchLog


def normalise(query: str) -> str:
    """NFKC, lower case, single spaces: "  LC-MS  분석 " and "lc-ms 분석" group together."""
    return " ".join(unicodedata.normalize("NFKC", query or "").lower().split())[:200]


# SQLite has one writer: while a sync holds the lock, a search would wait for it (up to the
# 30 s busy timeout) just to write its log line. The log waits this long at most, then skips.
SQLITE_WAIT_MS = 100


def record(query: str, filters: dict, results: int) -> None:
    """Log one search (no IP address, no user id, no time finer than the day); never fails the
    search, and never makes it wait for a running sync: the line is skipped instead."""
    row = SearchLog(query=normalise(query), results=int(results),
                    filters={k: sorted(v) for k, v in (filters or {}).items() if v})
    try:
        with db.engine().connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_WAIT_MS}")
            try:
                conn.execute(sa.insert(SearchLog).values(**row.model_dump(exclude={"id"})))
                conn.commit()
            finally:
                if sqlite:  # back to the pool with the usual patience, even after a failure
                    conn.rollback()
                    conn.exec_driver_sql(f"PRAGMA busy_timeout = {db.SQLITE_BUSY_MS}")
    except Exception:  # the report must never break search
        logging.getLogger(__name__).warning("search log write failed (skipped)", exc_info=True)


def log_search(params, total: int, partial: bool = False) -> None:
    """Log a finished search: the first page of a typed query only, not each live-search keystroke."""
    if params.q.strip() and params.page == 1 and not partial:
        record(params.q, {k: list(v) for k, v in params.selections.items()}, total)
