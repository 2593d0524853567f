"""The inquiry basket: listing ids a visitor collects across clusters, kept in the signed session."""
from __future__ import annotations

from collections import defaultdict

from flask import session as web_session
from sqlmodel import Session

from ..auth import sessions
from ..catalog import listings
from ..errors import Invalid, NotFound
from ..messages import N_
from ..catalog.models import Listing

KEY = "basket"
MAX_ITEMS = 30
# A visitor fills the basket first and logs in to send it: the login must not empty it.
sessions.keep_at_login(KEY)


def ids() -> list[str]:
    return list(web_session.get(KEY, []))


def add(s: Session, listing_id: str) -> None:
    """Put a published listing in the basket (once)."""
    if listings.public_row(s, listing_id) is None:
        raise NotFound(N_("No published listing %(id)s."), id=repr(listing_id))
    current = ids()
    if listing_id not in current:
        if len(current) >= MAX_ITEMS:
            raise Invalid(N_("A basket holds at most %(n)d items."), n=MAX_ITEMS)
        web_session[KEY] = current + [listing_id]


def remove(listing_id: str) -> None:
    web_session[KEY] = [i for i in ids() if i != listing_id]


def clear() -> None:
    web_session.pop(KEY, None)


def by_cluster(s: Session, listing_ids: list[str]) -> dict[str, list[Listing]]:
    """The published listings of listing_ids grouped by cluster code (unknown ids are dropped)."""
    out: dict[str, list[Listing]] = defaultdict(list)
    for listing_id in listing_ids:
        row = listings.public_row(s, listing_id)
        if row is not None:
            out[row.cluster].append(row)
    return dict(out)
