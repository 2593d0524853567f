"""ETags for anonymous pages: a repeat visit nothing has changed for is answered 304 before the
view runs (no search, no rendering).

The ETag of the search page, the JSON search API and the home page is a hash of everything the
response depends on for a clean anonymous session: the search index's stamp (the catalog
version and thesaurus the results reflect, so a lagging index never yields a stale ETag), the
catalog version in the database for the home page (its counts come from there), the request's
path and query, the language, the session's CSRF token (the forms carry it) and the code that
renders (templates, translations). A sync or a curator action moves the version on, so the next
request gets a new page. Signed-in users, a basket with listings, flashed messages or a bearer
token: no ETag at all, and such pages are never answered from it.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, g, request, session

from .. import db, search
from ..auth import csrf
from ..catalog import state as catalog_state
from ..i18n import locale

ENDPOINTS = frozenset({"search.page", "api.search", "home.index"})
FROM_DATABASE = frozenset({"home.index"})
# Session keys an anonymous visitor may carry and still share pages (the CSRF token is hashed in).
CLEAN_KEYS = frozenset({csrf.SESSION_KEY, "_permanent"})
CACHE_CONTROL = "private, no-cache"  # each browser revalidates; shared caches never store it
PACKAGE = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """The templates and translations this process renders with (a deploy changes pages)."""
    digest = hashlib.sha256()
    for folder in ("templates", "translations"):
        for path in sorted((PACKAGE / folder).rglob("*")):
            if path.is_file() and path.suffix in (".html", ".mo"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _clean_anonymous() -> bool:
    if request.authorization is not None:
        return False
    keys = set(session.keys())
    if "basket" in keys and not session.get("basket"):
        keys.discard("basket")
    return keys <= CLEAN_KEYS


def etag() -> str | None:
    """This request's ETag, or None when its response must not carry one."""
    if request.method not in ("GET", "HEAD") or request.endpoint not in ENDPOINTS:
        return None
    if not _clean_anonymous():
        return None
    parts = [code_stamp(), search.backend().stamp(), request.full_path, locale(),
             session.get(csrf.SESSION_KEY, "")]
    if request.endpoint in FROM_DATABASE:
        with db.session() as s:
            parts.append(str(catalog_state.version(s)))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def _answer_unchanged():
    try:
        tag = etag()
    except Exception:  # an engine or database failure is the view's to report, not ours
        return None
    g.etag = (session.get(csrf.SESSION_KEY), tag)
    if tag is not None and tag in request.if_none_match:
        response = Response(status=304)
        response.set_etag(tag)
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response
    return None


def _tag(response: Response) -> Response:
    # Worked out again after the view: rendering a form may have made the session's CSRF token.
    if response.status_code == 200 and request.endpoint in ENDPOINTS:
        token, tag = g.get("etag", (None, None))
        if tag is None or token != session.get(csrf.SESSION_KEY) or not _clean_anonymous():
            try:
                tag = etag()
            except Exception:  # the page is rendered: send it without a tag
                return response
        if tag is not None:
            response.set_etag(tag)
            response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def init_app(app: Flask) -> None:
    app.before_request(_answer_unchanged)
    app.after_request(_tag)
