"""No double booking under concurrent confirmations, on PostgreSQL: the booked_hours primary key
decides, not the check each confirmation makes first (which cannot see the other's uncommitted rows)."""
from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from clusterhub import db
from clusterhub.errors import Conflict
from clusterhub.reservations import bookings
from clusterhub.reservations.bookings import Slot
from clusterhub.reservations.models import BookedHour, Reservation
from .conftest import EQUIPMENT, make_reservation_world, who, working_day

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_world(tmp_path, postgres_url):
    app = make_reservation_world(tmp_path, postgres_url)
    yield app
    db.engine(app).dispose()


def two_requests(app):
    d = working_day()
    with app.app_context(), db.session() as s:
        first = bookings.ask(s, who(app, "member"), EQUIPMENT, [Slot(d, 10, 13)], mode="self_use")
        second = bookings.ask(s, who(app, "rival"), EQUIPMENT, [Slot(d, 12, 14)], mode="staff")
    return first.id, second.id


def confirm_in_thread(app, reservation_id, results, barrier=None):
    operator = who(app, "operator_a")

    def run():
        with app.app_context():
            try:
                if barrier is not None:
                    barrier.wait()
                with db.session() as s:
                    bookings.confirm(s, operator, reservation_id)
                results[reservation_id] = "confirmed"
            except Conflict as exc:
                results[reservation_id] = exc.message

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_confirmation_waiting_on_an_uncommitted_one_is_refused(pg_world):
    first, second = two_requests(pg_world)
    engine = db.engine(pg_world)
    results: dict[int, str] = {}
    with pg_world.app_context(), Session(engine, expire_on_commit=False) as holding:
        bookings.confirm(holding, who(pg_world, "operator_a"), first)  # flushed, not committed
        holder = holding.connection().exec_driver_sql("select pg_backend_pid()").scalar()
        thread = confirm_in_thread(pg_world, second, results)
        with engine.connect() as watch:  # wait until the second is blocked by the first's transaction
            blocked = 0
            while not blocked and thread.is_alive():
                blocked = watch.execute(sa.text("select count(*) from pg_stat_activity "
                                                "where :holder = any(pg_blocking_pids(pid))"),
                                        {"holder": holder}).scalar()
            assert blocked == 1, results  # its own check passed: it saw no booked hour
        holding.commit()
    thread.join()
    assert "another reservation was confirmed for the same hours" in results[second]
    with pg_world.app_context(), db.session() as s:
        cells = s.exec(select(BookedHour).order_by(BookedHour.hour)).all()
        assert [(c.hour, c.reservation_id) for c in cells] == [(10, first), (11, first), (12, first)]
        assert s.get(Reservation, second).status == "requested"


def test_two_confirmations_racing_book_the_hours_once(pg_world):
    first, second = two_requests(pg_world)
    results: dict[int, str] = {}
    barrier = threading.Barrier(2)
    threads = [confirm_in_thread(pg_world, rid, results, barrier) for rid in (first, second)]
    for t in threads:
        t.join()
    assert sorted(v == "confirmed" for v in results.values()) == [False, True], results
    winner = next(rid for rid, v in results.items() if v == "confirmed")
    with pg_world.app_context(), db.session() as s:
        cells = s.exec(select(BookedHour)).all()
        assert {c.reservation_id for c in cells} == {winner}
        assert {r.status for r in s.exec(select(Reservation))} == {"confirmed", "requested"}
