"""The pages: asking for a slot (a refused one shows the reason), the operator's block form, the nav."""
from __future__ import annotations

from .conftest import EQUIPMENT, signed_in, working_day


def test_a_refused_slot_shows_its_reason_on_the_form(rworld):
    d = working_day()
    member = signed_in(rworld, "member")
    token = member.environ_base["HTTP_X_CSRF_TOKEN"]
    bad = member.post(f"/listings/{EQUIPMENT}/reserve", data={
        "csrf_token": token, "day": d.isoformat(), "start": "17", "end": "19", "mode": "self_use"})
    assert bad.status_code == 422
    assert f"{d.isoformat()} 18:00에는 예약할 수 없습니다: 운영 시간 외." in bad.get_data(as_text=True)
    ok = member.post(f"/listings/{EQUIPMENT}/reserve", data={
        "csrf_token": token, "day": d.isoformat(), "start": "9", "end": "11", "mode": "staff"})
    assert ok.status_code == 303 and "/reservations/" in ok.headers["Location"]
    assert "내 예약" in member.get("/my/reservations").get_data(as_text=True)


def test_the_operator_blocks_a_day_from_the_calendar_page(rworld):
    d = working_day()
    operator = signed_in(rworld, "operator_a")
    page = operator.get(f"/listings/{EQUIPMENT}").get_data(as_text=True)
    assert f"/operator/calendar/{EQUIPMENT}" in page  # the way in, for its operators only
    assert f"/operator/calendar/{EQUIPMENT}" not in signed_in(rworld, "operator_b").get(f"/listings/{EQUIPMENT}").get_data(as_text=True)
    token = operator.environ_base["HTTP_X_CSRF_TOKEN"]
    done = operator.post(f"/operator/calendar/{EQUIPMENT}/blocks", data={
        "csrf_token": token, "first": d.isoformat(), "last": d.isoformat(), "start_hour": "0", "end_hour": "24",
        "kind": "maintenance", "note": "정기 교정"})
    assert done.status_code == 303
    html = operator.get(f"/listings/{EQUIPMENT}").get_data(as_text=True)
    cell = html.split(f'<span class="cal-date">{d.month}/{d.day}</span>')[0].rsplit("<td", 1)[1]
    assert "cal-full" in cell
    assert "정기 교정" in operator.get(f"/operator/calendar/{EQUIPMENT}").get_data(as_text=True)


def test_the_operator_states_the_clusters_rules_and_companies_see_them(rworld):
    operator = signed_in(rworld, "operator_a")
    token = operator.environ_base["HTTP_X_CSRF_TOKEN"]
    bad = operator.post("/operator/reservation-rules", data={"csrf_token": token, "open_hour": "18", "close_hour": "9",
                                                             "cancel_days": "2", "sme_discount_pct": "130"})
    assert bad.status_code == 422
    assert "0부터 100퍼센트 사이로" in bad.get_data(as_text=True)
    ok = operator.post("/operator/reservation-rules", data={"csrf_token": token, "open_hour": "8", "close_hour": "20",
                                                            "cancel_days": "3", "sme_discount_pct": "30"})
    assert ok.status_code == 303
    page = signed_in(rworld, "member").get(f"/listings/{EQUIPMENT}/reserve").get_data(as_text=True)
    assert "운영 시간 08:00–20:00, 이용일 3일 전까지 취소할 수 있습니다." in page


def test_the_basket_offers_a_slot_for_a_bookable_instrument(rworld):
    member = signed_in(rworld, "member")
    token = member.environ_base["HTTP_X_CSRF_TOKEN"]
    member.post("/basket/add", data={"csrf_token": token, "listing_id": EQUIPMENT})
    html = member.get("/basket").get_data(as_text=True)
    assert f'class="reserve-link" href="/listings/{EQUIPMENT}/reserve"' in html and "일정 예약" in html


def test_result_files_recorded_with_the_use_reach_the_company(rworld):
    import io

    from clusterhub import db
    from clusterhub.reservations import bookings
    from .conftest import who

    d = working_day()
    with rworld.app_context(), db.session() as s:
        r = bookings.ask(s, who(rworld, "member"), EQUIPMENT, [bookings.Slot(d, 9, 11)], mode="staff")
    with rworld.app_context(), db.session() as s:
        bookings.confirm(s, who(rworld, "operator_a"), r.id)
    operator = signed_in(rworld, "operator_a")
    token = operator.environ_base["HTTP_X_CSRF_TOKEN"]
    refused = operator.post(f"/reservations/{r.id}/use", content_type="multipart/form-data", data={
        "csrf_token": token, "hours": "2", "results": (io.BytesIO(b"MZ\x90\x00"), "report.pdf")})
    assert refused.status_code == 422 and "report.pdf" in refused.get_data(as_text=True)
    done = operator.post(f"/reservations/{r.id}/use", content_type="multipart/form-data", data={
        "csrf_token": token, "hours": "2", "results": (io.BytesIO(b"%PDF-1.7 result"), "결과보고서.pdf")})
    assert done.status_code == 303
    page = signed_in(rworld, "member").get(f"/reservations/{r.id}").get_data(as_text=True)
    assert "결과보고서.pdf" in page
    link = page.split('href="/attachments/')[1].split('"')[0]
    assert signed_in(rworld, "member").get(f"/attachments/{link}").get_data() == b"%PDF-1.7 result"
    assert signed_in(rworld, "rival").get(f"/attachments/{link}").status_code == 403


def test_the_ticket_page_links_its_reservations_and_statement(rworld):
    from clusterhub import db
    from clusterhub.reservations import bookings
    from .conftest import who

    with rworld.app_context(), db.session() as s:
        r = bookings.ask(s, who(rworld, "member"), EQUIPMENT, [bookings.Slot(working_day(), 9, 11)], mode="staff")
    page = signed_in(rworld, "operator_a").get(f"/tickets/{r.ticket_id}").get_data(as_text=True)
    assert f'href="/reservations/{r.id}"' in page and f'href="/tickets/{r.ticket_id}/statement"' in page
