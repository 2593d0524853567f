"""Utilisation per instrument: booked hours / available hours over a period (the sharing figure).

Available hours are the open hours of working days (no weekend, no public holiday) that no
operator or feed block takes; booked hours are the confirmed hours in them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from ..catalog import listings
from ..catalog.models import Listing
from . import calendar, rules
from .models import BookedHour


@dataclass(frozen=True)
class Use:
    listing_id: str
    cluster: str
    title: str
    booked: int
    available: int

    @property
    def share(self) -> float | None:
        """booked / available, or None when nothing was available."""
        return self.booked / self.available if self.available else None


def of_listing(s: Session, listing_id: str, cluster: str, first: date, last: date) -> tuple[int, int]:
    booked = available = 0
    for day in calendar.days(s, listing_id, cluster, first, (last - first).days + 1):
        if day.state in ("closed", "holiday"):
            continue
        for hour in day.hours:
            why = day.taken.get(hour)
            if why is None or why == "booked":
                available += 1
                booked += why == "booked"
    return booked, available


def per_instrument(s: Session, first: date, last: date, cluster: str | None = None, limit: int = 20) -> list[Use]:
    """The published bookable instruments (of a cluster, or all) with booked hours in first..last,
    busiest first, at most limit: one grouped query finds them, so a federation of thousands of
    instruments costs only the few that were booked."""
    query = (select(BookedHour.listing_id, func.count()).join(Listing, Listing.id == BookedHour.listing_id)
             .where(BookedHour.day >= first, BookedHour.day <= last).group_by(BookedHour.listing_id))
    if cluster:
        query = query.where(Listing.cluster == cluster)
    ids = [listing_id for listing_id, _n in s.exec(query)]
    if not ids:
        return []
    by_id, _flags = listings.load_state(s, ids)
    out = []
    for row in s.exec(listings.visible(select(Listing).where(Listing.id.in_(ids)))):
        doc = listings.effective(row.document, by_id.get(row.id, []))
        if not rules.bookable(doc):
            continue
        booked, available = of_listing(s, row.id, row.cluster, first, last)
        title = doc.get("title") or {}
        out.append(Use(row.id, row.cluster, title.get("ko") or title.get("en") or row.id, booked, available))
    return sorted(out, key=lambda u: (-(u.share or 0), u.listing_id))[:limit]
