"""The demo's own curation: a few foundation picks, so the home page shows what featuring does.
Made only by `clusterhub demo load`, once (a curator may change them afterwards)."""
from __future__ import annotations

from sqlmodel import select

from ..catalog import listings
from ..catalog.models import Listing, ListingFlags
from . import overrides

FLAGSHIPS = ("kmedihub", "kbiohealth")
KINDS = ("service", "equipment", "expert")


def ensure_picks(u) -> list[str]:
    """Feature the first published listing of each kind at the two complexes, unless a listing is
    featured already; returns the ids featured now (empty when nothing was done)."""
    session = u.session
    if session.exec(select(ListingFlags.listing_id).where(ListingFlags.featured.is_(True))).first():
        return []
    picked = []
    for cluster in FLAGSHIPS:
        for kind in KINDS:
            row = session.exec(listings.visible(select(Listing).where(
                Listing.cluster == cluster, Listing.kind == kind)).order_by(Listing.id)).first()
            if row is None:
                continue
            overrides.set_flag(u, None, row.id, "feature",
                               "demo: the foundation's sample picks")
            picked.append(row.id)
    return picked
