"""Korean public holidays 2025–2027 and working-day arithmetic for response times.

Source: the holidays the Regulations on Holidays of Government Offices (관공서의 공휴일에 관한 규정)
give, with the dates the Korea Astronomy and Space Science Institute (KASI) publishes for lunar
holidays. Lunar holidays (설날, 부처님오신날, 추석) are listed explicitly per year, as are substitute
holidays (대체공휴일) and the election days declared so far. Extend the table each year.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

KST = timezone(timedelta(hours=9))

HOLIDAYS: dict[date, str] = {d: name for d, name in [
    # 2025
    (date(2025, 1, 1), "신정"), (date(2025, 1, 27), "임시공휴일"),
    (date(2025, 1, 28), "설날 연휴"), (date(2025, 1, 29), "설날"), (date(2025, 1, 30), "설날 연휴"),
    (date(2025, 3, 1), "삼일절"), (date(2025, 3, 3), "대체공휴일(삼일절)"),
    (date(2025, 5, 5), "어린이날·부처님오신날"), (date(2025, 5, 6), "대체공휴일"),
    (date(2025, 6, 3), "대통령 선거일"), (date(2025, 6, 6), "현충일"), (date(2025, 8, 15), "광복절"),
    (date(2025, 10, 3), "개천절"), (date(2025, 10, 5), "추석 연휴"), (date(2025, 10, 6), "추석"),
    (date(2025, 10, 7), "추석 연휴"), (date(2025, 10, 8), "대체공휴일(추석)"),
    (date(2025, 10, 9), "한글날"), (date(2025, 12, 25), "성탄절"),
    # 2026
    (date(2026, 1, 1), "신정"),
    (date(2026, 2, 16), "설날 연휴"), (date(2026, 2, 17), "설날"), (date(2026, 2, 18), "설날 연휴"),
    (date(2026, 3, 1), "삼일절"), (date(2026, 3, 2), "대체공휴일(삼일절)"),
    (date(2026, 5, 5), "어린이날"), (date(2026, 5, 24), "부처님오신날"),
    (date(2026, 5, 25), "대체공휴일(부처님오신날)"), (date(2026, 6, 3), "전국동시지방선거일"),
    (date(2026, 6, 6), "현충일"), (date(2026, 8, 15), "광복절"), (date(2026, 8, 17), "대체공휴일(광복절)"),
    (date(2026, 9, 24), "추석 연휴"), (date(2026, 9, 25), "추석"), (date(2026, 9, 26), "추석 연휴"),
    (date(2026, 10, 3), "개천절"), (date(2026, 10, 5), "대체공휴일(개천절)"),
    (date(2026, 10, 9), "한글날"), (date(2026, 12, 25), "성탄절"),
    # 2027
    (date(2027, 1, 1), "신정"),
    (date(2027, 2, 6), "설날 연휴"), (date(2027, 2, 7), "설날"), (date(2027, 2, 8), "설날 연휴"),
    (date(2027, 2, 9), "대체공휴일(설날)"), (date(2027, 3, 1), "삼일절"), (date(2027, 5, 5), "어린이날"),
    (date(2027, 5, 13), "부처님오신날"), (date(2027, 6, 6), "현충일"), (date(2027, 8, 15), "광복절"),
    (date(2027, 8, 16), "대체공휴일(광복절)"),
    (date(2027, 9, 14), "추석 연휴"), (date(2027, 9, 15), "추석"), (date(2027, 9, 16), "추석 연휴"),
    (date(2027, 10, 3), "개천절"), (date(2027, 10, 4), "대체공휴일(개천절)"),
    (date(2027, 10, 9), "한글날"), (date(2027, 10, 11), "대체공휴일(한글날)"),
    (date(2027, 12, 25), "성탄절"), (date(2027, 12, 27), "대체공휴일(성탄절)"),
]}


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and day not in HOLIDAYS


def kst_day(moment: datetime) -> date:
    """The calendar day in Korea of an aware (or naive UTC) moment."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(KST).date()


def working_days_between(start: datetime, end: datetime) -> int:
    """Working days after start's day up to and including end's day (0 when answered the same day)."""
    first, last = kst_day(start), kst_day(end)
    n, day = 0, first + timedelta(days=1)
    while day <= last:
        n += is_working_day(day)
        day += timedelta(days=1)
    return n


def add_working_days(day: date, n: int) -> date:
    """The n-th working day after day (its own day does not count, as in working_days_between)."""
    while n > 0:
        day += timedelta(days=1)
        n -= is_working_day(day)
    return day
