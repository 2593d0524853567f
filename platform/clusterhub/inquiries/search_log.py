"""Privacy-preserving search logging for the gap-technology report: query, filters, count; no person."""
from __future__ import annotations

import unicodedata

from flask import current_app

from .. import db
from .models import SearchLog


def normalise(query: str) -> str:
    """NFKC, lower case, single spaces: "  LC-MS  분석 " and "lc-ms 분석" group together."""
    return " ".join(unicodedata.normalize("NFKC", query or "").lower().split())[:200]


def record(query: str, filters: dict, results: int) -> None:
    """Log one search (no IP address, no user id, no time finer than the day); never fails the search."""
    try:
        with db.session() as s:
            s.add(SearchLog(query=normalise(query), results=int(results),
                            filters={k: sorted(v) for k, v in (filters or {}).items() if v}))
    except Exception:  # the report must never break search
        current_app.logger.warning("search log write failed", exc_info=True)


def log_search(params, total: int, partial: bool = False) -> None:
    """Log a finished search: the first page of a typed query only, not each live-search keystroke."""
    if params.q.strip() and params.page == 1 and not partial:
        record(params.q, {k: list(v) for k, v in params.selections.items()}, total)
