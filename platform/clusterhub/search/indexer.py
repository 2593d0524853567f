"""Keeping the index in step with the catalog: after each sync commit, and full rebuilds."""
from __future__ import annotations

from typing import Iterable, Iterator

from flask import Flask
from sqlmodel import Session, select

from .. import db
from ..catalog import state
from ..models import Listing
from . import backend
from .document import index_document

BATCH = 1000


def _documents(session: Session, ids: Iterable[str] | None = None) -> Iterator[dict]:
    query = select(Listing).where(Listing.status != "withdrawn")
    if ids is not None:
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = query.where(Listing.id.in_(ids[start:start + 500]))
            for row in session.exec(chunk):
                yield to_index(row)
        return
    for row in session.exec(query.order_by(Listing.id).execution_options(yield_per=BATCH)):
        yield to_index(row)


def to_index(row: Listing) -> dict:
    """The index document of one stored listing."""
    return index_document(row.id, row.document, status=row.status, updated_at=row.updated_at)


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
    with db.session(app) as s:
        version = str(state.version(s))
        return backend(app).rebuild(_documents(s), version)
