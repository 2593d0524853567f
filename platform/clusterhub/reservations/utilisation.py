"""Utilisation per instrument: booked hours / available hours over a period (the sharing figure).

Available hours are the open hours of working days (no weekend, no public holiday) that no
operator or feed block takes; booked hours are the confirmed hours in them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ..catalog import listings
from ..catalog.models import Listing
from . import calendar, rules


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


def per_instrument(s: Session, first: date, last: date, cluster: str | None = None) -> list[Use]:
    """Every published bookable instrument (of a cluster, or all), busiest first."""
    query = listings.visible(select(Listing).where(Listing.kind == "equipment"))
    if cluster:
        query = query.where(Listing.cluster == cluster)
    by_id, _flags = listings.load_state(s)
    out = []
    for row in s.exec(query.order_by(Listing.id)):
        doc = listings.effective(row.document, by_id.get(row.id, []))
        if not rules.bookable(doc):
            continue
        booked, available = of_listing(s, row.id, row.cluster, first, last)
        title = (doc.get("title") or {})
        out.append(Use(row.id, row.cluster, title.get("ko") or title.get("en") or row.id, booked, available))
    return sorted(out, key=lambda u: (-(u.share or 0), u.listing_id))
