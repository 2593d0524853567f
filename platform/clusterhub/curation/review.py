"""The curator's review queue: held-back new listings, listings with issues, source conflicts."""
from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, select

from ..errors import Invalid, NotFound
from ..messages import N_
from ..models import SyncIssue, utcnow
from ..sync import runs
from ..catalog import listings
from ..catalog.models import Cluster, Listing, ListingFlags, ListingOverride
from . import audit, overrides

LIMIT = 200


def new_listings(session: Session, limit: int = LIMIT) -> list[Listing]:
    """New listings held back for review (unpublished until a curator decides), newest first."""
    waiting = select(ListingFlags.listing_id).where(ListingFlags.awaiting_review == True)  # noqa: E712
    return list(session.exec(select(Listing).where(Listing.id.in_(waiting))
                             .order_by(Listing.first_seen_at.desc(), Listing.id).limit(limit)))


def waiting_count(session: Session, cluster: str | None = None) -> int:
    query = select(sa.func.count()).select_from(ListingFlags).where(
        ListingFlags.awaiting_review == True)  # noqa: E712
    if cluster:
        query = query.join(Listing, Listing.id == ListingFlags.listing_id).where(
            Listing.cluster == cluster)
    return session.exec(query).one()


def hold_new(session: Session, cluster: str, ids: list[str]) -> int:
    """Inside a sync's transaction: hold the cluster's new listings if it requires review."""
    row = session.get(Cluster, cluster)
    if row is None or not row.requires_review or not ids:
        return 0
    session.execute(sa.insert(ListingFlags), [
        {"listing_id": i, "hidden": False, "featured": False, "awaiting_review": True,
         "updated_at": utcnow()} for i in ids])
    return len(ids)


def review_clusters(session: Session) -> list[Cluster]:
    return list(session.exec(select(Cluster).order_by(Cluster.code)))


def set_policy(u, user, code: str, required: bool) -> list[str]:
    """Require review of a cluster's new listings, or stop; stopping publishes what waits.
    Returns the ids released (reindexed once committed)."""
    session = u.session
    row = session.get(Cluster, code)
    if row is None:
        raise NotFound(N_("No cluster %(cluster)s."), cluster=repr(code))
    released = []
    if not required:
        released = list(session.exec(
            select(ListingFlags.listing_id).join(Listing, Listing.id == ListingFlags.listing_id)
            .where(Listing.cluster == code, ListingFlags.awaiting_review == True)))  # noqa: E712
        for listing_id in released:
            f = session.get(ListingFlags, listing_id)
            f.awaiting_review, f.updated_at = False, utcnow()
            session.add(f)
    audit.record(session, user, "cluster.review_policy", f"cluster:{code}", cluster=code,
                 before={"requires_review": row.requires_review},
                 after={"requires_review": required, "released": len(released)})
    row.requires_review = required
    session.add(row)
    u.reindex(released)
    u.changed()
    return released


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


DECISIONS = ("approve", "hide")


def decide(u, user, listing_id: str, decision: str = "approve") -> None:
    """A curator's review: approve (publish) or hide. Either way it leaves the queue."""
    if decision not in DECISIONS:
        raise Invalid(N_("Unknown review decision %(decision)s; use approve or hide."),
                      [{"path": "decision", "message": N_("expected approve or hide")}], decision=repr(decision))
    session = u.session
    row = session.get(Listing, listing_id)
    if row is None:
        raise NotFound(N_("No listing %(id)s."), id=repr(listing_id))
    f = listings.flags(session, listing_id)
    before = {"awaiting_review": f.awaiting_review, "hidden": f.hidden,
              "reviewed_at": f.reviewed_at.isoformat() if f.reviewed_at else None}
    f.awaiting_review, f.reviewed_at, f.updated_at = False, utcnow(), utcnow()
    if decision == "hide":
        f.hidden = True
    session.add(f)
    audit.record(session, user, "listing.review", listing_id, cluster=row.cluster,
                 before=before, after={"decision": decision, "awaiting_review": False,
                                       "hidden": f.hidden,
                                       "reviewed_at": f.reviewed_at.isoformat()})
    u.reindex([listing_id])
