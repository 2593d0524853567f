"""A bookable instrument in kmedihub (and one with a feed), members of two companies, operators of
two clusters: the world of the reservation tests."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from clusterhub import db
from clusterhub.auth import accounts
from clusterhub.inquiries.holidays import HOLIDAYS, kst_day
from clusterhub.models import utcnow
from tests.clusterhub.auth.tokens import bearer
from tests.clusterhub.auth.browser import add_user
from tests.clusterhub.inquiries.conftest import A, B, EQUIPMENT, PASSWORD, USERS, signed_in  # noqa: F401
from tests.conftest import build_app
from tests.schemas.samples import equipment

TARIFF = {"model": "fixed", "min_krw": 50000, "max_krw": 500000, "unit": "hour", "unit_krw": 50000,
          "minimum_krw": 100000}
FEED_URL = "http://127.0.0.1:9/eq-f1.ics"  # the discard port: nothing answers
FEED = f"{A}:equipment:EQ-F1"


def make_reservation_world(tmp_path, url=None):
    app = build_app(tmp_path, url or f"sqlite:///{tmp_path / 'reservations.db'}")
    for name, (role, extra) in USERS.items():
        add_user(app, f"{name}@example.org", role, password=PASSWORD, **extra)
    docs = [equipment(source_id="EQ-R1", booking={"mode": "self_use", "lead_time_days": 2}, fee=TARIFF),
            equipment(source_id="EQ-F1", booking={"mode": "self_use", "calendar_url": FEED_URL})]
    r = app.test_client().post(f"/api/v1/clusters/{A}/listings", headers=bearer(app, A), json={"listings": docs})
    assert r.status_code == 200, r.json
    return app


@pytest.fixture
def rworld(tmp_path):
    app = make_reservation_world(tmp_path)
    yield app
    db.engine(app).dispose()


def who(app, name: str):
    with app.app_context(), db.session() as s:
        return accounts.principal(s, accounts.get(s, f"{name}@example.org"))


def working_day(after: int = 7) -> date:
    """A weekday that is no public holiday, at least `after` days from today in Korea."""
    d = kst_day(utcnow()) + timedelta(days=after)
    while d.weekday() >= 5 or d in HOLIDAYS:
        d += timedelta(days=1)
    return d
