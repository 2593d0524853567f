"""The inbox marks tickets left unanswered for more than 3 working days."""
from __future__ import annotations

from datetime import timedelta

from clusterhub import db
from clusterhub.inquiries.models import Ticket
from tests.clusterhub.inquiries.conftest import EQUIPMENT, signed_in


def test_an_unanswered_ticket_turns_overdue(world):
    member, operator = signed_in(world, "member"), signed_in(world, "operator_a")
    sent = member.post("/api/v1/requests", json={"listing_ids": [EQUIPMENT], "need": "분석", "timeline": "6월",
                                                 "budget": "undecided", "consent": True}).json
    ticket = sent["tickets"][0]["id"]
    assert 'class="overdue"' not in operator.get("/inbox").get_data(as_text=True)
    with world.app_context(), db.session() as s:
        row = s.get(Ticket, ticket)
        row.created_at -= timedelta(days=14)
        s.add(row)
    page = operator.get("/inbox").get_data(as_text=True)
    assert page.count('class="overdue"') == 1
    assert operator.get(f"/api/v1/tickets/{ticket}").json["overdue"] is True
    operator.post(f"/api/v1/tickets/{ticket}/messages", json={"body": "확인 중입니다."})
    assert 'class="overdue"' not in operator.get("/inbox").get_data(as_text=True)
