"""Fees for each tariff, use records with adjustments, statements, monthly totals, utilisation."""
from __future__ import annotations

from datetime import timedelta

import pytest

from clusterhub import db
from clusterhub.errors import Conflict, Forbidden, Invalid
from clusterhub.reservations import bookings, calendar, fees, rules, settlement, utilisation
from clusterhub.reservations.bookings import Slot
from .conftest import A, EQUIPMENT, signed_in, who, working_day


@pytest.mark.parametrize("fee, use, lines, total", [
    ({"model": "free"}, {"hours": 3}, ["free"], 0),
    ({"model": "fixed", "unit": "hour", "unit_krw": 50000}, {"hours": 2.5}, ["hour"], 125000),
    ({"model": "fixed", "unit": "sample", "unit_krw": 30000, "minimum_krw": 100000}, {"samples": 2},
     ["sample", "minimum"], 100000),
    ({"model": "fixed", "unit": "day", "unit_krw": 400000}, {"days": 2, "consumables_krw": 15000},
     ["day", "consumables"], 815000),
    ({"model": "fixed", "unit": "use", "unit_krw": 80000}, {}, ["use"], 80000),
    ({"model": "fixed", "min_krw": 120000, "max_krw": 1200000}, {"hours": 4}, ["use"], 120000),
    ({"model": "quote"}, {"quote_krw": 2_000_000}, ["quote"], 2_000_000),
    ({"model": "fixed", "unit": "hour", "unit_krw": 50000, "minimum_krw": 100000},
     {"hours": 4, "sme": True, "sme_discount_pct": 30}, ["hour", "sme_discount"], 140000),
    ({"model": "fixed", "unit": "hour", "unit_krw": 50000, "minimum_krw": 100000},
     {"hours": 1, "sme": True, "sme_discount_pct": 30}, ["hour", "minimum", "sme_discount"], 70000),
])
def test_the_fee_of_each_tariff(fee, use, lines, total):
    got, amount = fees.compute(fee, **use)
    assert [line["code"] for line in got] == lines and amount == total


def used(app, hours=3.0, **extra):
    d = working_day()
    with app.app_context(), db.session() as s:
        r = bookings.ask(s, who(app, "member"), EQUIPMENT, [Slot(d, 9, 12)], mode="self_use")
    with app.app_context(), db.session() as s:
        rules.set_policy(s, who(app, "operator_a"), A, open_hour=9, close_hour=18, cancel_days=2, sme_discount_pct=20)
        bookings.confirm(s, who(app, "operator_a"), r.id)
    with app.app_context(), db.session() as s:
        settlement.record_use(s, who(app, "operator_a"), r.id, hours=hours, consumables="컬럼 1개",
                              consumables_krw=30000, **extra)
    return r


def test_the_use_record_bills_the_listings_tariff_with_the_clusters_sme_discount(rworld):
    r = used(rworld, sme=True)
    with rworld.app_context(), db.session() as s:
        use = settlement.use_of(s, r.id)
        # 3 h × 50,000 = 150,000; SME 20 % = −30,000; consumables 30,000
        assert (use.computed_krw, use.total_krw) == (150000, 150000)
        assert s.get(bookings.Reservation, r.id).status == "used"


def test_an_adjustment_needs_a_reason_and_only_the_clusters_operator_records_use(rworld):
    r = used(rworld)
    with rworld.app_context(), db.session() as s:
        with pytest.raises(Invalid) as bad:
            settlement.record_use(s, who(rworld, "operator_a"), r.id, hours=3, adjustment_krw=-20000)
        assert bad.value.errors[0]["path"] == "adjustment_reason"
        with pytest.raises(Forbidden):
            settlement.record_use(s, who(rworld, "operator_b"), r.id, hours=3)
        with pytest.raises(Forbidden):
            settlement.record_use(s, who(rworld, "member"), r.id, hours=3)
        use = settlement.record_use(s, who(rworld, "operator_a"), r.id, hours=3, adjustment_krw=-20000,
                                    adjustment_reason="장비 지연 30분")
        assert use.total_krw == 130000


def test_the_company_accepts_the_statement_once_and_it_then_stands(rworld):
    r = used(rworld)
    with rworld.app_context(), db.session() as s:
        with pytest.raises(Forbidden):
            settlement.accept(s, who(rworld, "operator_a"), r.ticket_id)
        with pytest.raises(Forbidden):
            settlement.statement(s, who(rworld, "rival"), r.ticket_id)
        assert settlement.accept(s, who(rworld, "member"), r.ticket_id).total_krw == 180000
    with rworld.app_context(), db.session() as s:
        with pytest.raises(Conflict):
            settlement.accept(s, who(rworld, "member"), r.ticket_id)
        with pytest.raises(Conflict):
            settlement.record_use(s, who(rworld, "operator_a"), r.id, hours=1)
    member = signed_in(rworld, "member")
    csv = member.get(f"/tickets/{r.ticket_id}/statement.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[1].startswith(f"{r.id},{EQUIPMENT},삼중사중극자 질량분석기,") and lines[-1].endswith(",180000")
    assert signed_in(rworld, "rival").get(f"/tickets/{r.ticket_id}/statement.csv").status_code == 403


def test_monthly_statements_per_company_and_per_cluster(rworld):
    r = used(rworld)
    month = working_day().replace(day=1)
    with rworld.app_context(), db.session() as s:
        assert [x.id for x, _u, _t in settlement.monthly(s, who(rworld, "member"), month)] == [r.id]
        assert settlement.monthly(s, who(rworld, "rival"), month) == []
        assert sum(u.total_krw for _r, u, _t in settlement.monthly(s, who(rworld, "operator_a"), month, cluster=A)) == 180000
        assert settlement.monthly(s, who(rworld, "member"), month - timedelta(days=1)) == []
        with pytest.raises(Forbidden):
            settlement.monthly(s, who(rworld, "operator_b"), month, cluster=A)
    page = signed_in(rworld, "operator_a").get(f"/operator/statements?month={month.strftime('%Y-%m')}")
    assert page.status_code == 200 and "180,000" in page.get_data(as_text=True)


def test_utilisation_is_booked_over_available_hours(rworld):
    d = working_day()
    used(rworld)  # books 09–12 on d
    with rworld.app_context(), db.session() as s:
        calendar.add_block(s, who(rworld, "operator_a"), EQUIPMENT, first=d, last=d, start_hour=15, end_hour=18,
                           kind="maintenance")
        booked, available = utilisation.of_listing(s, EQUIPMENT, A, d, d)
        assert (booked, available) == (3, 6)  # 9 open hours, 3 blocked
        [use] = utilisation.per_instrument(s, d, d, A)  # the instrument with the feed has no booking
        assert (use.listing_id, use.share) == (EQUIPMENT, 0.5)


def test_the_cluster_page_and_the_dashboard_show_utilisation(rworld):
    used(rworld)
    page = rworld.test_client().get(f"/clusters/{A}").get_data(as_text=True)
    assert 'class="box utilisation"' in page and "삼중사중극자 질량분석기" in page and "(3/" in page
    board = signed_in(rworld, "curator").get("/dashboard").get_data(as_text=True)
    assert 'class="box utilisation"' in board


def test_the_statement_as_pdf_embeds_the_korean_font(rworld):
    from clusterhub.reservations.statement_pdf import FONT
    if not FONT.exists():
        pytest.skip(f"{FONT} is missing (Debian fonts-noto-cjk)")
    r = used(rworld)
    got = signed_in(rworld, "member").get(f"/tickets/{r.ticket_id}/statement.pdf")
    assert got.status_code == 200 and got.mimetype == "application/pdf"
    data = got.get_data()
    assert data.startswith(b"%PDF-") and b"+NotoSansCJKKR" in data  # the Korean face, subset
    assert signed_in(rworld, "rival").get(f"/tickets/{r.ticket_id}/statement.pdf").status_code == 403
