"""Reading listings: counts for the home page and the directory."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func
from sqlmodel import Session, select

from ..models import Listing

PUBLISHED = ("active",)


def counts_by_cluster_and_kind(session: Session) -> dict[str, dict[str, int]]:
    """{cluster: {kind: n}} over published listings."""
    rows = session.exec(
        select(Listing.cluster, Listing.kind, func.count())
        .where(Listing.status.in_(PUBLISHED))
        .group_by(Listing.cluster, Listing.kind)
    )
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
    row = session.get(Listing, listing_id)
    return row if row is not None and row.status in PUBLISHED else None


def related(session: Session, ids: list[str]) -> list[Listing]:
    """The published listings among ids, in the order given."""
    if not ids:
        return []
    rows = {r.id: r for r in session.exec(
        select(Listing).where(Listing.id.in_(ids), Listing.status.in_(PUBLISHED)))}
    return [rows[i] for i in ids if i in rows]
