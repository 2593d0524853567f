"""An instrument's iCalendar feed (RFC 5545) from a cluster's booking system: its busy intervals.

`parse` is pure (bytes → busy intervals as aware datetimes); `fetch` is the only I/O. Every
problem is a ConnectorError that says where: the platform records it as the feed's sync issue.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from icalendar import Calendar

from ..base import SourceFormatError
from .http_client import HttpClient

KST = timezone(timedelta(hours=9))
MAX_EVENTS = 5000


@dataclass(frozen=True)
class Busy:
    start: datetime  # aware
    end: datetime  # aware, after start
    summary: str = ""


def _moment(value, where: str, field: str) -> datetime:
    """An aware datetime: a date means its midnight in Korea, a floating time is Korean time."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=KST)
    if isinstance(value, date):
        return datetime.combine(value, time(0), KST)
    raise SourceFormatError(f"{field} is not a date or a date-time: {value!r}", location=where,
                            field=field)


def parse(content: bytes, *, location: str = "feed") -> list[Busy]:
    """The busy intervals of every VEVENT that is not cancelled or marked free (TRANSP:TRANSPARENT)."""
    try:
        calendar = Calendar.from_ical(content)
    except Exception as exc:  # icalendar raises ValueError and others for malformed input
        raise SourceFormatError(f"not an iCalendar file: {exc}", location=location) from None
    out: list[Busy] = []
    for n, event in enumerate(calendar.walk("VEVENT"), start=1):
        where = f"{location} VEVENT {n}"
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        if str(event.get("TRANSP", "")).upper() == "TRANSPARENT":
            continue
        if event.get("DTSTART") is None:
            raise SourceFormatError("has no DTSTART", location=where, field="DTSTART")
        start = _moment(event.decoded("DTSTART"), where, "DTSTART")
        if event.get("DTEND") is not None:
            end = _moment(event.decoded("DTEND"), where, "DTEND")
        elif event.get("DURATION") is not None:
            end = start + event.decoded("DURATION")
        else:  # RFC 5545: a date lasts one day, a date-time is an instant
            end = start + (timedelta(days=1) if not isinstance(event.decoded("DTSTART"), datetime)
                           else timedelta(0))
        if end <= start:
            continue
        out.append(Busy(start, end, str(event.get("SUMMARY", ""))[:200]))
        if len(out) > MAX_EVENTS:
            raise SourceFormatError(f"more than {MAX_EVENTS} events", location=location)
    return out


def fetch(url: str, *, client: HttpClient | None = None) -> list[Busy]:
    """GET the feed (timeouts and retries of HttpClient) and parse it."""
    http = client or HttpClient(timeout=10.0, retries=1)
    try:
        response = http.get(url, where=f"calendar {url}")
        return parse(response.content, location=url)
    finally:
        if client is None:
            http.close()
