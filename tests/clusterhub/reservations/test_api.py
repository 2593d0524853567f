"""The reservations API: the public calendar, the whole cycle as JSON, errors that name the field,
and who sees what."""
from __future__ import annotations

from clusterhub import db
from clusterhub.reservations import calendar
from .conftest import A, EQUIPMENT, signed_in, who, working_day


def test_the_calendar_is_public_and_names_why_an_hour_is_taken(rworld):
    d = working_day()
    with rworld.app_context(), db.session() as s:
        calendar.add_block(s, who(rworld, "operator_a"), EQUIPMENT, first=d, last=d, start_hour=9, end_hour=10,
                           kind="maintenance")
    got = rworld.test_client().get(f"/api/v1/listings/{EQUIPMENT}/calendar?start={d.isoformat()}&days=3").json
    assert got["timezone"] == "Asia/Seoul" and len(got["days"]) == 3
    first = got["days"][0]
    assert first["date"] == d.isoformat() and first["state"] == "partial"
    assert first["taken"] == [{"hour": 9, "reason": "maintenance"}] and first["free_hours"][0] == 10
    assert rworld.test_client().get(f"/api/v1/listings/{EQUIPMENT}/calendar?days=0").status_code == 422
    assert rworld.test_client().get(f"/api/v1/listings/{A}:equipment:NOPE/calendar").status_code == 404


def test_reserve_confirm_use_and_accept_through_the_api(rworld):
    d = working_day()
    member, operator = signed_in(rworld, "member"), signed_in(rworld, "operator_a")
    made = member.post("/api/v1/reservations", json={
        "listing_id": EQUIPMENT, "mode": "self_use", "note": "20 시료",
        "slots": [{"date": d.isoformat(), "start_hour": 10, "end_hour": 12}]})
    assert made.status_code == 201, made.json
    rid, ticket = made.json["id"], made.json["ticket_id"]
    assert made.json["status"] == "requested" and made.json["slots"][0]["start_hour"] == 10
    assert operator.post(f"/api/v1/reservations/{rid}/confirm", json={}).json["status"] == "confirmed"
    used = operator.post(f"/api/v1/reservations/{rid}/use", json={"hours": 2, "consumables_krw": 10000})
    assert used.status_code == 200 and used.json["use"]["total_krw"] == 110000  # 2 h × 50,000 + 10,000
    statement = member.get(f"/api/v1/tickets/{ticket}/statement").json
    assert statement["total_krw"] == 110000 and statement["accepted_at"] is None
    accepted = member.post(f"/api/v1/tickets/{ticket}/statement/accept", json={})
    assert accepted.status_code == 200 and accepted.json["accepted_total_krw"] == 110000
    month = member.get(f"/api/v1/statements?month={d.strftime('%Y-%m')}").json
    assert month["total_krw"] == 110000 and [r["id"] for r in month["reservations"]] == [rid]
    assert operator.get(f"/api/v1/statements?month={d.strftime('%Y-%m')}").json["cluster"] == A


def test_refusals_name_the_slot_and_the_reason(rworld):
    member = signed_in(rworld, "member")
    d = working_day()
    bad = member.post("/api/v1/reservations", json={
        "listing_id": EQUIPMENT, "mode": "self_use",
        "slots": [{"date": d.isoformat(), "start_hour": 7, "end_hour": 9}]})
    assert bad.status_code == 422
    assert bad.json["errors"] == [{"path": "slots[0]",
                                   "message": f"{d.isoformat()} 07:00 is not available: outside opening hours."}]
    shape = member.post("/api/v1/reservations", json={"listing_id": EQUIPMENT, "mode": "party", "slots": "x"})
    assert shape.status_code == 422 and {e["path"] for e in shape.json["errors"]} == {"mode", "slots"}


def test_each_side_sees_only_its_own(rworld):
    d = working_day()
    made = signed_in(rworld, "member").post("/api/v1/reservations", json={
        "listing_id": EQUIPMENT, "mode": "staff", "slots": [{"date": d.isoformat(), "start_hour": 10, "end_hour": 11}]})
    rid = made.json["id"]
    assert signed_in(rworld, "rival").get("/api/v1/reservations").json == []
    assert signed_in(rworld, "rival").get(f"/api/v1/reservations/{rid}").status_code == 403
    assert signed_in(rworld, "operator_b").get("/api/v1/reservations").json == []
    assert signed_in(rworld, "operator_b").post(f"/api/v1/reservations/{rid}/confirm", json={}).status_code == 403
    assert [r["id"] for r in signed_in(rworld, "operator_a").get("/api/v1/reservations").json] == [rid]
    assert rworld.test_client().get("/api/v1/reservations").status_code == 401


def test_the_openapi_document_has_the_reservation_schemas(rworld):
    doc = rworld.test_client().get("/api/v1/openapi.json").json
    assert {"Calendar", "Reservation", "Statement", "MonthlyStatement"} <= set(doc["components"]["schemas"])
    assert "/api/v1/reservations/{reservation_id}/{action}" in doc["paths"]
