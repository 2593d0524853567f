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
        page.fill("input[name=field]", "title.ko")
        page.fill("textarea[name=value]", "초저온 보관 장비 (큐레이터 확인)")
        page.fill("form.stack-form input[name=reason]", "장비 명칭 정정")
        page.click("text=재정의 저장")
        page.wait_for_selector("text=장비 명칭 정정")
        page.screenshot(path=str(screenshots / "curation-listing.png"), full_page=True)

        page.goto(f"{curation_server}/search?q=" + "초저온")
        card = page.locator(".card").first
        assert "초저온 보관 장비 (큐레이터 확인)" in card.inner_text()
        card.locator("a").first.click()
        page.wait_for_url(re.compile(re.escape(LISTING.replace(":", "%3A")) + "|" + re.escape(LISTING)))
        assert "초저온 보관 장비 (큐레이터 확인)" in page.locator("h1").inner_text()

        page.goto(f"{curation_server}/curation/audit")
        assert "override.set" in page.content() and "장비 명칭 정정" in page.content()
        assert not violations
    finally:
        context.close()
