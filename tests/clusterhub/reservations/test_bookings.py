"""Reservation requests: refusals with reasons, the operator's answers, cancellation rules, who sees what."""
from __future__ import annotations

from datetime import timedelta

import pytest

from clusterhub import db
from clusterhub.errors import Conflict, Forbidden, Invalid
from clusterhub.inquiries import tickets
from clusterhub.inquiries.holidays import HOLIDAYS, kst_day
from clusterhub.models import utcnow
from clusterhub.reservations import bookings, calendar, rules
from clusterhub.reservations.bookings import Slot
from clusterhub.reservations.models import BookedHour
from sqlmodel import select
from .conftest import A, EQUIPMENT, who, working_day


def ask(app, name="member", slots=None, mode="self_use"):
    d = working_day()
    with app.app_context(), db.session() as s:
        return bookings.ask(s, who(app, name), EQUIPMENT, slots or [Slot(d, 10, 12)], mode=mode, note="LC-MS 20 시료")


def messages(exc) -> dict:
    return {e["path"]: e["message"] for e in exc.errors}


def test_a_request_opens_a_ticket_in_the_clusters_inbox(rworld):
    r = ask(rworld)
    with rworld.app_context(), db.session() as s:
        inbox = tickets.inbox(s, who(rworld, "operator_a"))
        assert [t.id for t in inbox] == [r.ticket_id] and inbox[0].listing_ids == [EQUIPMENT]
        assert [x.start_hour for x in bookings.slots_of(s, r.id)] == [10]


def test_blocked_holiday_weekend_and_out_of_hours_slots_are_refused_with_the_reason(rworld):
    d = working_day()
    with rworld.app_context(), db.session() as s:
        calendar.add_block(s, who(rworld, "operator_a"), EQUIPMENT, first=d, last=d, start_hour=9, end_hour=11,
                           kind="maintenance")
    saturday = d + timedelta(days=(5 - d.weekday()) % 7)
    next_day = d + timedelta(days=1)  # a working day too, so only its hours are wrong
    while next_day.weekday() >= 5 or next_day in HOLIDAYS:
        next_day += timedelta(days=1)
    with rworld.app_context(), db.session() as s, pytest.raises(Invalid) as bad:
        bookings.ask(s, who(rworld, "member"), EQUIPMENT,
                     [Slot(d, 10, 12), Slot(saturday, 10, 11), Slot(next_day, 17, 19),
                      Slot(kst_day(utcnow()), 10, 11)], mode="self_use")
    got = messages(bad.value)
    assert got["slots[0]"] == f"{d.isoformat()} 10:00 is not available: maintenance."
    assert got["slots[1]"].endswith("a weekend.")
    assert "18:00" in got["slots[2]"] and got["slots[2]"].endswith("outside opening hours.")
    assert "too soon" in got["slots[3]"]  # the listing's lead time is two days


def test_a_slot_overlapping_a_confirmed_one_is_refused_and_so_is_a_second_confirmation(rworld):
    first, second = ask(rworld), ask(rworld, "rival", [Slot(working_day(), 11, 13)])
    with rworld.app_context(), db.session() as s:
        bookings.confirm(s, who(rworld, "operator_a"), first.id)
    with rworld.app_context(), db.session() as s, pytest.raises(Conflict) as clash:
        bookings.confirm(s, who(rworld, "operator_a"), second.id)
    assert "already reserved" in clash.value.errors[0]["message"]
    with rworld.app_context(), db.session() as s, pytest.raises(Invalid) as bad:
        bookings.ask(s, who(rworld, "rival"), EQUIPMENT, [Slot(working_day(), 11, 12)], mode="staff")
    assert messages(bad.value)["slots[0]"].endswith("11:00 is not available: already reserved.")


def test_the_operator_proposes_another_slot_which_the_company_accepts(rworld):
    r = ask(rworld)
    later = working_day(14)
    with rworld.app_context(), db.session() as s:
        bookings.propose(s, who(rworld, "operator_a"), r.id, [Slot(later, 13, 16)], "오전은 정기점검")
    with rworld.app_context(), db.session() as s, pytest.raises(Forbidden):
        bookings.accept_proposal(s, who(rworld, "rival"), r.id)
    with rworld.app_context(), db.session() as s:
        bookings.accept_proposal(s, who(rworld, "member"), r.id)
    with rworld.app_context(), db.session() as s:
        assert s.get(bookings.Reservation, r.id).status == "confirmed"
        assert calendar.days(s, EQUIPMENT, A, later, 1)[0].taken == {13: "booked", 14: "booked", 15: "booked"}


def test_decline_needs_a_reason_and_only_the_clusters_operator_answers(rworld):
    r = ask(rworld)
    with rworld.app_context(), db.session() as s:
        with pytest.raises(Forbidden):
            bookings.confirm(s, who(rworld, "operator_b"), r.id)
        with pytest.raises(Forbidden):
            bookings.confirm(s, who(rworld, "member"), r.id)
        with pytest.raises(Invalid):
            bookings.decline(s, who(rworld, "operator_a"), r.id, " ")
        assert bookings.decline(s, who(rworld, "operator_a"), r.id, "장비 수리 중").status == "declined"


def test_cancelling_frees_the_hours_within_the_clusters_deadline(rworld):
    soon = ask(rworld, slots=[Slot(working_day(2), 10, 12)])
    later = ask(rworld, slots=[Slot(working_day(20), 10, 12)])
    operator = who(rworld, "operator_a")
    with rworld.app_context(), db.session() as s:
        rules.set_policy(s, operator, A, open_hour=9, close_hour=18, cancel_days=10, sme_discount_pct=30)
        bookings.confirm(s, operator, soon.id)
        bookings.confirm(s, operator, later.id)
    with rworld.app_context(), db.session() as s, pytest.raises(Conflict) as late:
        bookings.cancel(s, who(rworld, "member"), soon.id)
    assert "10 days before" in late.value.message
    with rworld.app_context(), db.session() as s:
        bookings.cancel(s, who(rworld, "member"), later.id, "일정 변경")
        with pytest.raises(Invalid):
            bookings.cancel(s, operator, soon.id)
        bookings.cancel(s, operator, soon.id, "장비 고장")
    with rworld.app_context(), db.session() as s:
        assert s.exec(select(BookedHour)).all() == []


def test_a_company_sees_only_its_own_and_an_operator_only_its_clusters(rworld):
    r = ask(rworld)
    ask(rworld, "rival", [Slot(working_day(), 14, 15)])
    with rworld.app_context(), db.session() as s:
        assert [x.id for x in bookings.mine(s, who(rworld, "member"))] == [r.id]
        assert len(bookings.of_cluster(s, who(rworld, "operator_a"))) == 2
        assert bookings.of_cluster(s, who(rworld, "operator_b")) == []
        for name in ("rival", "operator_b", "curator"):
            with pytest.raises(Forbidden):
                bookings.get_for(s, who(rworld, name), r.id)
    client = rworld.test_client()
    from .conftest import signed_in
    assert signed_in(rworld, "rival").get(f"/reservations/{r.id}").status_code == 403
    assert signed_in(rworld, "member").get(f"/reservations/{r.id}").status_code == 200
    assert client.get(f"/reservations/{r.id}").status_code in (302, 401)


def test_only_members_ask(rworld):
    with rworld.app_context(), db.session() as s, pytest.raises(Forbidden):
        bookings.ask(s, who(rworld, "operator_a"), EQUIPMENT, [Slot(working_day(), 10, 11)], mode="staff")


def test_a_slot_beyond_half_a_year_is_refused(rworld):
    far = working_day(200)
    with rworld.app_context(), db.session() as s, pytest.raises(Invalid) as bad:
        bookings.ask(s, who(rworld, "member"), EQUIPMENT, [Slot(working_day(), 10, 11), Slot(far, 10, 11)], mode="staff")
    got = messages(bad.value)
    assert list(got) == ["slots[1]"] and got["slots[1]"].startswith(f"{far.isoformat()} is too far ahead")
