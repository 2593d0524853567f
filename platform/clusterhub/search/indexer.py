"""Keeping the index in step with the catalog: after each sync commit, and full rebuilds."""
from __future__ import annotations

from typing import Iterable, Iterator

from flask import Flask
from sqlmodel import Session, select

from .. import db
from ..catalog import state
from ..curation import overrides
from ..models import Listing
from . import backend
from .document import index_document

BATCH = 1000


def _documents(session: Session, ids: Iterable[str] | None = None) -> Iterator[dict]:
    query = select(Listing).where(Listing.status != "withdrawn")
    if ids is not None:
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk_ids = ids[start:start + 500]
            found, flags = overrides.load_for(session, chunk_ids)
            for row in session.exec(query.where(Listing.id.in_(chunk_ids))):
                yield to_index(row, found.get(row.id, ()), flags.get(row.id))
        return
    found, flags = overrides.load_for(session)  # curated listings are few: load them once
    for row in session.exec(query.order_by(Listing.id).execution_options(yield_per=BATCH)):
        yield to_index(row, found.get(row.id, ()), flags.get(row.id))


def to_index(row: Listing, curated=(), flags=None) -> dict:
    """The index document of one stored listing: its effective document, hidden or featured if
    curated so (a curation action reindexes the listing, so the marks follow at once)."""
    hidden = bool(flags and (flags.withheld or flags.merged_into))
    return index_document(row.id, overrides.effective(row.document, curated), status=row.status,
                          hidden=hidden, updated_at=row.updated_at,
                          featured=bool(flags and flags.featured))


def follow(app: Flask, report) -> None:
    """Sync hook: upsert what changed, delete what was withdrawn, record the catalog version."""
    engine = backend(app)
    with db.session(app) as s:
        engine.upsert(_documents(s, report.changed_ids))
        version = str(state.version(s))
    if report.removed_ids:
        engine.delete(report.removed_ids)
    engine.set_catalog_version(version)


def rebuild(app: Flask) -> int:
    """Build a fresh index from the catalog beside the live one and swap it in."""
    from ..curation import thesaurus

    with db.session(app) as s:
        version = str(state.version(s))
        count = backend(app).rebuild(_documents(s), version)
        if thesaurus.curated(s):  # a rebuilt index starts from the shipped thesaurus
            backend(app).update_synonyms(thesaurus.effective(s))
        return count
