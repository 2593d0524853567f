"""Working days count Korean public holidays; response summaries and overdue tickets."""
from __future__ import annotations

from datetime import datetime, timezone

from clusterhub.inquiries.holidays import HOLIDAYS, is_working_day, working_days_between
from clusterhub.inquiries.models import Ticket
from clusterhub.inquiries.response_times import overdue, summary


def kst(*args) -> datetime:
    from clusterhub.inquiries.holidays import KST
    return datetime(*args, tzinfo=KST).astimezone(timezone.utc)


def test_lunar_holidays_and_substitutes_are_listed():
    assert HOLIDAYS[datetime(2026, 9, 25).date()] == "추석"
    assert not is_working_day(datetime(2026, 2, 17).date())  # 설날
    assert not is_working_day(datetime(2027, 10, 11).date())  # 한글날 substitute
    assert is_working_day(datetime(2026, 2, 19).date())


def test_chuseok_week_does_not_count():
    # Wed 2026-09-23 → Tue 2026-09-29: Thu/Fri are 추석, Sat/Sun weekend, so Mon and Tue only.
    assert working_days_between(kst(2026, 9, 23, 10), kst(2026, 9, 29, 10)) == 2
    # The same span one week later has five working days.
    assert working_days_between(kst(2026, 9, 30, 10), kst(2026, 10, 6, 10)) == 3  # 10/3, 10/5 off


def test_summary_and_overdue():
    answered = [Ticket(request_id=1, cluster="a", created_at=kst(2026, 9, 23, 10),
                       first_response_at=kst(2026, 9, 29, 10)),
                Ticket(request_id=1, cluster="a", created_at=kst(2026, 11, 2, 9),
                       first_response_at=kst(2026, 11, 9, 9))]
    out = summary(answered)
    assert out["n"] == 2 and out["within_share"] == 50 and out["median_hours"] == 156.0
    late = Ticket(request_id=1, cluster="a", created_at=kst(2026, 11, 2, 9))
    assert overdue(late, now=kst(2026, 11, 5, 18)) is False  # Tue, Wed, Thu: 3 working days
    assert overdue(late, now=kst(2026, 11, 6, 9)) is True  # the 4th working day
