"""A survey campaign from creation to results, and gap triage, in headless Chromium (screenshots)."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.catalog.models import UnmetNeed
from clusterhub.inquiries.models import OutboxMail, SearchLog
from tests.clusterhub.inquiries.conftest import make_world
from tests.clusterhub.inquiries.test_campaigns import QUESTIONS
from tests.clusterhub.web.browser.test_request_flow import _as
from tests.conftest import serving

LINK = re.compile(r"https?://[^/\s]+(/s/\d+/\S+)")


@pytest.fixture(scope="module")
def world_server(tmp_path_factory):
    app = make_world(tmp_path_factory.mktemp("survey-browser"))
    with app.app_context(), db.session() as s:
        for q, n in (("큐큐큐", 0), ("큐큐큐", 0), ("x", 0), ("스마트공장", 0)):
            s.add(SearchLog(query=q, results=n, day=date.today()))
        s.add(UnmetNeed(query="스마트공장", filters={}, description="바이오 스마트공장 MES 컨설팅",
                        contact_email="need@example.org"))
    with serving(app) as url:
        yield app, url
    db.engine(app).dispose()


def test_a_campaign_from_creation_to_results(browser, world_server, screenshots):
    app, base = world_server
    violations: list = []
    context, staff = _as(browser, base, "curator", violations)
    try:
        staff.goto(f"{base}/surveys/new")
        staff.fill("#title_ko", "2026 하반기 수요·만족도 조사")
        staff.fill("#title_en", "Demand and satisfaction survey H2 2026")
        staff.fill("#questions", QUESTIONS)
        staff.select_option("#audience", "all")
        staff.fill("#closes_on", (date.today() + timedelta(days=14)).isoformat())
        staff.click("form.campaign-form button[type=submit]")
        staff.wait_for_url(re.compile(r"/surveys/\d+$"))
        campaign = int(staff.url.rsplit("/", 1)[1])
        staff.click("text=초대 메일 보내기")
        staff.wait_for_load_state()
        with app.app_context(), db.session() as s:
            paths = [LINK.search(m.body).group(1) for m in s.exec(select(OutboxMail)) if LINK.search(m.body or "")
                     and LINK.search(m.body).group(1).startswith(f"/s/{campaign}/")]
        assert len(paths) == 2
        visitor_context = browser.new_context(locale="ko-KR")
        visitor = visitor_context.new_page()
        visitor.goto(base + paths[0])
        assert visitor.locator("input[type=radio]:checked").count() == 0  # nothing pre-filled
        visitor.check("#q1 input[value='4']")
        visitor.check("#q2 input[value='1']")
        visitor.check("#q3 input[value='10']")
        visitor.fill("#q4 textarea", "GLP 시설 정보가 더 있으면 좋겠습니다.")
        visitor.screenshot(path=str(screenshots / "survey-answer.png"), full_page=True)
        visitor.click("form.campaign-answer-form button[type=submit]")
        visitor.wait_for_selector(".survey-thanks")
        visitor.goto(base + paths[0])
        assert visitor.locator(".survey-refused").count() == 1  # the link answers once
        visitor_context.close()
        staff.goto(f"{base}/surveys/{campaign}")
        assert "50%" in staff.locator(".response-rate").inner_text()
        assert "NPS 100" in staff.content()
        staff.screenshot(path=str(screenshots / "survey-results.png"), full_page=True)
    finally:
        context.close()
    assert violations == []


def test_gap_triage_in_the_browser(browser, world_server, screenshots):
    app, base = world_server
    violations: list = []
    context, staff = _as(browser, base, "curator", violations)
    try:
        staff.goto(f"{base}/dashboard/gaps")
        assert "need@example.org" in staff.content()
        group = staff.locator("section[id='g-큐큐큐']")
        group.locator("form.synonym-form input[name=terms]").fill("질량분석기")
        group.locator("form.synonym-form button").click()
        staff.wait_for_load_state()
        staff.locator("section[id='g-x'] form.noise-form button").click()
        staff.wait_for_load_state()
        smart = staff.locator("section[id='g-스마트공장']")
        smart.locator("select[name=clusters]").select_option(["kbiohealth"])
        smart.locator("form.assign-form button").click()
        staff.wait_for_load_state()
        assert "동의어 누락" in staff.locator("section[id='g-큐큐큐'] .decision").inner_text()
        assert "실제 공백" in staff.locator("section[id='g-스마트공장'] .decision").inner_text()
        staff.screenshot(path=str(screenshots / "gap-triage.png"), full_page=True)
    finally:
        context.close()
    assert violations == []
