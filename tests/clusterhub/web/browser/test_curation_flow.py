"""A curator logs in, overrides a listing's title with a reason, and finds the new title in
search at once: in headless Chromium."""
import re

import pytest

from clusterhub import db
from tests.clusterhub.auth.browser import add_user, sign_in
from tests.clusterhub.web.conftest import load_corpus
from tests.conftest import build_app, serving

PASSWORD = "curator password 1"
LISTING = "kmedihub:equipment:EQ-001"


@pytest.fixture(scope="module")
def curation_server(tmp_path_factory):
    """Its own catalog: the curator's changes must not leak into other browser tests."""
    tmp = tmp_path_factory.mktemp("curation-browser")
    app = build_app(tmp, f"sqlite:///{tmp / 'c.db'}")
    load_corpus(app)
    add_user(app, "curator@example.org", "curator", password=PASSWORD)
    with serving(app) as url:
        yield url
    db.engine(app).dispose()


def test_curator_overrides_a_title_and_search_shows_it(browser, curation_server, screenshots):
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        page.goto(f"{curation_server}/search?q=" + "초저온")
        assert page.locator(".card").count() == 0  # nothing is called that yet

        sign_in(page, curation_server, "curator@example.org", PASSWORD, f"/listings/{LISTING}")
        page.click("text=이 목록 큐레이션")
        page.wait_for_url(re.compile(r"/curation/listings/"))
        page.click('a[href$="/fields/title"]')
        page.wait_for_url(re.compile(r"/fields/title$"))
        page.fill("#value_ko", "초저온 보관 장비 (큐레이터 확인)")
        page.click("text=재정의 저장")  # no reason yet: refused, the message by the input
        page.wait_for_selector("#reason-error")
        assert page.locator("#value_ko").input_value() == "초저온 보관 장비 (큐레이터 확인)"  # kept
        page.screenshot(path=str(screenshots / "curation-field-error.png"), full_page=True)
        page.fill("#reason", "장비 명칭 정정")
        page.click("text=재정의 저장")
        page.wait_for_selector("text=재정의를 저장했습니다")
        page.wait_for_selector("text=장비 명칭 정정")
        page.screenshot(path=str(screenshots / "curation-listing.png"), full_page=True)

        page.fill("#hide-reason", "")
        page.click("form.flag-hide button")  # the browser asks for the reason and the tick first
        assert page.locator(".badge-hidden").count() == 0
        page.fill("#hide-reason", "중복 등록된 장비")
        page.check("form.flag-hide input[name=confirm]")
        page.click("form.flag-hide button")
        page.wait_for_selector(".badge-hidden")
        page.screenshot(path=str(screenshots / "curation-hidden.png"), full_page=True)
        page.click("form.flag-unhide button")
        page.wait_for_selector("form.flag-hide")

        page.goto(f"{curation_server}/search?q=" + "초저온")
        card = page.locator(".card").first
        assert "초저온 보관 장비 (큐레이터 확인)" in card.inner_text()
        card.locator("a").first.click()
        page.wait_for_url(re.compile(re.escape(LISTING.replace(":", "%3A")) + "|" + re.escape(LISTING)))
        assert "초저온 보관 장비 (큐레이터 확인)" in page.locator("h1").inner_text()

        page.goto(f"{curation_server}/curation/audit")
        assert "override.set" in page.content() and "장비 명칭 정정" in page.content()
        assert "listing.hide" in page.content() and "중복 등록된 장비" in page.content()

        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{curation_server}/curation/listings/{LISTING}/fields/categories")
        page.screenshot(path=str(screenshots / "curation-field-mobile.png"), full_page=True)
        page.goto(f"{curation_server}/curation/thesaurus?q=질량")
        assert page.locator("table.concepts tbody tr").count() >= 1
        page.screenshot(path=str(screenshots / "curation-thesaurus-mobile.png"), full_page=True)
        assert not violations
    finally:
        context.close()
