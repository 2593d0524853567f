"""An instrument's page lists the experts who run it, each with the rule that found them."""
from tests.clusterhub.web.test_listing_experts import app  # noqa: F401  (shared fixture)
from tests.conftest import serving


def test_the_instrument_page_shows_its_experts(browser, app, screenshots):  # noqa: F811
    with serving(app) as url:
        context = browser.new_context(locale="ko-KR")
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{url}/listings/kbiohealth:equipment:EQ-ORBI")
        runners = page.locator("ul.runners li")
        assert runners.count() == 3
        assert [li.get_attribute("data-rule") for li in runners.all()] == ["names_this", "linked_here", "same_centre"]
        assert "질량분석" in runners.nth(2).inner_text()
        page.locator("#runners-h").scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots / "listing-experts.png"), full_page=False)
        context.close()
