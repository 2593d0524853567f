"""The demo's own curation: a few foundation picks, so the home page shows what featuring does.
Made only by `clusterhub demo load`, once (a curator may change them afterwards)."""
from __future__ import annotations

from sqlmodel import Session, select

from ..catalog import listings
from ..models import Listing
from . import overrides, publish
from .models import ListingFlags

FLAGSHIPS = ("kmedihub", "kbiohealth")
KINDS = ("service", "equipment", "expert")


def ensure_picks(session: Session) -> list[str]:
    """Feature the first published listing of each kind at the two complexes, unless a listing is
    featured already; returns the ids featured now (empty when nothing was done)."""
    if session.exec(select(ListingFlags.listing_id).where(ListingFlags.featured.is_(True))).first():
        return []
    picked = []
    for cluster in FLAGSHIPS:
        for kind in KINDS:
            row = session.exec(listings.visible(select(Listing).where(
                Listing.cluster == cluster, Listing.kind == kind)).order_by(Listing.id)).first()
            if row is None:
                continue
            overrides.set_flag(session, None, row.id, "feature",
                               "demo: the foundation's sample picks")
            picked.append(row.id)
    if picked:
        publish.changed(session)  # the index is then stale, and demo load rebuilds it
    return picked
