"""The curator's review queue: new listings of reviewed clusters, listings with issues, conflicts."""
from __future__ import annotations

from sqlmodel import Session, select

from ..models import Cluster, Listing, SyncIssue, utcnow
from ..sync import runs
from . import audit, overrides
from .models import ListingFlags, ListingOverride

LIMIT = 200


def new_listings(session: Session, limit: int = LIMIT) -> list[Listing]:
    """Active listings of clusters that require review, not yet marked reviewed."""
    codes = list(session.exec(select(Cluster.code).where(Cluster.requires_review == True)))  # noqa: E712
    if not codes:
        return []
    reviewed = select(ListingFlags.listing_id).where(ListingFlags.reviewed_at.is_not(None))
    return list(session.exec(select(Listing).where(
        Listing.cluster.in_(codes), Listing.status == "active", Listing.id.not_in(reviewed))
        .order_by(Listing.first_seen_at.desc(), Listing.id).limit(limit)))


def with_issues(session: Session, limit: int = LIMIT) -> list[dict]:
    """The issues of each cluster's latest run, with the stored listing they concern if any."""
    out = []
    for code, run in sorted(runs.last_per_cluster(session).items()):
        for issue in session.exec(select(SyncIssue).where(SyncIssue.run_id == run.id)
                                  .order_by(SyncIssue.id).limit(limit)):
            hit = None
            if issue.source_id:
                hit = session.exec(select(Listing.id).where(
                    Listing.cluster == code, Listing.source_id == issue.source_id)).first()
            out.append({"cluster": code, "run": run, "issue": issue, "listing_id": hit})
    return out[:limit]


def source_changed(session: Session, limit: int = LIMIT) -> list[tuple[Listing, list]]:
    """Listings whose source changed a field a curator overrode."""
    found: dict[str, list[ListingOverride]] = {}
    for o in session.exec(select(ListingOverride).order_by(ListingOverride.listing_id)):
        found.setdefault(o.listing_id, []).append(o)
    out = []
    for listing_id, items in found.items():
        row = session.get(Listing, listing_id)
        changes = overrides.source_changes(row, items) if row else []
        if changes:
            out.append((row, changes))
    return out[:limit]


def mark_reviewed(session: Session, user, listing_id: str) -> None:
    row = session.get(Listing, listing_id)
    f = overrides.flags(session, listing_id)
    before = f.reviewed_at.isoformat() if f.reviewed_at else None
    f.reviewed_at = utcnow()
    session.add(f)
    audit.record(session, user, "listing.review", listing_id, cluster=row.cluster if row else None,
                 before={"reviewed_at": before}, after={"reviewed_at": f.reviewed_at.isoformat()})
