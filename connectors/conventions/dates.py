"""Dates as clusters write them: 2019.03.05, 20190305, 2019-03-05, 2019/3/5, 2019년 3월 5일."""
from __future__ import annotations

import re
from datetime import date, datetime

# One pattern per written style; each captures year, month and day.
_STYLES = (
    re.compile(r"(\d{4})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})\.?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일"),
)
# ISO timestamps from JSON APIs ("2019-03-05T09:30:00+09:00"): only the date part counts.
_TIMESTAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+\-]\d{2}:?\d{2})?")
_YEAR = re.compile(r"(\d{4})\s*년?")
_YEAR_MONTH = re.compile(r"(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*월?\.?")

EXAMPLES = "2019.03.05, 20190305, 2019-03-05, 2019/3/5 or 2019년 3월 5일"


def parse_date(value) -> date:
    """A calendar date in any of the clusters' styles; ValueError names the value otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in (*_STYLES, _TIMESTAMP):
        match = pattern.fullmatch(text)
        if match:
            return _build(text, *match.groups()[:3])
    raise ValueError(f"date {text!r} not understood; expected e.g. {EXAMPLES}")


def parse_year(value) -> int:
    """The year of a date, or a bare year such as 2019 / 2019년 / 2019.03 (acquisition years)."""
    if isinstance(value, (date, datetime)):
        return value.year
    if isinstance(value, int) and not isinstance(value, bool):
        return _year(str(value), value)
    text = str(value).strip()
    for pattern in (_YEAR, _YEAR_MONTH):
        match = pattern.fullmatch(text)
        if match:
            if pattern is _YEAR_MONTH and not 1 <= int(match.group(2)) <= 12:
                break
            return _year(text, int(match.group(1)))
    try:
        return parse_date(text).year
    except ValueError as exc:
        if "calendar" in str(exc):
            raise
        raise ValueError(f"year or date {text!r} not understood; expected e.g. 2019, 2019년 "
                         f"or a date such as {EXAMPLES}") from None


_DAYS = re.compile(r"(?:약|최대|최소|평균)?\s*(\d+(?:\.\d+)?)\s*(일|주|개월|달|days?|weeks?|months?)?"
                   r"\s*(?:이내|내외|소요|정도)?", re.IGNORECASE)
_DAY_UNITS = {"일": 1, "day": 1, "days": 1, "주": 7, "week": 7, "weeks": 7, "개월": 30, "달": 30,
              "month": 30, "months": 30}


def parse_days(value) -> int:
    """A duration in days: 30, '30일', '약 30일', '4주', '2개월' (a month counts 30 days)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return int(round(value))
    text = " ".join(str(value).split())
    match = _DAYS.fullmatch(text)
    if not match:
        raise ValueError(f"duration {text!r} not understood; expected e.g. 30, 30일, 약 30일, 4주 "
                         "or 2개월")
    unit = (match.group(2) or "일").lower()
    return int(round(float(match.group(1)) * _DAY_UNITS[unit]))


def iso_date(value) -> str:
    """parse_date as an ISO string, the form the shared schema stores."""
    return parse_date(value).isoformat()


def _year(text: str, year: int) -> int:
    if not 1900 <= year <= 2100:
        raise ValueError(f"year {text!r} is out of range (1900-2100)")
    return year


def _build(text: str, year: str, month: str, day: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError as exc:
        raise ValueError(f"date {text!r} is not a real calendar date ({exc})") from None
