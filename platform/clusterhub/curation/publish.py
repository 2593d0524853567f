"""Search and pages follow curation at once: bump the catalog version, reindex the listings."""
from __future__ import annotations

from flask import Flask, current_app
from sqlmodel import Session

from .. import db
from ..catalog import state
from ..models import Listing
from . import overrides


def changed(session: Session) -> None:
    """Inside the curation's transaction: the published catalog changed."""
    state.bump(session)


def reindex(ids: list[str], app: Flask | None = None) -> None:
    """After the commit: upsert the effective documents of ids, as indexer.follow does."""
    from ..search import backend
    from ..search.indexer import _documents

    app = app or current_app
    engine = backend(app)
    with db.session(app) as s:
        docs = list(_documents(s, ids))
        version = str(state.version(s))
    engine.upsert(docs)
    engine.set_catalog_version(version)


def public_view(session: Session, listing_id: str):
    """(listing, effective document, canonical id to redirect to, flags) for a public page."""
    row = session.get(Listing, listing_id)
    if row is None:
        return None, None, None, None
    found = overrides.of(session, listing_id)
    f = overrides.flags(session, listing_id)
    return row, overrides.effective(row.document, found), f.merged_into, f


def act(ids: list[str] | None, action, app: Flask | None = None):
    """Run action(session) in one transaction with a catalog bump, then reindex ids at once
    (ids None: the ids the action returns) and record the new catalog version in the index."""
    with db.session(app) as s:
        result = action(s)
        changed(s)
    reindex(result if ids is None else ids, app)
    return result
