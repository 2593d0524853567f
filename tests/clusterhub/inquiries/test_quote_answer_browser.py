"""The company answers a quote in headless Chromium: the two buttons, a refused empty rejection, then
the acceptance; a screenshot of the page with the buttons goes to test-artifacts/screenshots."""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from clusterhub import db
from tests.clusterhub.inquiries.conftest import EQUIPMENT, PASSWORD, make_world, signed_in
from tests.conftest import serving

SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"


def test_the_company_accepts_a_quote_in_the_browser(browser, tmp_path):
    app = make_world(tmp_path)
    member, operator = signed_in(app, "member"), signed_in(app, "operator_a")
    sent = member.post("/api/v1/requests", json={"listing_ids": [EQUIPMENT], "need": "LC-MS/MS 정량분석 의뢰",
                                                 "timeline": "8주 이내", "budget": "10m_50m", "consent": True}).json
    ticket = sent["tickets"][0]["id"]
    valid = (date.today() + timedelta(days=30)).isoformat()
    operator.post(f"/api/v1/tickets/{ticket}/quote", json={"amount": 18500000, "valid_until": valid})
    violations = []
    context = browser.new_context(locale="ko-KR")
    try:
        with serving(app) as base:
            page = context.new_page()
            page.set_default_timeout(10_000)
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(f"{base}/login")
            page.fill("#email", "member@example.org")
            page.fill("#password", PASSWORD)
            page.click("form.stacked button[type=submit]")
            page.wait_for_load_state()
            page.goto(f"{base}/my/requests/{sent['id']}")
            assert page.locator("form.quote-accept-form button").inner_text() == "견적 수락"
            assert page.locator("form.quote-reject-form button").inner_text() == "견적 거절"
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "request-quote-answer.png"), full_page=True)
            page.eval_on_selector("form.quote-reject-form textarea", "e => e.removeAttribute('required')")
            page.click("form.quote-reject-form button")  # no reason: refused, and the reason is named
            assert "거절하는 이유" in page.locator(".field-error").inner_text()
            page.click("form.quote-accept-form button")
            page.wait_for_url(re.compile(rf"/my/requests/{sent['id']}#t{ticket}$"))
            assert "견적을 수락했습니다" in page.locator(f"#t{ticket} .quote-accepted").inner_text()
            assert page.locator("form.quote-accept-form").count() == 0
        assert violations == []
    finally:
        context.close()
        db.engine(app).dispose()
