"""Tables of reservations: calendar blocks and feeds, reservations and their slots, the booked
hour cells that make double booking impossible, use records, accepted statements, cluster rules."""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ..models import JSONType, utcnow


class ReservationPolicy(SQLModel, table=True):
    """A cluster's stated rules: opening hours (KST, whole hours), how late a company may cancel,
    and the SME discount rate it gives; clusters without a row get the defaults in rules.py."""

    __tablename__ = "reservation_policies"

    cluster: str = Field(foreign_key="clusters.code", primary_key=True, max_length=40)
    open_hour: int = 9
    close_hour: int = 18
    cancel_days: int = 2  # a company cancels a confirmed slot until this many days before it
    sme_discount_pct: int = 0
    note: str = Field(default="", max_length=1000)
    updated_at: datetime = Field(default_factory=utcnow)


class CalendarBlock(SQLModel, table=True):
    """Time an instrument is not available on one day: maintenance, internal use, closed, or busy
    in the cluster's own booking system (source "feed", replaced at each read of the feed)."""

    __tablename__ = "calendar_blocks"

    id: Optional[int] = Field(default=None, primary_key=True)
    listing_id: str = Field(foreign_key="listings.id", max_length=220, index=True)
    day: date = Field(index=True)
    start_hour: int = 0
    end_hour: int = 24
    kind: str = Field(max_length=20)  # maintenance, internal, closed, feed
    note: str = Field(default="", max_length=500)
    source: str = Field(default="operator", max_length=10)  # operator or feed
    created_by: Optional[int] = Field(default=None, foreign_key="users.id")
    created_at: datetime = Field(default_factory=utcnow)


class CalendarFeed(SQLModel, table=True):
    """The last read of an instrument's iCalendar feed: a broken feed is recorded, never raised."""

    __tablename__ = "calendar_feeds"

    listing_id: str = Field(foreign_key="listings.id", primary_key=True, max_length=220)
    url: str = Field(max_length=1000)
    read_at: Optional[datetime] = None
    ok_at: Optional[datetime] = None
    events: int = 0
    error: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))


class Reservation(SQLModel, table=True):
    """A company's request for one or more slots of one instrument, on a ticket of its cluster."""

    __tablename__ = "reservations"

    id: Optional[int] = Field(default=None, primary_key=True)
    listing_id: str = Field(foreign_key="listings.id", max_length=220, index=True)
    cluster: str = Field(foreign_key="clusters.code", max_length=40, index=True)
    ticket_id: int = Field(foreign_key="inquiry_tickets.id", index=True)
    company_id: Optional[int] = Field(default=None, foreign_key="companies.id", index=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    mode: str = Field(max_length=20)  # self_use (after training) or staff (analysis by staff)
    status: str = Field(default="requested", max_length=20, index=True)
    note: str = Field(default="", max_length=2000)
    reason: str = Field(default="", max_length=1000)  # of a decline, a proposal or a cancellation
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)


class ReservationSlot(SQLModel, table=True):
    """One asked-for (or operator-proposed) time range of a reservation, in whole KST hours."""

    __tablename__ = "reservation_slots"

    id: Optional[int] = Field(default=None, primary_key=True)
    reservation_id: int = Field(foreign_key="reservations.id", index=True)
    day: date
    start_hour: int
    end_hour: int


class BookedHour(SQLModel, table=True):
    """One confirmed hour of an instrument. The primary key is the guard against double booking:
    two confirmations of the same hour cannot both commit, whatever their timing."""

    __tablename__ = "booked_hours"

    listing_id: str = Field(foreign_key="listings.id", primary_key=True, max_length=220)
    day: date = Field(primary_key=True)
    hour: int = Field(primary_key=True)
    reservation_id: int = Field(foreign_key="reservations.id", index=True)


class UseRecord(SQLModel, table=True):
    """What was actually used, and the fee computed from the listing's tariff (lines kept)."""

    __tablename__ = "use_records"

    id: Optional[int] = Field(default=None, primary_key=True)
    reservation_id: int = Field(foreign_key="reservations.id", unique=True)
    hours: float = 0
    samples: int = 0
    days: int = 0
    consumables: str = Field(default="", max_length=1000)
    consumables_krw: int = 0
    notes: str = Field(default="", max_length=4000)
    sme: bool = False
    lines: list = Field(default_factory=list, sa_column=sa.Column(JSONType, nullable=False))
    computed_krw: int = 0
    adjustment_krw: int = 0
    adjustment_reason: str = Field(default="", max_length=1000)
    total_krw: int = 0
    recorded_by: Optional[int] = Field(default=None, foreign_key="users.id")
    recorded_at: datetime = Field(default_factory=utcnow)


class Settlement(SQLModel, table=True):
    """The company's acceptance of a ticket's settlement statement (정산서), with the total it saw."""

    __tablename__ = "settlements"

    id: Optional[int] = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="inquiry_tickets.id", unique=True)
    total_krw: int
    accepted_by: int = Field(foreign_key="users.id")
    accepted_at: datetime = Field(default_factory=utcnow)
