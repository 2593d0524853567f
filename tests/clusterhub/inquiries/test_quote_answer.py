"""The requesting company accepts or rejects a quote: once per quote, while it is valid, with a reason
to reject; the cluster's operators hear of it by mail and see it in the inbox and on the ticket."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from clusterhub import db, migrations
from clusterhub.inquiries import tickets
from clusterhub.inquiries.models import OutboxMail, Ticket, TicketEvent
from tests.clusterhub.inquiries.conftest import A, EQUIPMENT, signed_in

VALID = (date.today() + timedelta(days=30)).isoformat()


def quoted_ticket(world, amount=3500000):
    """A request from the member to cluster A, quoted by A's operator: (member, operator, request, ticket)."""
    member, operator = signed_in(world, "member"), signed_in(world, "operator_a")
    sent = member.post("/api/v1/requests", json={"listing_ids": [EQUIPMENT], "need": "LC-MS/MS 정량분석",
                                                 "timeline": "8주 이내", "budget": "10m_50m", "consent": True})
    assert sent.status_code == 201, sent.json
    ticket = sent.json["tickets"][0]["id"]
    r = operator.post(f"/api/v1/tickets/{ticket}/quote", json={"amount": amount, "valid_until": VALID})
    assert r.status_code == 200 and r.json["status"] == "quoted"
    return member, operator, sent.json["id"], ticket


def outbox(world) -> list[OutboxMail]:
    with world.app_context(), db.session() as s:
        return list(s.exec(OutboxMail.__table__.select().order_by(OutboxMail.id)))


def answer(client, ticket, decision, reason=""):
    return client.post(f"/tickets/{ticket}/quote-answer", data={"decision": decision, "reason": reason})


def test_the_company_accepts_once_and_the_cluster_hears_of_it(world):
    member, operator, request_id, ticket = quoted_ticket(world)
    before = len(outbox(world))
    r = answer(member, ticket, "accepted")
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/my/requests/{request_id}#t{ticket}")
    mails = outbox(world)[before:]
    assert [m.to for m in mails] == ["operator_a@example.org"]
    assert "견적 수락" in mails[0].subject and f"#{ticket}" in mails[0].subject and "₩3,500,000" in mails[0].body
    state = member.get(f"/api/v1/tickets/{ticket}").json
    assert state["status"] == "quoted"  # accepting moves nothing: the cluster starts the work
    assert state["quote_answer"]["decision"] == "accepted" and state["quote_answer"]["reason"] is None
    assert [(e["kind"], e["status"], e["side"]) for e in state["events"]][-1] == ("quote", "accepted", "company")

    again = answer(member, ticket, "rejected", "너무 비쌉니다")
    assert again.status_code == 409
    assert "이미 수락되었습니다" in again.get_data(as_text=True)  # the refusal, in Korean, on the page
    assert member.post(f"/api/v1/tickets/{ticket}/quote-answer", json={"decision": "accepted"}).status_code == 409
    assert len(outbox(world)) == before + 1  # no second mail
    r = operator.post(f"/api/v1/tickets/{ticket}/status", json={"status": "in_progress"})
    assert r.status_code == 200 and r.json["quote_answer"]["decision"] == "accepted"


def test_a_new_quote_opens_a_new_answer(world):
    member, operator, _request_id, ticket = quoted_ticket(world)
    r = member.post(f"/api/v1/tickets/{ticket}/quote-answer",
                    json={"decision": "rejected", "reason": "예산을 넘습니다. 시료 수를 줄여 다시 견적 부탁드립니다."})
    assert r.status_code == 200 and r.json["status"] == "quoted"  # the cluster may quote again or decline
    assert r.json["quote_answer"]["decision"] == "rejected" and "예산" in r.json["quote_answer"]["reason"]
    assert answer(member, ticket, "accepted").status_code == 409  # that quote has its answer

    r = operator.post(f"/api/v1/tickets/{ticket}/quote", json={"amount": 2800000, "valid_until": VALID})
    assert r.json["quote_answer"] is None  # the new quote waits for its own answer
    assert answer(member, ticket, "accepted").status_code == 303
    state = member.get(f"/api/v1/tickets/{ticket}").json
    assert state["quote_answer"]["decision"] == "accepted"
    assert [e["status"] for e in state["events"] if e["kind"] == "quote"] == ["rejected", "accepted"]


def test_a_rejection_needs_a_reason_and_a_decision_is_one_of_two(world):
    member, _operator, _request_id, ticket = quoted_ticket(world)
    r = member.post(f"/api/v1/tickets/{ticket}/quote-answer", json={"decision": "rejected", "reason": "  "})
    assert r.status_code == 422 and [e["path"] for e in r.json["errors"]] == ["reason"]
    r = member.post(f"/api/v1/tickets/{ticket}/quote-answer", json={"decision": "maybe"})
    assert r.status_code == 422 and [e["path"] for e in r.json["errors"]] == ["decision"]
    page = answer(member, ticket, "rejected")
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert "견적을 거절하는 이유를 적어 주세요." in html and 'class="field-error"' in html
    assert "quote-reject-form" in html  # the form is still there to try again
    assert member.get(f"/api/v1/tickets/{ticket}").json["quote_answer"] is None


def test_only_the_requesting_company_answers(world):
    _member, operator, _request_id, ticket = quoted_ticket(world)
    assert answer(operator, ticket, "accepted").status_code == 403  # the cluster's own operator
    assert operator.post(f"/api/v1/tickets/{ticket}/quote-answer", json={"decision": "accepted"}).status_code == 403
    for name in ("rival", "operator_b", "admin"):  # another company, another cluster, the cluster's side
        assert answer(signed_in(world, name), ticket, "accepted").status_code == 403, name
    with world.app_context(), db.session() as s:
        assert not [e for e in tickets.events(s, ticket) if e.kind == "quote"]


def test_an_expired_quote_is_refused_with_its_date(world):
    member, _operator, request_id, ticket = quoted_ticket(world)
    expired = date.today() - timedelta(days=5)
    with world.app_context(), db.session() as s:  # the service refuses a past date: age the quote
        row = s.get(Ticket, ticket)
        row.quote_valid_until = expired
        s.add(row)
    r = member.post(f"/api/v1/tickets/{ticket}/quote-answer", json={"decision": "accepted"})
    assert r.status_code == 409
    assert r.json["message"] == f"The quote expired on {expired.isoformat()}; ask the cluster for a new one."
    page = answer(member, ticket, "accepted")
    assert page.status_code == 409
    assert f"견적이 {expired.isoformat()}에 만료되었습니다" in page.get_data(as_text=True)
    shown = member.get(f"/my/requests/{request_id}").get_data(as_text=True)
    assert "quote-accept-form" not in shown and f"견적이 {expired.isoformat()}에 만료되었습니다" in shown


def test_a_ticket_without_an_open_quote_has_nothing_to_answer(world):
    member, operator, _request_id, ticket = quoted_ticket(world)
    assert answer(member, ticket, "accepted").status_code == 303
    assert operator.post(f"/api/v1/tickets/{ticket}/status", json={"status": "in_progress"}).status_code == 200
    r = member.post(f"/api/v1/tickets/{ticket}/quote-answer", json={"decision": "accepted"})
    assert r.status_code == 409 and "in_progress" in r.json["message"]


def test_the_pages_show_the_buttons_then_the_answer(world):
    member, operator, request_id, ticket = quoted_ticket(world)
    page = member.get(f"/my/requests/{request_id}").get_data(as_text=True)
    assert f'action="/tickets/{ticket}/quote-answer"' in page
    assert "견적 수락</button>" in page and "견적 거절</button>" in page
    assert 'name="reason"' in page and page.count('name="csrf_token"') >= 2
    assert "기업의 답변을 기다리는 중" in operator.get(f"/tickets/{ticket}").get_data(as_text=True)

    answer(member, ticket, "rejected", "예산 초과")
    page = member.get(f"/my/requests/{request_id}").get_data(as_text=True)
    assert "quote-accept-form" not in page and "quote-reject-form" not in page
    assert "견적을 거절했습니다: 예산 초과" in page
    assert "견적 거절됨: 예산 초과" in page  # the timeline
    for client in (member, operator):  # the ticket page, both sides: the facts and the timeline
        shown = client.get(f"/tickets/{ticket}").get_data(as_text=True)
        assert "거절: 예산 초과" in shown and 'class="quote-rejected">견적 거절됨</strong>: 예산 초과' in shown
    assert "새 견적을 보내거나 요청을 거절하세요." in operator.get(f"/tickets/{ticket}").get_data(as_text=True)
    inbox = operator.get("/inbox").get_data(as_text=True)
    assert 'class="quote-mark quote-rejected">견적 거절됨</span>' in inbox

    english = member.get(f"/my/requests/{request_id}?lang=en").get_data(as_text=True)
    assert "You rejected the quote on" in english and "Quote rejected: 예산 초과" in english


def test_quote_answer_reads_the_answer_of_the_last_quote():
    def event(kind, status):
        return TicketEvent(ticket_id=1, kind=kind, status=status)

    accepted = event("quote", "accepted")
    assert tickets.quote_answer([event("status", "received"), event("status", "quoted")]) is None
    assert tickets.quote_answer([event("status", "quoted"), accepted, event("message", "")]) is accepted
    assert tickets.quote_answer([event("status", "quoted"), accepted, event("status", "quoted")]) is None
    assert A == "kmedihub"


def test_the_work_starts_only_on_an_accepted_quote_or_without_one_explicitly(world):
    member, operator, request_id, ticket = quoted_ticket(world)
    r = operator.post(f"/api/v1/tickets/{ticket}/status", json={"status": "in_progress"})
    assert r.status_code == 409 and f"#{ticket}" in r.json["message"]
    page = operator.post(f"/tickets/{ticket}/status", data={"status": "in_progress"})
    assert page.status_code == 409 and "견적을 수락" in page.get_data(as_text=True)  # shown on the ticket page
    assert answer(member, ticket, "rejected", "예산 초과").status_code == 303
    assert operator.post(f"/api/v1/tickets/{ticket}/status", json={"status": "in_progress"}).status_code == 409
    # A new quote, accepted this time: now the work may start.
    operator.post(f"/api/v1/tickets/{ticket}/quote", json={"amount": 3000000, "valid_until": VALID})
    assert answer(member, ticket, "accepted").status_code == 303
    r = operator.post(f"/api/v1/tickets/{ticket}/status", json={"status": "in_progress"})
    assert r.status_code == 200 and r.json["status"] == "in_progress"


def test_starting_without_a_quote_must_be_said(world):
    member, operator = signed_in(world, "member"), signed_in(world, "operator_a")
    sent = member.post("/api/v1/requests", json={"listing_ids": [EQUIPMENT], "need": "장비 사용 상담",
                                                 "timeline": "다음 주", "budget": "undecided", "consent": True})
    ticket = sent.json["tickets"][0]["id"]
    r = operator.post(f"/api/v1/tickets/{ticket}/status", json={"status": "in_progress"})
    assert r.status_code == 409 and "no quote" in r.json["message"].lower() or "견적 불필요" in r.json["message"]
    r = operator.post(f"/api/v1/tickets/{ticket}/status", json={"status": "in_progress", "no_quote": True})
    assert r.status_code == 200 and r.json["status"] == "in_progress"
    assert r.json["events"][-1]["note"] == "no_quote"  # the company sees it was started without a quote


@pytest.mark.parametrize("language", ("ko", "en"))
def test_a_start_without_a_quote_is_said_in_each_readers_language(world, language):
    """Stored as a marker, not as a sentence in both languages: the company's request page, the
    cluster's ticket page and the company's mail each say it in their reader's language."""
    member, operator = signed_in(world, "member"), signed_in(world, "operator_a")
    for client in (member, operator):
        assert client.get(f"/lang/{language}").status_code == 302
    sent = member.post("/api/v1/requests", json={"listing_ids": [EQUIPMENT], "need": "장비 사용 상담",
                                                 "timeline": "다음 주", "budget": "undecided", "consent": True})
    request_id, ticket = sent.json["id"], sent.json["tickets"][0]["id"]
    r = operator.post(f"/api/v1/tickets/{ticket}/status", json={"status": "in_progress", "no_quote": True})
    assert r.status_code == 200, r.json
    assert r.json["events"][-1]["body"] == ""  # no text in any language is stored
    said, other = {"ko": ("견적 불필요", "no quote needed"), "en": ("no quote needed", "견적 불필요")}[language]
    for page in (member.get(f"/my/requests/{request_id}"), operator.get(f"/tickets/{ticket}")):
        timeline = page.get_data(as_text=True).split('class="timeline"')[1].split("</ol>")[0]
        assert said in timeline.lower() and other not in timeline.lower(), timeline
    mail = [m for m in outbox(world) if m.to == "member@example.org"][-1]
    assert said in mail.body.lower() and other not in mail.body.lower(), mail.body


def test_a_start_stored_in_two_languages_before_the_note_becomes_the_note(world):
    """Migration 0015: the bilingual body stored before is the note "no_quote", and back."""
    member, operator = signed_in(world, "member"), signed_in(world, "operator_a")
    sent = member.post("/api/v1/requests", json={"listing_ids": [EQUIPMENT], "need": "장비 사용 상담",
                                                 "timeline": "다음 주", "budget": "undecided", "consent": True})
    ticket = sent.json["tickets"][0]["id"]
    operator.post(f"/api/v1/tickets/{ticket}/status", json={"status": "in_progress", "no_quote": True})
    engine = db.engine(world)
    last = sa.text("select body from inquiry_events where ticket_id = :t order by id desc limit 1")
    migrations.downgrade(engine, "0014")
    with engine.connect() as conn:
        assert conn.execute(last, {"t": ticket}).scalar_one() == "견적 불필요 / no quote needed"
    migrations.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(last, {"t": ticket}).scalar_one() == ""
    event = operator.get(f"/api/v1/tickets/{ticket}").json["events"][-1]
    assert (event["note"], event["body"]) == ("no_quote", "")
