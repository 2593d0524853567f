"""A company user searches in Korean, refines with facets, goes back, opens a listing, switches
language and exports: in headless Chromium, with JavaScript on."""
import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

from tests.clusterhub.web.conftest import catalog_app  # noqa: F401  (shared fixture)


def total(page) -> int:
    return int(re.sub(r"\D", "", page.locator(".results-head .total").inner_text()))


def query(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def tick(page, field: str, value: str):
    before = page.url
    box = f'#facet-form input[type="checkbox"][name="{field}"][value="{value}"]'
    page.locator(box).check()
    page.wait_for_function("u => window.location.href !== u", arg=before)
    page.wait_for_selector(f"{box}:checked")


def test_search_refine_back_listing_language_export(page, live_server, screenshots):
    page.goto(f"{live_server}/search")
    page.fill("#q", "세포배양기")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=%EC%84%B8"))
    everything = total(page)
    assert everything == 30

    tick(page, "cluster", "kmedihub")
    assert total(page) == 6
    tick(page, "cluster", "wonju")
    assert total(page) == 12
    tick(page, "manufacturer", "Eppendorf")
    assert total(page) == 6
    assert query(page) == {"q": ["세포배양기"], "cluster": ["kmedihub", "wonju"], "manufacturer": ["Eppendorf"]}
    # counts of the cluster facet ignore the cluster selection but honour the manufacturer one
    daedeok = page.locator('#facet-form input[name="cluster"][value="daedeok"]').locator("xpath=..").inner_text()
    assert daedeok.strip().endswith("3")
    assert page.locator(".chips .chip").count() == 4  # three filters and "clear all"
    page.set_viewport_size({"width": 1280, "height": 1100})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / "search-desktop.png"), full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / "search-mobile.png"), full_page=False)
    page.set_viewport_size({"width": 1280, "height": 1100})

    page.go_back()
    page.wait_for_function("() => !window.location.search.includes('manufacturer')")
    page.wait_for_selector('#facet-form input[name="manufacturer"][value="Eppendorf"]:not(:checked)')
    assert total(page) == 12

    page.locator(".card-title a").first.click()
    page.wait_for_url(re.compile(r"/listings/"))
    assert "세포배양기" in page.locator("h1").inner_text()

    page.locator('.lang a[lang="en"]').click()
    page.wait_for_selector('html[lang="en"]')
    assert "CO2 incubator" in page.locator("h1").inner_text()
    page.go_back()
    page.go_back()

    page.goto(f"{live_server}/search?q=%EC%84%B8%ED%8F%AC%EB%B0%B0%EC%96%91%EA%B8%B0&cluster=wonju")
    with page.expect_download() as download:
        page.locator(".export a", has_text="CSV").click()
    data = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == 6 and {r["cluster"] for r in rows} == {"wonju"}


def test_page_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/search?q=CO2")
    page.locator('#facet-form input[name="sharing_scope"][value="exclusive"]').check()
    page.locator("#facet-form button.apply").click()
    page.wait_for_url(re.compile(r"sharing_scope=exclusive"))
    assert total(page) > 0
    context.close()


def test_a_natural_need_reads_the_place_and_says_which_word_it_left_out(page, live_server, screenshots):
    page.goto(f"{live_server}/search")
    page.fill("#q", "오송 독성시험 비용")
    page.press("#q", "Enter")
    page.wait_for_selector("#relaxed")
    assert "‘비용’ 없이 찾은 결과도" in page.locator("#relaxed").inner_text()
    assert "오송첨단의료복합단지" in page.locator(".chips").inner_text()
    assert "반복투여" in page.locator(".cards").inner_text()
    page.set_viewport_size({"width": 1280, "height": 1100})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / "search-relaxed.png"), full_page=False)
    page.locator("#relaxed a").click()          # search every word, strictly
    page.wait_for_url(re.compile(r"strict=1"))
    assert total(page) == 0


def test_units_of_one_model_show_as_one_card_that_opens(browser, demo_app, screenshots):
    from tests.conftest import serving

    with serving(demo_app) as url:
        context = browser.new_context(locale="ko-KR")
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 1100})
        page.goto(f"{url}/search?q=Xevo+G2-XS+QTof")
        grouped = page.locator(".card", has=page.locator(".group-count")).first
        count = int(grouped.locator(".group-count").inner_text().replace("×", "").strip())
        assert count > 1
        grouped.locator("summary").click()
        assert grouped.locator(".group-members li").count() == count
        grouped.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots / "search-grouped.png"), full_page=False)
        context.close()
