"""The master plan's example in headless Chromium: plan it from a listing, send it, finish stage 1 as
Daegu's operator, see stage 2 notified and the company's timeline move; desktop and mobile."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.inquiries.holidays import kst_day
from clusterhub.inquiries.models import OutboxMail
from clusterhub.models import utcnow
from tests.clusterhub.pathways.conftest import D1, PASSWORD, make_world
from tests.conftest import serving

MOBILE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def pathway_server(tmp_path_factory):
    app = make_world(tmp_path_factory.mktemp("pathway-browser"))
    with serving(app) as url:
        yield app, url
    db.engine(app).dispose()


def _as(browser, base: str, name: str, violations: list, viewport=None):
    context = browser.new_context(locale="ko-KR", viewport=viewport or {"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{base}/login")
    page.fill("#email", f"{name}@example.org")
    page.fill("#password", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()
    return context, page


def _stage_starts(page) -> list[str]:
    cells = page.locator("table.timeline tbody tr td:nth-child(5)").all_inner_texts()
    return [c.split(" → ")[0].strip() for c in cells]


def test_plan_send_complete_and_follow_the_plans_example(browser, pathway_server, screenshots):
    app, base = pathway_server
    violations, contexts = [], []
    try:
        context, member = _as(browser, base, "member", violations)
        contexts.append(context)
        member.goto(f"{base}/listings/{D1}")
        member.click("a.plan-from-here")
        member.wait_for_url(re.compile(r"/pathways\?from="))
        member.click("text=저분자 신약")
        member.wait_for_url(re.compile(r"/pathways/small_molecule\?from="))
        assert member.locator("li.stage").count() == 4
        assert "GMP 생산 (스마트공장) 단계와 같은 단지" in member.locator("#stage-discovery").inner_text()
        member.fill("#start", kst_day(utcnow()).isoformat())
        member.click("form.plan-form button[type=submit]")  # no JavaScript needed: a GET form
        member.wait_for_load_state()
        member.screenshot(path=str(screenshots / "pathway-plan.png"), full_page=True)
        mobile_context, mobile = _as(browser, base, "member", violations, MOBILE)
        contexts.append(mobile_context)
        mobile.goto(member.url)
        mobile.screenshot(path=str(screenshots / "pathway-plan-mobile.png"), full_page=True)
        assert mobile.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]

        member.fill("#need", "저분자 항암 후보물질 CHB-101의 발굴부터 임상 1상까지 연계를 요청합니다.")
        member.select_option("#budget", "over_200m")
        member.check("form.request-form input[name=consent]")
        member.click("form.request-form button[type=submit]")
        member.wait_for_url(re.compile(r"/pathways/requests/\d+$"))
        follow = member.url
        before = _stage_starts(member)
        assert len(before) == 4 and before[1] == (kst_day(utcnow()) + timedelta(days=90)).isoformat()
        member.screenshot(path=str(screenshots / "pathway-follow-before.png"), full_page=True)

        context, daegu = _as(browser, base, "daegu", violations)
        contexts.append(context)
        daegu.goto(follow)
        daegu.locator("table.timeline tbody tr").first.locator("a").click()
        daegu.wait_for_url(re.compile(r"/tickets/\d+$"))
        assert daegu.locator("a[href^='/pathways/requests/']").count() == 1
        for status in ("reviewing", "in_progress", "completed"):
            daegu.select_option("#status", status)
            if status == "in_progress":
                daegu.check("#no_quote")  # no quote for this stage: say so explicitly
            daegu.click("form.status-form button[type=submit]")
            daegu.wait_for_load_state()
        assert "완료" in daegu.locator("dl.fields").inner_text()
        with app.app_context(), db.session() as s:
            told = [m.subject for m in s.exec(select(OutboxMail).where(OutboxMail.to == "daegu@example.org"))
                    if "이전 단계 완료" in m.subject]
        assert len(told) == 1  # stage 2 (Daegu's smart factory) is told stage 1 is done

        member.goto(follow)
        after = _stage_starts(member)
        assert after[1] == kst_day(utcnow()).isoformat()  # done early: the smart factory can start today
        assert "계획보다 90일 빠름" in member.locator("table.timeline").inner_text()
        member.screenshot(path=str(screenshots / "pathway-follow-after.png"), full_page=True)
        mobile.goto(follow)
        mobile.screenshot(path=str(screenshots / "pathway-follow-mobile.png"), full_page=True)
        assert violations == []
    finally:
        for context in contexts:
            context.close()
