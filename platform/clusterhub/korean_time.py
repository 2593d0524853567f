"""Korean time (KST, UTC+9) for people: pages and CSV files show stored UTC moments in it, and
say so. Korea keeps no daylight saving time, so the offset is fixed."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

KST = timezone(timedelta(hours=9), "KST")
ZONE = "KST (UTC+9)"  # how a column header or a note names the zone


def to_kst(value: datetime) -> datetime:
    """An aware moment in Korean time (a naive value is the store's UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(KST)


def shown(value: datetime | None) -> str:
    """For a page: 2026-11-25 22:40 KST."""
    return "" if value is None else to_kst(value).strftime("%Y-%m-%d %H:%M KST")


def for_csv(value: datetime | None) -> str:
    """For a spreadsheet: 2026-11-25 22:40:05 (the header names the zone, Excel reads it as a date)."""
    return "" if value is None else to_kst(value).strftime("%Y-%m-%d %H:%M:%S")
