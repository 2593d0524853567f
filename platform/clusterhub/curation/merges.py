"""Merging a duplicate into a canonical listing (its URL redirects), and undoing it; the
candidates themselves come from curation.duplicates."""
from __future__ import annotations

from ..errors import Conflict, Invalid, NotFound
from ..messages import N_
from ..catalog import listings
from ..catalog.models import Listing, ListingFlags
from ..models import utcnow
from . import audit


def merge(u, user, duplicate_id: str, canonical_id: str, reason: str = "") -> None:
    """Merge duplicate into canonical: the duplicate leaves search and its URL redirects."""
    session = u.session
    if duplicate_id == canonical_id:
        raise Invalid(N_("A listing cannot be merged into itself."),
                      [{"path": "canonical", "message": N_("choose another listing")}])
    dup, keep = session.get(Listing, duplicate_id), session.get(Listing, canonical_id)
    if dup is None or keep is None:
        raise NotFound(N_("No listing %(id)s."), id=repr(duplicate_id if dup is None else canonical_id))
    if listings.canonical(session, canonical_id) == duplicate_id:
        raise Conflict(N_("%(canonical)s is already merged into %(duplicate)s."),
                       canonical=canonical_id, duplicate=duplicate_id)
    f = listings.flags(session, duplicate_id)
    before = f.merged_into
    f.merged_into, f.updated_at = canonical_id, utcnow()
    session.add(f)
    audit.record(session, user, "listing.merge", duplicate_id, cluster=dup.cluster,
                 before={"merged_into": before}, after={"merged_into": canonical_id}, reason=reason)
    u.reindex([duplicate_id])


def unmerge(u, user, duplicate_id: str, reason: str = "") -> None:
    """Undo a merge: the listing shows again at its own URL."""
    session = u.session
    f = session.get(ListingFlags, duplicate_id)
    if f is None or not f.merged_into:
        raise NotFound(N_("%(id)s is not merged."), id=repr(duplicate_id))
    row = session.get(Listing, duplicate_id)
    audit.record(session, user, "listing.unmerge", duplicate_id, cluster=row.cluster if row else None,
                 before={"merged_into": f.merged_into}, after={"merged_into": None}, reason=reason)
    f.merged_into, f.updated_at = None, utcnow()
    session.add(f)
    u.reindex([duplicate_id])
