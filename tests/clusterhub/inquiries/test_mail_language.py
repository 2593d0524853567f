"""Mail is written in the recipient's language: Korean by default, English for a user who reads
the site in English (the language switch while logged in records it, the account page edits it),
and for an address without an account the language it asked in. Every mail links its subject."""
from __future__ import annotations

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.auth.models import User
from clusterhub.inquiries.models import OutboxMail
from clusterhub.pathways import requests as pathway_requests, templates as pathway_templates
from clusterhub.reservations import bookings
from clusterhub.reservations.bookings import Slot
from tests.clusterhub.auth.browser import csrf_token
from tests.clusterhub.inquiries.conftest import EQUIPMENT, signed_in
from tests.clusterhub.pathways.conftest import make_world as make_pathway_world, who as pathway_who
from tests.clusterhub.reservations.conftest import make_reservation_world, who, working_day

LANGUAGES = ("ko", "en")


def speaks(app, name: str, language: str):
    """name switches the site to language while logged in; returns its client."""
    client = signed_in(app, name)
    assert client.get(f"/lang/{language}").status_code == 302
    return client


def mails_to(app, name: str) -> list[OutboxMail]:
    with app.app_context(), db.session() as s:
        return list(s.exec(select(OutboxMail).where(OutboxMail.to == f"{name}@example.org")
                           .order_by(OutboxMail.id)))


def stored_language(app, name: str) -> str:
    with app.app_context(), db.session() as s:
        return s.exec(select(User).where(User.email == f"{name}@example.org")).one().language


def test_the_switch_records_the_language_and_the_account_page_changes_it(world):
    assert stored_language(world, "member") == "ko"  # Korean first
    client = speaks(world, "member", "en")
    assert stored_language(world, "member") == "en"
    page = client.get("/account").get_data(as_text=True)
    assert 'name="language"' in page and '<option value="en" selected>' in page
    assert client.post("/account/language", data={"language": "ko"}).status_code == 302
    assert stored_language(world, "member") == "ko"
    assert client.post("/account/language", data={"language": "fr"}).status_code == 422
    assert stored_language(world, "member") == "ko"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_request_and_a_ticket_message_in_the_recipients_language(world, language):
    speaks(world, "operator_a", language)
    member = speaks(world, "member", language)
    r = member.post("/api/v1/requests", json={"listing_ids": [EQUIPMENT], "need": "LC-MS 분석",
                                              "timeline": "6월", "budget": "undecided", "consent": True})
    assert r.status_code == 201, r.json
    request_id, ticket = r.json["id"], r.json["tickets"][0]["id"]
    [new] = mails_to(world, "operator_a")
    assert new.subject == {"ko": f"[ClusterHub] 새 요청 #{ticket}",
                           "en": f"[ClusterHub] New request #{ticket}"}[language]
    assert {"ko": "첫 답변 기한", "en": "First answer due"}[language] in new.body
    assert "LC-MS 분석" in new.body and f"/tickets/{ticket}" in new.body

    operator = signed_in(world, "operator_a")
    sent = operator.post(f"/api/v1/tickets/{ticket}/messages", json={"body": "시료는 몇 개입니까?"})
    assert sent.status_code in (200, 201), sent.json
    [message] = mails_to(world, "member")
    assert message.subject == {"ko": f"[ClusterHub] 요청 #{ticket}: 새 메시지",
                               "en": f"[ClusterHub] Request #{ticket}: new message"}[language]
    assert "시료는 몇 개입니까?" in message.body and f"/my/requests/{request_id}" in message.body


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reservation_request_in_the_operators_language(tmp_path, language):
    app = make_reservation_world(tmp_path)
    try:
        speaks(app, "operator_a", language)
        with app.app_context(), db.session() as s:
            r = bookings.ask(s, who(app, "member"), EQUIPMENT, [Slot(working_day(), 10, 12)],
                             mode="self_use", note="LC-MS 20 시료")
        [told] = mails_to(app, "operator_a")
    finally:
        db.engine(app).dispose()
    assert told.subject == {"ko": f"[ClusterHub] 예약 #{r.id}: 요청됨",
                            "en": f"[ClusterHub] Reservation #{r.id}: requested"}[language]
    assert f"/reservations/{r.id}" in told.body and "10–12" in told.body


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_pathway_request_in_the_operators_language(tmp_path, language):
    app = make_pathway_world(tmp_path)
    try:
        speaks(app, "daegu", language)
        with app.app_context(), db.session() as s:
            pathway = pathway_requests.submit(
                s, pathway_who(app, "member"), pathway_templates.get(s, "small_molecule"), picks={},
                skips=set(), need="신규 저분자 항암 후보 개발", budget="over_200m", consent=True)
            stages = pathway_requests.stages_of(s, pathway.id)
        first, second = mails_to(app, "daegu")  # discovery and the smart factory, both in Daegu
        korean = mails_to(app, "osong")  # osong chose no language: Korean
    finally:
        db.engine(app).dispose()
    assert first.subject == {"ko": f"[ClusterHub] 새 연계 요청 #{stages[0].ticket_id}",
                             "en": f"[ClusterHub] New pathway request #{stages[0].ticket_id}"}[language]
    assert {"ko": "4단계 중 1단계", "en": "stage 1 of 4"}[language] in first.body
    assert {"ko": "이전 단계가 완료되면", "en": "previous stage is done"}[language] in second.body
    assert all(f"/pathways/requests/{pathway.id}" in m.body for m in (first, second, *korean))
    assert [m.subject.startswith("[ClusterHub] 새 연계 요청") for m in korean] == [True, True]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_answer_to_an_address_without_an_account_uses_the_language_it_asked_in(world, language):
    visitor = world.test_client()  # no account: a visitor who left an address
    visitor.environ_base["HTTP_X_CSRF_TOKEN"] = csrf_token(visitor)
    r = visitor.post(f"/needs?lang={language}", data={"q": "스마트공장", "description": "MES 컨설팅",
                                                      "contact_email": "need@example.org"})
    assert r.status_code == 303, r.get_data(as_text=True)[:500]
    staff = signed_in(world, "curator")
    assert staff.post("/dashboard/gaps/triage", data={"query": "스마트공장", "decision": "answer",
                                                      "message": "검토 중입니다."}).status_code == 303
    with world.app_context(), db.session() as s:
        [answer] = s.exec(select(OutboxMail).where(OutboxMail.to == "need@example.org")).all()
    assert answer.subject == {"ko": "[ClusterHub] 요청하신 '스마트공장'에 대한 답변",
                              "en": "[ClusterHub] About '스마트공장', which you asked for"}[language]
    assert "검토 중입니다." in answer.body and "/search?q=" in answer.body
