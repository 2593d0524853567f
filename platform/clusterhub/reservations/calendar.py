"""Availability: an instrument's days and hours, taken by operator blocks, feed blocks, confirmed
reservations, weekends and Korean public holidays; operators add and remove blocks."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, select

from ..auth import Principal
from ..catalog import listings
from ..catalog.models import Listing
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..messages import N_
from ..inquiries.holidays import HOLIDAYS
from . import rules
from .models import BookedHour, CalendarBlock

BLOCK_KINDS = ("maintenance", "internal", "closed")
WEEKS = 8
MAX_BLOCK_DAYS = 366


@dataclass
class Day:
    day: date
    state: str  # closed (weekend), holiday, free, partial, full
    holiday: str = ""
    taken: dict[int, str] = field(default_factory=dict)  # hour → why: a block kind, "feed" or "booked"
    hours: tuple[int, ...] = ()  # the open hours

    @property
    def free_hours(self) -> list[int]:
        return [h for h in self.hours if h not in self.taken]


def bookable_listing(s: Session, listing_id: str):
    """The published, bookable listing's (row, document), else NotFound."""
    found = listings.published(s, listing_id)
    if found is None or isinstance(found, listings.Moved) or not rules.bookable(found.document):
        raise NotFound(N_("No published equipment %(id)s takes reservations."), id=repr(listing_id))
    return found.listing, found.document


def days(s: Session, listing_id: str, cluster: str, start: date, n: int = WEEKS * 7) -> list[Day]:
    """n days from start, each with its state and the taken open hours (three queries)."""
    rule = rules.policy(s, cluster)
    hours = tuple(rules.open_hours(rule))
    end = start + timedelta(days=n)
    taken: dict[date, dict[int, str]] = {}
    for b in s.exec(select(CalendarBlock).where(CalendarBlock.listing_id == listing_id,
                                                CalendarBlock.day >= start, CalendarBlock.day < end)):
        for h in range(b.start_hour, b.end_hour):
            taken.setdefault(b.day, {}).setdefault(h, b.kind)
    for c in s.exec(select(BookedHour).where(BookedHour.listing_id == listing_id,
                                             BookedHour.day >= start, BookedHour.day < end)):
        taken.setdefault(c.day, {}).setdefault(c.hour, "booked")
    out = []
    for i in range(n):
        d = start + timedelta(days=i)
        cells = {h: why for h, why in taken.get(d, {}).items() if h in hours}
        if d in HOLIDAYS:
            out.append(Day(d, "holiday", holiday=HOLIDAYS[d], taken=cells, hours=hours))
        elif d.weekday() >= 5:
            out.append(Day(d, "closed", taken=cells, hours=hours))
        else:
            state = "free" if not cells else ("full" if len(cells) >= len(hours) else "partial")
            out.append(Day(d, state, taken=cells, hours=hours))
    return out


def weeks(day_list: list[Day]) -> list[list[Day | None]]:
    """The days in Monday-first weeks (None pads the first and last week)."""
    if not day_list:
        return []
    cells: list[Day | None] = [None] * day_list[0].day.weekday() + list(day_list)
    cells += [None] * (-len(cells) % 7)
    return [cells[i:i + 7] for i in range(0, len(cells), 7)]


def blocks(s: Session, listing_id: str, start: date) -> list[CalendarBlock]:
    return list(s.exec(select(CalendarBlock).where(CalendarBlock.listing_id == listing_id,
                                                   CalendarBlock.day >= start)
                       .order_by(CalendarBlock.day, CalendarBlock.start_hour)))


def add_block(s: Session, user: Principal, listing_id: str, *, first: date, last: date,
              start_hour: int, end_hour: int, kind: str, note: str = "") -> list[CalendarBlock]:
    """The operator blocks first..last (start_hour–end_hour each day); refused over a confirmed slot."""
    row, _doc = bookable_listing(s, listing_id)
    if not user.operates(row.cluster):
        raise Forbidden(N_("Only the operators of cluster %(cluster)s and administrators may do this."),
                        cluster=repr(row.cluster))
    errors = []
    if kind not in BLOCK_KINDS:
        errors.append({"path": "kind", "message": N_("Choose maintenance, internal use or closed.")})
    if not (0 <= start_hour < end_hour <= 24):
        errors.append({"path": "end_hour", "message": N_("Give hours from 0 to 24, the start before the end.")})
    if last < first or (last - first).days >= MAX_BLOCK_DAYS:
        errors.append({"path": "last", "message": N_("The last day is before the first, or more than a year after it.")})
    if errors:
        raise Invalid(N_("The block could not be added."), errors)
    clash = s.exec(select(BookedHour).where(
        BookedHour.listing_id == listing_id, BookedHour.day >= first, BookedHour.day <= last,
        BookedHour.hour >= start_hour, BookedHour.hour < end_hour).order_by(BookedHour.day, BookedHour.hour)).first()
    if clash is not None:
        raise Conflict(N_("%(day)s %(hour)02d:00 is booked by confirmed reservation #%(id)s: cancel it or "
                          "move the block."), day=clash.day.isoformat(), hour=clash.hour, id=clash.reservation_id)
    made = []
    for i in range((last - first).days + 1):
        block = CalendarBlock(listing_id=listing_id, day=first + timedelta(days=i), start_hour=start_hour,
                              end_hour=end_hour, kind=kind, note=(note or "")[:500], created_by=user.id)
        s.add(block)
        made.append(block)
    s.flush()
    return made


def remove_block(s: Session, user: Principal, block_id: int) -> None:
    block = s.get(CalendarBlock, block_id)
    if block is None or block.source != "operator":
        raise NotFound(N_("No block #%(id)s."), id=block_id)
    row = s.get(Listing, block.listing_id)
    if not user.operates(row.cluster):
        raise Forbidden(N_("Only the operators of cluster %(cluster)s and administrators may do this."),
                        cluster=repr(row.cluster))
    s.delete(block)


def why_taken(day: Day, start_hour: int, end_hour: int) -> tuple[int, str] | None:
    """The first hour of start..end that is not open or taken, with the reason code, or None."""
    if day.state == "holiday":
        return start_hour, "holiday"
    if day.state == "closed":
        return start_hour, "closed"
    for h in range(start_hour, end_hour):
        if h not in day.hours:
            return h, "hours"
        if h in day.taken:
            return h, day.taken[h]
    return None
