"""Reading instruments' iCalendar feeds (booking.calendar_url) into feed blocks.

A read replaces the listing's feed blocks from today on; a broken feed (unreachable, malformed)
changes no block and is recorded on the feed's row as its sync issue, shown to the operators.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable

from sqlmodel import Session, delete, select

from connectors.base import ConnectorError
from connectors.readers import ical_feed

from ..catalog import listings
from ..catalog.models import Listing
from ..inquiries.holidays import KST, kst_day
from ..models import utcnow
from . import rules
from .models import CalendarBlock, CalendarFeed

Fetch = Callable[[str], list[ical_feed.Busy]]
HORIZON_DAYS = 180


def hours_of(busy: ical_feed.Busy, first: date, last: date) -> dict[date, tuple[int, int]]:
    """The whole KST hours each day of first..last that an interval touches (partial hours count)."""
    start, end = busy.start.astimezone(KST), busy.end.astimezone(KST)
    out = {}
    day = max(start.date(), first)
    while day <= min(end.date(), last):
        day_start = datetime(day.year, day.month, day.day, tzinfo=KST)
        lo = max(start, day_start)
        hi = min(end, day_start + timedelta(days=1))
        if hi > lo:
            first_hour = int((lo - day_start).total_seconds() // 3600)
            last_hour = -int(-(hi - day_start).total_seconds() // 3600)  # ceiling
            out[day] = (first_hour, min(last_hour, 24))
        day += timedelta(days=1)
    return out


def read(s: Session, listing_id: str, url: str, fetch: Fetch = ical_feed.fetch) -> CalendarFeed:
    """Read one feed; the CalendarFeed row says when it was read, how many events, or what broke."""
    feed = s.get(CalendarFeed, listing_id) or CalendarFeed(listing_id=listing_id, url=url)
    feed.url, feed.read_at = url, utcnow()
    try:
        busy = fetch(url)
    except ConnectorError as exc:
        feed.error = str(exc)[:2000]
        s.add(feed)
        return feed
    today = kst_day(utcnow())
    last = today + timedelta(days=HORIZON_DAYS)
    s.exec(delete(CalendarBlock).where(CalendarBlock.listing_id == listing_id,
                                       CalendarBlock.source == "feed", CalendarBlock.day >= today))
    for interval in busy:
        for day, (lo, hi) in hours_of(interval, today, last).items():
            s.add(CalendarBlock(listing_id=listing_id, day=day, start_hour=lo, end_hour=hi, kind="feed",
                                source="feed", note=interval.summary[:500]))
    feed.ok_at, feed.events, feed.error = feed.read_at, len(busy), ""
    s.add(feed)
    return feed


def configured(s: Session, cluster: str | None = None) -> list[tuple[str, str]]:
    """(listing id, feed url) of every published bookable listing with booking.calendar_url."""
    query = listings.visible(select(Listing).where(Listing.kind == "equipment"))
    if cluster:
        query = query.where(Listing.cluster == cluster)
    out = []
    by_id, _flags = listings.load_state(s)
    for row in s.exec(query):
        doc = listings.effective(row.document, by_id.get(row.id, []))
        url = (doc.get("booking") or {}).get("calendar_url")
        if url and rules.bookable(doc):
            out.append((row.id, url))
    return out


def read_all(s: Session, cluster: str | None = None, fetch: Fetch = ical_feed.fetch) -> list[CalendarFeed]:
    return [read(s, listing_id, url, fetch) for listing_id, url in configured(s, cluster)]


def status(s: Session, listing_id: str) -> CalendarFeed | None:
    return s.get(CalendarFeed, listing_id)
