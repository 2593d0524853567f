"""A bookable instrument in kmedihub (and one with a feed), members of two companies, operators of
two clusters: the world of the reservation tests."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from clusterhub.inquiries.holidays import HOLIDAYS, kst_day
from clusterhub.models import utcnow
from tests.clusterhub.conftest import PASSWORD, make_federation, signed_in, who  # noqa: F401  (shared)
from tests.clusterhub.inquiries.conftest import A, B, EQUIPMENT, USERS  # noqa: F401
from tests.schemas.samples import equipment

TARIFF = {"model": "fixed", "min_krw": 50000, "max_krw": 500000, "unit": "hour", "unit_krw": 50000,
          "minimum_krw": 100000}
FEED_URL = "http://127.0.0.1:9/eq-f1.ics"  # the discard port: nothing answers
FEED = f"{A}:equipment:EQ-F1"


def listings() -> dict:
    return {A: [equipment(source_id="EQ-R1", booking={"mode": "self_use", "lead_time_days": 2}, fee=TARIFF),
                equipment(source_id="EQ-F1", booking={"mode": "self_use", "calendar_url": FEED_URL})]}


def make_reservation_world(tmp_path, url=None):
    return make_federation(tmp_path, USERS, listings(), "reservations", url)


@pytest.fixture
def rworld(federation):
    return federation(USERS, listings(), "reservations")


def working_day(after: int = 7) -> date:
    """A weekday that is no public holiday, at least `after` days from today in Korea."""
    d = kst_day(utcnow()) + timedelta(days=after)
    while d.weekday() >= 5 or d in HOLIDAYS:
        d += timedelta(days=1)
    return d
