"""Listing state: what the public sees (one rule, in Python and SQL), effective documents, counts."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import func, or_
from sqlmodel import Session, select

from . import paths
from .models import Listing, ListingFlags, ListingOverride

PUBLISHED = ("active",)


def visibility(status: str, flags: ListingFlags | None = None) -> str:
    """withdrawn, hidden (by a curator, awaiting review or merged away), public or inactive."""
    if status == "withdrawn":
        return "withdrawn"
    if flags is not None and (flags.hidden or flags.awaiting_review or flags.merged_into):
        return "hidden"
    return "public" if status in PUBLISHED else "inactive"


def is_public(status: str, flags: ListingFlags | None = None) -> bool:
    return visibility(status, flags) == "public"


def visible(query):
    """The SQL twin of is_public: only what the public sees."""
    withheld = select(ListingFlags.listing_id).where(or_(
        ListingFlags.hidden, ListingFlags.awaiting_review, ListingFlags.merged_into.is_not(None)))
    return query.where(Listing.status.in_(PUBLISHED), Listing.id.not_in(withheld))


def effective(document: dict, overrides: Iterable[ListingOverride]) -> dict:
    """The source document with every curator override applied."""
    doc = document
    for o in sorted(overrides, key=lambda o: o.field):
        doc = paths.put(doc, o.field, o.value)
    return doc


def overrides_of(session: Session, listing_id: str) -> list[ListingOverride]:
    return list(session.exec(select(ListingOverride).where(ListingOverride.listing_id == listing_id)
                             .order_by(ListingOverride.field)))


def flags(session: Session, listing_id: str) -> ListingFlags:
    """The listing's flags, or fresh unsaved ones (nothing set) when it has none."""
    return session.get(ListingFlags, listing_id) or ListingFlags(listing_id=listing_id)


def load_state(session: Session, ids: list[str] | None = None):
    """({listing_id: [overrides]}, {listing_id: flags}) for ids, or for every listing."""
    by_id: dict[str, list[ListingOverride]] = {}
    flag_map: dict[str, ListingFlags] = {}
    chunks = [None] if ids is None else [ids[i:i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        oq, fq = select(ListingOverride), select(ListingFlags)
        if chunk is not None:
            oq = oq.where(ListingOverride.listing_id.in_(chunk))
            fq = fq.where(ListingFlags.listing_id.in_(chunk))
        for o in session.exec(oq):
            by_id.setdefault(o.listing_id, []).append(o)
        for f in session.exec(fq):
            flag_map[f.listing_id] = f
    return by_id, flag_map


def canonical(session: Session, listing_id: str) -> str:
    """Follow merges to the listing that stands for listing_id."""
    seen = {listing_id}
    f = session.get(ListingFlags, listing_id)
    while f is not None and f.merged_into:
        if f.merged_into in seen:
            break
        listing_id = f.merged_into
        seen.add(listing_id)
        f = session.get(ListingFlags, listing_id)
    return listing_id


@dataclass(frozen=True)
class Published:
    """A listing the public may see, with its effective document and flags."""

    listing: Listing
    document: dict
    flags: ListingFlags


@dataclass(frozen=True)
class Moved:
    """A listing merged into another: its address answers with a redirect to `to`."""

    to: str


def published(session: Session, listing_id: str) -> Published | Moved | None:
    """What a public page or the API shows for listing_id: the listing, a redirect, or nothing."""
    row = session.get(Listing, listing_id)
    if row is None:
        return None
    f = flags(session, listing_id)
    if f.merged_into:
        return Moved(canonical(session, listing_id))
    if not is_public(row.status, f):
        return None
    return Published(row, effective(row.document, overrides_of(session, listing_id)), f)


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


def public_row(session: Session, listing_id: str) -> Listing | None:
    """The stored listing if the public sees it (no document effects applied)."""
    return session.exec(visible(select(Listing).where(Listing.id == listing_id))).first()


def related(session: Session, ids: list[str]) -> list[Listing]:
    """The published listings among ids, in the order given."""
    if not ids:
        return []
    rows = {r.id: r for r in session.exec(visible(select(Listing).where(Listing.id.in_(ids))))}
    return [rows[i] for i in ids if i in rows]
