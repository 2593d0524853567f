"""Keeping the index in step with the catalog: after each committed unit of work, and rebuilds."""
from __future__ import annotations

from typing import Iterable, Iterator

from sqlmodel import Session, select

from .. import db
from ..catalog import listings, state
from ..catalog.models import Listing
from . import backend
from .document import index_document

BATCH = 1000


def documents(session: Session, ids: Iterable[str] | None = None) -> Iterator[dict]:
    """The index documents of ids (every stored, not withdrawn listing when ids is None)."""
    query = select(Listing).where(Listing.status != "withdrawn")
    if ids is not None:
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk_ids = ids[start:start + 500]
            found, flags = listings.load_state(session, chunk_ids)
            for row in session.exec(query.where(Listing.id.in_(chunk_ids))):
                yield to_index(row, found.get(row.id, ()), flags.get(row.id))
        return
    found, flags = listings.load_state(session)  # curated listings are few: load them once
    for row in session.exec(query.order_by(Listing.id).execution_options(yield_per=BATCH)):
        yield to_index(row, found.get(row.id, ()), flags.get(row.id))


def to_index(row: Listing, curated=(), flags=None) -> dict:
    """The index document of one stored listing: its effective document, its visibility by the
    catalog's one rule, and the featured mark (a curation action reindexes it, so marks follow)."""
    return index_document(row.id, listings.effective(row.document, curated),
                          status=row.status, visibility=listings.visibility(row.status, flags),
                          updated_at=row.updated_at, featured=bool(flags and flags.featured))


def apply(app, unit) -> None:
    """After-commit effect of a unit of work: upsert, delete, synonyms, the catalog version."""
    if not (unit.catalog_changed or unit.synonyms_changed):
        return
    engine = backend(app)
    with db.session(app) as s:
        if unit.reindexed:
            engine.upsert(documents(s, unit.reindexed))
        version = str(state.version(s))
        if unit.synonyms_changed:
            from ..curation import thesaurus
            engine.update_synonyms(thesaurus.effective(s))
    if unit.removed:
        engine.delete(unit.removed)
    if unit.catalog_changed:
        engine.set_catalog_version(version)


def rebuild(app) -> int:
    """Build a fresh index from the catalog beside the live one and swap it in."""
    from ..curation import thesaurus

    with db.session(app) as s:
        version = str(state.version(s))
        count = backend(app).rebuild(documents(s), version)
        if thesaurus.curated(s):  # a rebuilt index starts from the shipped thesaurus
            backend(app).update_synonyms(thesaurus.effective(s))
        return count
