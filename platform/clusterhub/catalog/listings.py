"""Reading listings: counts for the home page and the directory."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, or_
from sqlmodel import Session, select

from ..curation.models import ListingFlags
from ..models import Listing

PUBLISHED = ("active",)


def visible(query):
    """Only what the public sees: active, and not hidden, merged away or awaiting review."""
    withheld = select(ListingFlags.listing_id).where(or_(
        ListingFlags.hidden, ListingFlags.awaiting_review, ListingFlags.merged_into.is_not(None)))
    return query.where(Listing.status.in_(PUBLISHED), Listing.id.not_in(withheld))


def counts_by_cluster_and_kind(session: Session) -> dict[str, dict[str, int]]:
    """{cluster: {kind: n}} over the listings the public sees."""
    rows = session.exec(visible(select(Listing.cluster, Listing.kind, func.count()))
                        .group_by(Listing.cluster, Listing.kind))
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for cluster, kind, n in rows:
        out[cluster][kind] = n
    return dict(out)


def totals_by_kind(counts: dict[str, dict[str, int]]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for per_kind in counts.values():
        for kind, n in per_kind.items():
            totals[kind] += n
    return dict(totals)


def count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Listing)).one()


def get_published(session: Session, listing_id: str) -> Listing | None:
    return session.exec(visible(select(Listing).where(Listing.id == listing_id))).first()


def related(session: Session, ids: list[str]) -> list[Listing]:
    """The published listings among ids, in the order given."""
    if not ids:
        return []
    rows = {r.id: r for r in session.exec(visible(select(Listing).where(Listing.id.in_(ids))))}
    return [rows[i] for i in ids if i in rows]
