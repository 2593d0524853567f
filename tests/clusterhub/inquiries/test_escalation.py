"""Routing and escalation: a cluster without operators is answered by the foundation's intake desk,
visibly; a ticket with no first answer escalates to the foundation after 3 and again after 5
working days, each step mailed once however often the timer runs."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlmodel import select

from clusterhub import db
from clusterhub.auth.models import User
from clusterhub.inquiries import escalation
from clusterhub.inquiries.cli import tickets_group
from clusterhub.inquiries.holidays import KST
from clusterhub.inquiries.models import OutboxMail, Ticket
from tests.clusterhub.inquiries.conftest import A, B, EQUIPMENT, SERVICE, signed_in


def kst(*args) -> datetime:
    return datetime(*args, tzinfo=KST).astimezone(timezone.utc)


def send(world, listing):
    member = signed_in(world, "member")
    sent = member.post("/api/v1/requests", json={"listing_ids": [listing], "need": "GLP 독성시험 견적",
                                                 "timeline": "3개월", "budget": "10m_50m", "consent": True})
    assert sent.status_code == 201, sent.json
    return member, sent.json["id"], sent.json["tickets"][0]["id"]


def mails(world, since=0) -> list[OutboxMail]:
    with world.app_context(), db.session() as s:
        return list(s.exec(select(OutboxMail).where(OutboxMail.id > since).order_by(OutboxMail.id)))


def last_mail_id(world) -> int:
    found = mails(world)
    return found[-1].id if found else 0


def without_operators(world, cluster):
    with world.app_context(), db.session() as s:
        for user in s.exec(select(User).where(User.cluster == cluster)):
            user.active = False
            s.add(user)


def set_created(world, ticket_id, moment):
    with world.app_context(), db.session() as s:
        row = s.get(Ticket, ticket_id)
        row.created_at = moment
        s.add(row)


def run(world, now):
    with world.app_context(), db.session() as s:
        return [(t.id, level) for t, level in escalation.run(s, now)]


def test_a_cluster_without_operators_goes_to_the_intake_desk_visibly(world):
    without_operators(world, B)
    before = last_mail_id(world)
    member, request_id, ticket = send(world, SERVICE)
    sent = mails(world, before)
    assert [m.to for m in sent] == ["curator@example.org"]
    assert "접수창구" in sent[0].body and "첫 답변 기한" in sent[0].body  # Korean: the curator chose no other language

    page = member.get(f"/my/requests/{request_id}").get_data(as_text=True)
    assert 'class="route route-intake"' in page and "재단 접수창구가 답합니다" in page and "첫 답변 기한" in page

    curator = signed_in(world, "curator")
    assert f"/tickets/{ticket}" in curator.get("/inbox").get_data(as_text=True)
    r = curator.post(f"/api/v1/tickets/{ticket}/messages", json={"body": "재단 접수창구입니다. 확인 중입니다."})
    assert r.status_code == 200, r.json
    state = member.get(f"/api/v1/tickets/{ticket}").json
    assert state["first_response_at"] is not None
    assert state["events"][-1]["side"] == "foundation"
    # The curator answers only where no operator does: cluster A has its own.
    _, _, other = send(world, EQUIPMENT)
    assert curator.get(f"/tickets/{other}").status_code == 403
    assert f"/tickets/{other}\"" not in curator.get("/inbox").get_data(as_text=True)


def test_a_cluster_with_operators_shows_them_as_responsible(world):
    before = last_mail_id(world)
    member, request_id, _ = send(world, EQUIPMENT)
    assert [m.to for m in mails(world, before)] == ["operator_a@example.org"]
    page = member.get(f"/my/requests/{request_id}").get_data(as_text=True)
    assert 'class="route route-operators"' in page and "route-intake" not in page


def test_both_escalation_steps_reach_the_foundation_once(world):
    _, _, ticket = send(world, EQUIPMENT)
    set_created(world, ticket, kst(2026, 11, 2, 9))  # a Monday
    before = last_mail_id(world)
    assert run(world, kst(2026, 11, 5, 18)) == []  # Tue, Wed, Thu: three working days, on time
    assert run(world, kst(2026, 11, 6, 9)) == [(ticket, 1)]  # the 4th working day
    step1 = mails(world, before)
    assert sorted(m.to for m in step1) == ["curator@example.org", "operator_a@example.org"]
    assert all("미응답 1단계" in m.subject for m in step1)  # Korean unless the recipient chose English
    assert run(world, kst(2026, 11, 6, 15)) == []  # the timer runs again: nothing new
    assert run(world, kst(2026, 11, 9, 18)) == []  # 5 working days: still step 1
    before = last_mail_id(world)
    assert run(world, kst(2026, 11, 10, 9)) == [(ticket, 2)]
    step2 = mails(world, before)
    assert sorted(m.to for m in step2) == ["admin@example.org", "curator@example.org"]
    assert run(world, kst(2026, 11, 20, 9)) == []  # the top step is mailed once
    assert mails(world, step2[-1].id) == []

    curator = signed_in(world, "curator")
    page = curator.get("/dashboard").get_data(as_text=True)
    assert 'id="escalated"' in page and f"/tickets/{ticket}" in page
    operator = signed_in(world, "operator_a")
    operator.post(f"/api/v1/tickets/{ticket}/messages", json={"body": "늦어서 죄송합니다."})
    assert f"/tickets/{ticket}\"" not in curator.get("/dashboard").get_data(as_text=True)


def test_an_answered_ticket_never_escalates(world):
    _, _, ticket = send(world, EQUIPMENT)
    operator = signed_in(world, "operator_a")
    operator.post(f"/api/v1/tickets/{ticket}/messages", json={"body": "검토하겠습니다."})
    set_created(world, ticket, kst(2026, 11, 2, 9))
    assert run(world, kst(2026, 12, 1, 9)) == []


def test_the_command_is_idempotent(world):
    _, _, ticket = send(world, EQUIPMENT)
    with world.app_context(), db.session() as s:
        row = s.get(Ticket, ticket)
        row.created_at -= timedelta(days=30)
        s.add(row)
    first = world.test_cli_runner().invoke(tickets_group, ["escalate"])
    assert first.exit_code == 0, first.output
    assert f"#{ticket} {A}: step 2" in first.output
    before = last_mail_id(world)
    again = world.test_cli_runner().invoke(tickets_group, ["escalate"])
    assert again.exit_code == 0 and "Escalated 0 ticket(s)." in again.output
    assert mails(world, before) == []
