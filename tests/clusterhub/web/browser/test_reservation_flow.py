"""Reserve an instrument, confirm it as the operator, record the use, accept the statement: the
whole sharing cycle in headless Chromium, with screenshots at desktop and mobile widths."""
from __future__ import annotations

import re

import pytest

from clusterhub import db
from tests.clusterhub.reservations.conftest import EQUIPMENT, PASSWORD, make_reservation_world, working_day
from tests.conftest import serving

SIZES = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def reservation_server(tmp_path_factory):
    app = make_reservation_world(tmp_path_factory.mktemp("reservation-browser"))
    with serving(app) as url:
        yield url
    db.engine(app).dispose()


def _as(browser, base: str, name: str, violations: list, size: str):
    context = browser.new_context(locale="ko-KR", viewport=SIZES[size], accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{base}/login")
    page.fill("#email", f"{name}@example.org")
    page.fill("#password", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()
    return context, page


@pytest.mark.parametrize("size", ["desktop", "mobile"])
def test_reserve_confirm_use_and_settle_in_the_browser(browser, reservation_server, screenshots, size):
    base, violations, contexts = reservation_server, [], []
    day = working_day(10 if size == "desktop" else 12)
    shot = lambda page, name: page.screenshot(path=str(screenshots / f"reservation-{name}-{size}.png"), full_page=True)  # noqa: E731
    try:
        context, member = _as(browser, base, "member", violations, size)
        contexts.append(context)
        member.goto(f"{base}/listings/{EQUIPMENT}")
        calendar = member.locator("section.reservation-calendar")
        assert calendar.locator("h2").inner_text() == "예약 가능 현황 (향후 8주)"
        assert calendar.locator("td.cal-day").count() == 56
        assert calendar.locator("td.cal-closed").count() >= 14  # eight weekends
        shot(member, "1-listing")
        member.click("text=이 장비 예약하기")
        member.fill("form.reserve-form input[name=day] >> nth=0", day.isoformat())
        member.select_option("form.reserve-form select[name=start] >> nth=0", "13")
        member.select_option("form.reserve-form select[name=end] >> nth=0", "16")
        member.fill("#note", "LC-MS/MS 정량분석, 시료 20개")
        member.click("form.reserve-form button[type=submit]")
        member.wait_for_url(re.compile(r"/reservations/\d+$"))
        rid = member.url.rsplit("/", 1)[1]
        assert "요청됨" in member.locator("h1").inner_text()
        assert f"{day.isoformat()} 13:00–16:00" in member.locator("ul.slots").inner_text()
        shot(member, "2-requested")

        context, operator = _as(browser, base, "operator_a", violations, size)
        contexts.append(context)
        operator.goto(f"{base}/operator/reservations")
        operator.click(f"a[href='/reservations/{rid}']")
        operator.click("form.confirm-form button")
        operator.wait_for_url(re.compile(rf"/reservations/{rid}$"))
        assert "확정" in operator.locator("h1").inner_text()
        operator.goto(f"{base}/listings/{EQUIPMENT}")  # the confirmed hours block the calendar at once
        cell = operator.locator(f"td.cal-day:has(.cal-date:text-is('{day.month}/{day.day}'))")
        assert "cal-partial" in cell.get_attribute("class") and "일부 예약됨" in cell.inner_text()
        operator.goto(f"{base}/reservations/{rid}")
        operator.fill("form.use-form input[name=hours]", "3")
        operator.fill("form.use-form input[name=consumables]", "C18 컬럼")
        operator.fill("form.use-form input[name=consumables_krw]", "30000")
        operator.click("form.use-form button[type=submit]")
        operator.wait_for_url(re.compile(rf"/reservations/{rid}$"))
        assert "₩180,000" in operator.locator("section.use-record").inner_text()  # 3 h × 50,000 + 30,000
        shot(operator, "3-use-recorded")

        member.goto(f"{base}/reservations/{rid}")
        member.click("text=정산서")
        assert member.locator(".statement-total").inner_text() == "180,000"
        with member.expect_download() as pdf:
            member.click("p.downloads >> text=PDF")
        assert pdf.value.suggested_filename.endswith(".pdf")
        member.click("form.statement-accept-form button")
        member.wait_for_load_state()
        assert "₩180,000" in member.locator("p.settled").inner_text()
        shot(member, "4-statement-accepted")
        assert violations == []
    finally:
        for context in contexts:
            context.close()
