"""Operators see the company, its consented contact, the need, titles and sibling tickets, and filter
the inbox; the company sees titles, message authors and what waits for it."""
from __future__ import annotations

from datetime import timedelta

from clusterhub import db
from clusterhub.catalog.models import Listing
from clusterhub.inquiries.models import Ticket
from tests.clusterhub.inquiries.conftest import EQUIPMENT, SERVICE, signed_in
from tests.clusterhub.inquiries.test_quote_answer import VALID


def title(world, listing_id) -> str:
    with world.app_context(), db.session() as s:
        return s.get(Listing, listing_id).document["title"]["ko"]


def send(member, listings, need="LC-MS/MS 정량분석 120건"):
    sent = member.post("/api/v1/requests", json={"listing_ids": listings, "need": need, "timeline": "8주 이내",
                                                 "budget": "10m_50m", "consent": True})
    assert sent.status_code == 201, sent.json
    return sent.json["id"], {t["cluster"]: t["id"] for t in sent.json["tickets"]}


def test_the_operator_reads_who_asks_what_and_the_sibling_tickets(world):
    member, operator = signed_in(world, "member"), signed_in(world, "operator_a")
    _, ids = send(member, [EQUIPMENT, SERVICE])
    page = operator.get(f"/tickets/{ids['kmedihub']}").get_data(as_text=True)
    assert "한빛제약" in page and "mailto:member@example.org" in page  # company and consented contact
    assert "LC-MS/MS 정량분석 120건" in page and "8주 이내" in page
    assert title(world, EQUIPMENT) in page and f"<code>{EQUIPMENT}</code>" not in page
    assert 'class="siblings"' in page  # cluster B's ticket, status only
    assert f"/tickets/{ids['kbiohealth']}" not in page
    inbox = operator.get("/inbox").get_data(as_text=True)
    assert "한빛제약" in inbox and title(world, EQUIPMENT) in inbox
    # The company does not see itself as "the requester" block, nor other clusters' internals.
    mine = member.get(f"/tickets/{ids['kmedihub']}").get_data(as_text=True)
    assert 'class="requester"' not in mine and 'class="siblings"' not in mine


def test_inbox_filters_by_status_age_and_listing(world):
    member, operator = signed_in(world, "member"), signed_in(world, "operator_a")
    _, first = send(member, [EQUIPMENT])
    _, second = send(member, [EQUIPMENT, SERVICE])
    with world.app_context(), db.session() as s:
        old = s.get(Ticket, first["kmedihub"])
        old.created_at -= timedelta(days=10)
        s.add(old)
    operator.post(f"/api/v1/tickets/{second['kmedihub']}/status", json={"status": "reviewing"})

    def shown(**args):
        page = operator.get("/inbox", query_string=args).get_data(as_text=True)
        return {t for t in (first["kmedihub"], second["kmedihub"]) if f'/tickets/{t}"' in page}

    assert shown() == {first["kmedihub"], second["kmedihub"]}
    assert shown(status="reviewing") == {second["kmedihub"]}
    assert shown(status="received") == {first["kmedihub"]}
    assert shown(age="7") == {first["kmedihub"]}
    assert shown(listing=EQUIPMENT) == {first["kmedihub"], second["kmedihub"]}
    assert shown(listing="kmedihub:service:NONE") == set()


def test_the_company_sees_what_waits_for_it(world):
    member, operator = signed_in(world, "member"), signed_in(world, "operator_a")
    request_id, ids = send(member, [EQUIPMENT])
    ticket = ids["kmedihub"]
    assert 'class="waiting"' not in member.get("/my/requests").get_data(as_text=True)
    operator.post(f"/api/v1/tickets/{ticket}/messages", json={"body": "시료 보관 조건을 알려 주세요."})
    listing = member.get("/my/requests").get_data(as_text=True)
    assert 'class="waiting-count"' in listing and "클러스터가 메시지를 보냈습니다" in listing
    page = member.get(f"/my/requests/{request_id}").get_data(as_text=True)
    assert "operator_a@example.org" in page  # the message's author
    assert title(world, EQUIPMENT) in page
    member.post(f"/api/v1/tickets/{ticket}/messages", json={"body": "-70℃ 이하입니다."})
    assert 'class="waiting' not in member.get("/my/requests").get_data(as_text=True)
    operator.post(f"/api/v1/tickets/{ticket}/quote", json={"amount": 1000000, "valid_until": VALID})
    assert "견적에 답해 주세요" in member.get("/my/requests").get_data(as_text=True)
    member.post(f"/api/v1/tickets/{ticket}/quote-answer", json={"decision": "accepted"})
    assert 'class="waiting' not in member.get("/my/requests").get_data(as_text=True)
