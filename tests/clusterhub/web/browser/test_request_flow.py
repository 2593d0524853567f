"""Basket → request → tickets → quote → completion → survey → dashboard, in headless Chromium."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from clusterhub import db
from tests.clusterhub.web.browser.accessibility import clipped_chart_labels, overflows
from tests.clusterhub.inquiries.conftest import EQUIPMENT, PASSWORD, SERVICE, make_world
from tests.conftest import serving


@pytest.fixture(scope="module")
def request_server(tmp_path_factory):
    """Its own federation: the tickets of this flow must not leak into other browser tests."""
    app = make_world(tmp_path_factory.mktemp("request-browser"))
    with serving(app) as url:
        yield url
    db.engine(app).dispose()


def _as(browser, base: str, name: str, violations: list):
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{base}/login")
    page.fill("#email", f"{name}@example.org")
    page.fill("#password", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()
    return context, page


def test_the_whole_request_flow_in_the_browser(browser, request_server, screenshots):
    base, violations, contexts = request_server, [], []
    try:
        context, member = _as(browser, base, "member", violations)
        contexts.append(context)
        member.goto(f"{base}/search?q=" + "오가노이드칩평가")  # a gap: logged without the user
        for listing in (EQUIPMENT, SERVICE):
            member.goto(f"{base}/listings/{listing}")
            member.click("text=요청 바구니에 담기")
            member.wait_for_url(re.compile(r"/basket$"))
        assert member.locator("section.basket-cluster").count() == 2  # two clusters, two tickets
        member.fill("#need", "LC-MS 정량분석과 GLP 독성시험을 함께 의뢰하고 싶습니다.")
        member.fill("#timeline", "2026년 6월까지")
        member.select_option("#budget", "10m_50m")
        member.set_input_files("#attachments", [{"name": "virus.exe", "mimeType": "application/octet-stream",
                                                 "buffer": b"MZ\x90\x00"}])
        member.check("input[name=consent]")
        member.click("form.request-form button[type=submit]")
        assert "virus.exe" in member.locator(".field-error").inner_text()  # refused, by name
        member.fill("#need", "LC-MS 정량분석과 GLP 독성시험을 함께 의뢰하고 싶습니다.")
        member.set_input_files("#attachments", [{"name": "시료목록.pdf", "mimeType": "application/pdf",
                                                 "buffer": b"%PDF-1.7 sample list"}])
        member.check("input[name=consent]")
        member.click("form.request-form button[type=submit]")
        member.wait_for_url(re.compile(r"/my/requests/\d+$"))
        assert member.locator("section.ticket").count() == 2
        assert "시료목록.pdf" in member.content()
        member.screenshot(path=str(screenshots / "request-sent.png"), full_page=True)

        context, operator = _as(browser, base, "operator_a", violations)
        contexts.append(context)
        operator.goto(f"{base}/inbox")
        assert operator.locator("tbody tr").count() == 1  # only cluster A's ticket
        operator.locator("tbody a").first.click()
        operator.wait_for_url(re.compile(r"/tickets/\d+$"))
        operator.fill("#amount", "3,500,000")
        operator.fill("#valid_until", (date.today() + timedelta(days=30)).isoformat())
        operator.click("form.quote-form button[type=submit]")
        operator.wait_for_selector("text=₩3,500,000")
        member.reload()  # the work starts once the company has accepted the quote
        member.click("form.quote-accept-form button[type=submit]")
        member.wait_for_selector(".quote-answer.quote-accepted")
        operator.reload()
        for status in ("in_progress", "completed"):
            operator.select_option("#status", status)
            operator.click("form.status-form button[type=submit]")
            operator.wait_for_load_state()
        assert "완료" in operator.locator("dl.fields").inner_text()
        operator.screenshot(path=str(screenshots / "request-ticket.png"), full_page=True)

        member.reload()
        assert "₩3,500,000" in member.content()
        survey = member.locator("form.survey-form")
        survey.locator("select[name=quality]").select_option("5")
        survey.locator("select[name=speed]").select_option("4")
        survey.locator("select[name=communication]").select_option("5")
        survey.locator("button[type=submit]").click()
        member.wait_for_selector("text=설문이 기록되었습니다")

        context, curator = _as(browser, base, "curator", violations)
        contexts.append(context)
        curator.goto(f"{base}/dashboard")
        assert curator.locator("div.chart[role=img]").count() == 3
        tables = curator.locator("table.data")
        assert "대구경북첨단의료복합단지" in tables.nth(0).inner_text()  # names, not codes
        assert "오가노이드칩평가" in tables.nth(4).inner_text()
        assert "5.0" in tables.nth(3).inner_text()  # the survey's quality
        curator.screenshot(path=str(screenshots / "request-dashboard.png"), full_page=True)
        curator.set_viewport_size({"width": 390, "height": 844})  # the dashboard fits a phone
        assert overflows(curator) == 0 and clipped_chart_labels(curator) == []
        curator.screenshot(path=str(screenshots / "request-dashboard-mobile.png"), full_page=True)
        assert violations == []
    finally:
        for context in contexts:
            context.close()
