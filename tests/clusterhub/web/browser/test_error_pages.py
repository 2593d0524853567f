"""A visitor who lands on a missing page searches from it, and a pasted over-long query is cut
with a notice instead of an error: in Chromium, desktop and a 390 px phone."""
import re

from tests.clusterhub.web.conftest import catalog_app  # noqa: F401  (shared fixture)


def test_search_from_the_404_page_and_an_over_long_query(page, live_server, screenshots):
    for name, size in (("desktop", {"width": 1280, "height": 900}), ("mobile", {"width": 390, "height": 844})):
        page.set_viewport_size(size)
        response = page.goto(f"{live_server}/no-such-page")
        assert response.status == 404
        page.screenshot(path=str(screenshots / f"error-404-{name}.png"), full_page=True)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= size["width"]
    page.fill("#error-q", "세포배양기")
    page.press("#error-q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert page.locator(".card").count() > 0

    page.fill("#q", "가" * 400)  # the input takes no more than its maxlength
    assert len(page.locator("#q").input_value()) == 200
    page.goto(f"{live_server}/search?q=" + "세포배양기 " * 80)  # a pasted link: cut, not refused
    notice = page.locator(".query-cut")
    assert "479자" in notice.inner_text()
    assert len(page.locator("#q").input_value()) <= 200
    page.screenshot(path=str(screenshots / "search-query-cut-mobile.png"), full_page=False)
