"""Featured listings: the foundation's picks on the home page (search marks them through the index:
search/indexer.to_index)."""
from __future__ import annotations

from sqlmodel import Session, select

from ..catalog import listings
from ..catalog.models import Listing, ListingFlags

SHOWCASE_SIZE = 8


def showcase(session: Session, limit: int = SHOWCASE_SIZE) -> list[dict]:
    """The featured listings the public can see, most recently flagged first.

    Each is the effective document (source + curator overrides) with its listing "id".
    """
    rows = list(session.exec(listings.visible(
        select(Listing).join(ListingFlags, ListingFlags.listing_id == Listing.id)
        .where(ListingFlags.featured.is_(True)))
        .order_by(ListingFlags.updated_at.desc(), Listing.id)
        .limit(limit)))
    if not rows:
        return []
    by_id, _ = listings.load_state(session, [r.id for r in rows])
    return [{**listings.effective(r.document, by_id.get(r.id, [])), "id": r.id} for r in rows]

