"""A curator filters the duplicate candidates, compares a pair field by field, is stopped until
the merge is confirmed, sees it done, undoes it, and dismisses a pair for good: in Chromium."""
import re

import pytest

from clusterhub import db
from tests.clusterhub.auth.browser import add_user, sign_in
from tests.clusterhub.curation.conftest import sync
from tests.conftest import build_app, serving
from tests.schemas.samples import equipment

PASSWORD = "duplicates password 1"
A, B = "kmedihub:equipment:EQ-0100", "kmedihub:equipment:EQ-0101"


@pytest.fixture(scope="module")
def dup_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("duplicates-browser")
    app = build_app(tmp, f"sqlite:///{tmp / 'd.db'}")
    hplc = {"manufacturer": "Agilent", "model": "1260 Infinity II", "location": {"ko": "분석실 201호"}}
    docs = [equipment(), equipment(source_id="EQ-0101", title={"ko": "질량분석기 (중복)"})]
    docs += [{**equipment(source_id=f"HP-{i}", title={"ko": "HPLC"}, **hplc), "nfec_no": None} for i in range(6)]
    for d in docs:
        if d.get("nfec_no") is None:
            d.pop("nfec_no")
    sync(app, docs)
    add_user(app, "curator@example.org", "curator", password=PASSWORD)
    with serving(app) as url:
        yield url
    db.engine(app).dispose()


def test_compare_confirm_merge_undo_and_dismiss(browser, dup_server, screenshots):
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in(page, dup_server, "curator@example.org", PASSWORD, "/curation/duplicates")
        assert page.locator("table.pairs tbody tr").count() == 16  # 15 HPLC pairs and the twin
        page.select_option("select[name=confidence]", "high")
        page.click("form.filter-form button")
        page.wait_for_url(re.compile(r"confidence=high"))
        assert page.locator("table.pairs tbody tr").count() == 1
        page.screenshot(path=str(screenshots / "duplicates-list.png"), full_page=True)

        page.click("table.pairs tbody a")
        page.wait_for_url(re.compile(r"/duplicates/compare"))
        assert page.locator("table.compare tr.differs").count() >= 1
        assert page.locator("table.compare tr.source td").count() == 2
        page.screenshot(path=str(screenshots / "duplicates-compare.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(screenshots / "duplicates-compare-mobile.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

        page.fill("#merge-reason", "같은 장비의 이중 등록")
        page.click("form.merge-form button")  # not confirmed: the browser holds the form
        assert "/compare" in page.url
        page.check("form.merge-form input[name=confirm]")
        page.click("form.merge-form button")
        page.wait_for_selector(".merge-done")
        assert B in page.locator(".merge-done").inner_text()
        page.screenshot(path=str(screenshots / "duplicates-merged.png"), full_page=True)
        page.goto(f"{dup_server}/listings/{B}")
        assert page.url.endswith(A) or page.url.endswith(A.replace(":", "%3A"))  # redirected

        page.goto(f"{dup_server}/curation/duplicates?merged={B}&into={A}")
        page.click(".merge-done button")
        page.wait_for_selector("text=병합을 되돌렸습니다")
        page.goto(f"{dup_server}/listings/{B}")
        assert "질량분석기 (중복)" in page.locator("h1").inner_text()

        page.goto(f"{dup_server}/curation/duplicates/compare?a={A}&b={B}")
        page.fill("#dismiss-reason", "다른 층의 장비")
        page.click("form.dismiss-form button")
        page.wait_for_selector("text=다시 제안되지 않습니다")
        assert A not in page.locator("table.pairs").inner_text()
        assert page.locator("table.pairs tbody tr").count() == 15
    finally:
        context.close()
