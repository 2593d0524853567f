"""The catalog version: bumped whenever published listings change, so a lagging index shows."""
from __future__ import annotations

from sqlmodel import Session

from ..models import utcnow

from .models import CatalogState


def version(session: Session) -> int:
    row = session.get(CatalogState, 1)
    return row.version if row else 0


def bump(session: Session) -> int:
    """Increase the version inside the caller's transaction."""
    row = session.get(CatalogState, 1) or CatalogState(id=1, version=0)
    row.version += 1
    row.changed_at = utcnow()
    session.add(row)
    return row.version
