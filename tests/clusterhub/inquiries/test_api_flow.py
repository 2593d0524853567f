"""The whole flow through the JSON API, and who may see what."""
from __future__ import annotations

from datetime import date, timedelta

from tests.clusterhub.inquiries.conftest import A, B, EQUIPMENT, EXPERT, SERVICE, signed_in

VALID = (date.today() + timedelta(days=30)).isoformat()


def send(client, **over):
    body = {"listing_ids": [EQUIPMENT, SERVICE, EXPERT], "need": "LC-MS 분석과 GLP 독성시험",
            "timeline": "2026년 6월까지", "budget": "10m_50m", "consent": True, **over}
    return client.post("/api/v1/requests", json=body)


def test_the_whole_flow_through_the_api(world):
    member, op_a, op_b = (signed_in(world, n) for n in ("member", "operator_a", "operator_b"))
    r = send(member)
    assert r.status_code == 201, r.json
    tickets = {t["cluster"]: t for t in r.json["tickets"]}
    assert set(tickets) == {A, B}  # one ticket per cluster
    assert sorted(tickets[B]["listing_ids"]) == sorted([SERVICE, EXPERT])
    ta, tb = tickets[A]["id"], tickets[B]["id"]
    assert [t["id"] for t in op_a.get("/api/v1/tickets").json] == [ta]

    r = op_a.post(f"/api/v1/tickets/{ta}/messages", json={"body": "샘플 수는 몇 개인가요?"})
    assert r.status_code == 200 and r.json["first_response_at"]
    r = member.post(f"/api/v1/tickets/{ta}/messages", json={"body": "20개입니다."})
    assert r.status_code == 200
    r = op_a.post(f"/api/v1/tickets/{ta}/quote", json={"amount": 3500000, "valid_until": VALID})
    assert r.json["status"] == "quoted" and r.json["quote"] == {"amount": 3500000, "valid_until": VALID}
    r = member.post(f"/api/v1/tickets/{ta}/quote-answer", json={"decision": "accepted"})
    assert r.status_code == 200, r.json
    for status in ("in_progress", "completed"):
        r = op_a.post(f"/api/v1/tickets/{ta}/status", json={"status": status})
        assert r.status_code == 200 and r.json["status"] == status
    statuses = [e["status"] for e in r.json["events"] if e["kind"] == "status"]
    assert statuses == ["received", "quoted", "in_progress", "completed"]
    assert all(e["at"] for e in r.json["events"])

    r = op_b.post(f"/api/v1/tickets/{tb}/status", json={"status": "declined"})
    assert r.status_code == 422  # a reason is needed
    r = op_b.post(f"/api/v1/tickets/{tb}/status", json={"status": "declined", "reason": "장비 점검 중"})
    assert r.json["status"] == "declined" and r.json["decline_reason"] == "장비 점검 중"

    r = member.post(f"/api/v1/tickets/{ta}/survey", json={"quality": 5, "speed": 4, "communication": 0})
    assert r.status_code == 422 and r.json["errors"][0]["path"] == "communication"
    r = member.post(f"/api/v1/tickets/{ta}/survey", json={"quality": 5, "speed": 4, "communication": 5})
    assert r.status_code == 200 and r.json["survey"]["speed"] == 4
    assert member.post(f"/api/v1/tickets/{ta}/survey",
                       json={"quality": 1, "speed": 1, "communication": 1}).status_code == 409

    mine = member.get("/api/v1/requests").json
    assert len(mine) == 1 and {t["status"] for t in mine[0]["tickets"]} == {"completed", "declined"}
    curator = signed_in(world, "curator")
    page = curator.get("/dashboard/clusters.csv")
    assert page.data.startswith("\ufeff".encode()) and A in page.get_data(as_text=True)


def test_a_company_sees_only_its_own_requests_and_an_operator_only_its_cluster(world):
    member, rival = signed_in(world, "member"), signed_in(world, "rival")
    sent = send(member).json
    ta = next(t["id"] for t in sent["tickets"] if t["cluster"] == A)
    assert rival.get(f"/api/v1/requests/{sent['id']}").status_code == 403
    assert rival.get(f"/api/v1/tickets/{ta}").status_code == 403
    assert rival.get("/api/v1/requests").json == []
    assert rival.get(f"/my/requests/{sent['id']}").status_code == 403
    op_b = signed_in(world, "operator_b")
    assert op_b.get(f"/api/v1/tickets/{ta}").status_code == 403
    assert op_b.get(f"/tickets/{ta}").status_code == 403
    assert op_b.post(f"/api/v1/tickets/{ta}/status", json={"status": "reviewing"}).status_code == 403
    assert all(t["cluster"] == B for t in op_b.get("/api/v1/tickets").json)
    assert member.post(f"/api/v1/tickets/{ta}/status", json={"status": "reviewing"}).status_code == 403
    assert signed_in(world, "operator_a").get(f"/api/v1/tickets/{ta}").status_code == 200


def test_a_request_needs_consent_a_need_and_a_basket(world):
    member = signed_in(world, "member")
    r = send(member, consent=False, need="", listing_ids=[])
    assert r.status_code == 422
    assert {e["path"] for e in r.json["errors"]} == {"consent", "need", "basket"}
    assert signed_in(world, "operator_a").post("/api/v1/requests", json={}).status_code == 403
    assert world.test_client().get("/api/v1/requests").status_code == 401
