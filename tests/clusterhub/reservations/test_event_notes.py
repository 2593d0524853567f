"""A reservation's events on its ticket are stored as a note code with its values, not as text in
two languages: the ticket and request timelines, the API and the mail say them in the reader's
language; the body and the request's need keep only what a person wrote. Migration 0016 converts
the bilingual rows stored before, and back."""
from __future__ import annotations

import html
import io

import pytest
import sqlalchemy as sa
from sqlmodel import select

from clusterhub import db, migrations
from clusterhub.inquiries.attachments import Upload
from clusterhub.inquiries.models import OutboxMail
from clusterhub.reservations import bookings, settlement
from .conftest import EQUIPMENT, make_reservation_world, signed_in, who, working_day


def asked(client, day, start, end, note=""):
    made = client.post("/api/v1/reservations", json={
        "listing_id": EQUIPMENT, "mode": "staff", "note": note,
        "slots": [{"date": day.isoformat(), "start_hour": start, "end_hour": end}]})
    assert made.status_code == 201, made.json
    return made.json["id"], made.json["ticket_id"]


def timeline(page) -> str:
    return html.unescape(page.get_data(as_text=True).split('class="timeline"')[1].split("</ol>")[0])


def mails_to(app, name):
    with app.app_context(), db.session() as s:
        return list(s.exec(select(OutboxMail).where(OutboxMail.to == f"{name}@example.org").order_by(OutboxMail.id)))


SAID = {"ko": ["예약: {d} 10–12, 클러스터 전담 인력 분석", "(다른 일정 제안: {d} 13–15): 장비 점검", "제안 수락: {d} 13–15",
               "이용 기록: ₩100,000; 결과 파일: 결과보고서.pdf"],
        "en": ["reservation: {d} 10–12, Analysis by the cluster's staff", "(other slots proposed: {d} 13–15): 장비 점검",
               "proposal accepted: {d} 13–15", "use recorded: ₩100,000; result file: 결과보고서.pdf"]}
NOT_SAID = {"ko": ["reservation", "proposed", "accepted", "use recorded", "result file", " / "],
            "en": ["예약", "제안", "이용 기록", "결과 파일", " / "]}


@pytest.mark.parametrize("language", ("ko", "en"))
def test_reservation_events_are_said_in_each_readers_language(rworld, language):
    d = working_day()
    member, operator = signed_in(rworld, "member"), signed_in(rworld, "operator_a")
    for client in (member, operator):
        assert client.get(f"/lang/{language}").status_code == 302
    rid, ticket = asked(member, d, 10, 12, note="20 시료")
    proposed = operator.post(f"/api/v1/reservations/{rid}/propose", json={
        "slots": [{"date": d.isoformat(), "start_hour": 13, "end_hour": 15}], "reason": "장비 점검"})
    assert proposed.status_code == 200, proposed.json
    assert member.post(f"/api/v1/reservations/{rid}/accept", json={}).status_code == 200
    token = operator.environ_base["HTTP_X_CSRF_TOKEN"]
    done = operator.post(f"/reservations/{rid}/use", content_type="multipart/form-data", data={
        "csrf_token": token, "hours": "2", "results": (io.BytesIO(b"%PDF-1.7 result"), "결과보고서.pdf")})
    assert done.status_code == 303
    request_id = member.get(f"/api/v1/tickets/{ticket}").json["request_id"]
    for page in (member.get(f"/my/requests/{request_id}"), operator.get(f"/tickets/{ticket}")):
        said = timeline(page)
        for words in SAID[language]:
            assert words.format(d=d.isoformat()) in said, said
        assert not [w for w in NOT_SAID[language] if w in said.lower()], said
        assert "<dd>20 시료</dd>" in page.get_data(as_text=True)  # the need: what the company wrote
    # Declined and cancelled: the reason as written, the rest in the reader's language, page and mail.
    declined, ticket2 = asked(member, d, 16, 17)
    assert operator.post(f"/api/v1/reservations/{declined}/decline", json={"reason": "시료 준비 부족"}).status_code == 200
    cancelled, ticket3 = asked(member, d, 9, 10)
    listed = member.get("/my/requests").get_data(as_text=True)  # a request without a note shows its slots
    assert f"{d.isoformat()} 09–10</a>" in listed and "reservation:" not in listed, listed
    assert member.post(f"/api/v1/reservations/{cancelled}/cancel", json={"reason": "일정 변경"}).status_code == 200
    unwritten = operator.get(f"/tickets/{ticket2}").get_data(as_text=True)  # no note: the page says so
    assert {"ko": "<dd>(작성하지 않음)</dd>", "en": "<dd>(none written)</dd>"}[language] in unwritten
    said = timeline(operator.get(f"/tickets/{ticket2}")) + timeline(operator.get(f"/tickets/{ticket3}"))
    assert {"ko": "(예약 거절): 시료 준비 부족", "en": "(reservation declined): 시료 준비 부족"}[language] in said, said
    assert {"ko": "(예약 취소): 일정 변경", "en": "(reservation cancelled): 일정 변경"}[language] in said, said
    to_member = [m.body for m in mails_to(rworld, "member")]
    assert any({"ko": "사유: 장비 점검", "en": "Reason: 장비 점검"}[language] in b for b in to_member), to_member
    used = [m for m in mails_to(rworld, "member") if f"/tickets/{ticket}/statement" in m.body]
    assert len(used) == 1, to_member  # the recorded use is mailed once, with the statement to accept
    assert {"ko": "이용 기록됨", "en": "use recorded"}[language] in used[0].subject
    assert {"ko": "합계: ₩100,000", "en": "Total: ₩100,000"}[language] in used[0].body
    assert any({"ko": "사유: 시료 준비 부족", "en": "Reason: 시료 준비 부족"}[language] in b for b in to_member)
    assert any({"ko": "사유: 일정 변경", "en": "Reason: 일정 변경"}[language] in mail.body
               for mail in mails_to(rworld, "operator_a"))


def test_the_api_gives_the_note_and_its_values_and_the_body_as_written(rworld):
    d = working_day()
    member, operator = signed_in(rworld, "member"), signed_in(rworld, "operator_a")
    rid, ticket = asked(member, d, 10, 12, note="20 시료")
    operator.post(f"/api/v1/reservations/{rid}/propose", json={
        "slots": [{"date": d.isoformat(), "start_hour": 13, "end_hour": 15}], "reason": "장비 점검"})
    member.post(f"/api/v1/reservations/{rid}/accept", json={})
    operator.post(f"/api/v1/reservations/{rid}/use", json={"hours": 2})
    got = member.get(f"/api/v1/tickets/{ticket}").json
    events = [(e["note"], e["note_params"], e["body"]) for e in got["events"]]
    slot = {"day": d.isoformat(), "start_hour": 13, "end_hour": 15}
    assert events == [
        ("res_requested", {"slots": [{"day": d.isoformat(), "start_hour": 10, "end_hour": 12}], "mode": "staff"}, ""),
        ("res_proposed", {"slots": [slot]}, "장비 점검"), ("res_accepted", {"slots": [slot]}, ""),
        ("use_recorded", {"total_krw": 100000, "files": []}, "")]
    assert member.get(f"/api/v1/requests/{got['request_id']}").json["need"] == "20 시료"


def test_reservation_events_stored_in_two_languages_before_become_notes(tmp_path, database_url):
    """Migration 0016, on SQLite and PostgreSQL: the bilingual bodies (and request text) the code
    stored before are notes with their values, and back to the same text."""
    rworld = make_reservation_world(tmp_path, database_url)
    try:
        _round_trip(rworld)
    finally:
        db.engine(rworld).dispose()


def _round_trip(rworld):
    d = working_day()
    with rworld.app_context(), db.session() as s:
        r = bookings.ask(s, who(rworld, "member"), EQUIPMENT, [bookings.Slot(d, 10, 12)], mode="staff",
                         note="20 시료\nLC-MS")
        r2 = bookings.ask(s, who(rworld, "member"), EQUIPMENT, [bookings.Slot(d, 16, 17)], mode="self_use")
        r3 = bookings.ask(s, who(rworld, "member"), EQUIPMENT, [bookings.Slot(d, 9, 10)], mode="self_use")
        ids = r.id, r2.id, r3.id
    operator, member = who(rworld, "operator_a"), who(rworld, "member")
    with rworld.app_context(), db.session() as s:
        bookings.propose(s, operator, ids[0], [bookings.Slot(d, 13, 15), bookings.Slot(d, 15, 16)], "")
        bookings.accept_proposal(s, member, ids[0])
        settlement.record_use(s, operator, ids[0], hours=2, results=[Upload("결과보고서.pdf", b"%PDF-1.7 a"),
                                                                     Upload("spectrum.png", b"\x89PNG\r\n\x1a\n0000")])
        bookings.decline(s, operator, ids[1], "시료 준비 부족")
        bookings.confirm(s, operator, ids[2])
        bookings.cancel(s, operator, ids[2], "장비 고장: 수리 중")
        tickets = [s.get(type(r), i).ticket_id for i in ids]
    engine = db.engine(rworld)
    rows = sa.text("select e.ticket_id, e.kind, e.status, e.body, e.note, e.note_params, q.need from inquiry_events e "
                   "join inquiry_tickets t on t.id = e.ticket_id join inquiry_requests q on q.id = t.request_id "
                   "where e.ticket_id in (:a, :b, :c) order by e.ticket_id, e.id")
    with engine.connect() as conn:
        new = [tuple(row) for row in conn.execute(rows, dict(zip("abc", tickets)))]
    migrations.downgrade(engine, "0015")
    old_rows = sa.text("select e.body, q.need from inquiry_events e join inquiry_tickets t on t.id = e.ticket_id "
                       "join inquiry_requests q on q.id = t.request_id where e.ticket_id in (:a, :b, :c) order by e.ticket_id, e.id")
    with engine.connect() as conn:
        old = [tuple(row) for row in conn.execute(old_rows, dict(zip("abc", tickets)))]
    day = d.isoformat()
    assert old[:4] == [  # as bookings.py and settlement.py wrote them before 0016
        ("", f"예약 요청 / reservation: {day} 10–12 (staff)\n20 시료\nLC-MS"),
        (f"다른 일정 제안 / proposed: {day} 13–15, {day} 15–16 ", f"예약 요청 / reservation: {day} 10–12 (staff)\n20 시료\nLC-MS"),
        (f"제안 수락 / proposal accepted: {day} 13–15, {day} 15–16", f"예약 요청 / reservation: {day} 10–12 (staff)\n20 시료\nLC-MS"),
        ("이용 기록 / use recorded: ₩100,000\n결과 파일 / result file: 결과보고서.pdf\n결과 파일 / result file: spectrum.png",
         f"예약 요청 / reservation: {day} 10–12 (staff)\n20 시료\nLC-MS")]
    assert [body for body, _need in old[4:]] == ["", "예약 거절 / declined: 시료 준비 부족", "",
                                                f"예약 확정 / reservation confirmed: {day} 09–10",
                                                "예약 취소 / cancelled: 장비 고장: 수리 중"]
    assert old[4][1] == f"예약 요청 / reservation: {day} 16–17 (self_use)"
    migrations.upgrade(engine)
    with engine.connect() as conn:
        again = [tuple(row) for row in conn.execute(rows, dict(zip("abc", tickets)))]
    assert again == new
    assert [(note, body) for _t, _k, _s, body, note, _p, _n in again] == [
        ("res_requested", ""), ("res_proposed", ""), ("res_accepted", ""), ("use_recorded", ""),
        ("res_requested", ""), ("res_declined", "시료 준비 부족"),
        ("res_requested", ""), ("res_confirmed", ""), ("res_cancelled", "장비 고장: 수리 중")]
    assert again[0][6] == "20 시료\nLC-MS" and again[4][6] == ""
