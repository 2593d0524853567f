"""Search as you type (issue 12, item 8): results follow the box, the autocomplete is a keyboard
combobox, focus stays where it was after ticking a facet; in headless Chromium."""
import re
from urllib.parse import parse_qs, urlsplit

from tests.clusterhub.web.browser.accessibility import axe_violations
from tests.clusterhub.web.conftest import catalog_app  # noqa: F401  (shared fixture)


def total(page) -> int:
    return int(re.sub(r"\D", "", page.locator(".results-head .total").inner_text()))


def q_of(page) -> str:
    return parse_qs(urlsplit(page.url).query).get("q", [""])[0]


def test_typing_updates_results_and_the_url_without_a_new_history_step(page, live_server):
    page.goto(f"{live_server}/search")
    everything = total(page)
    history = page.evaluate("history.length")
    page.locator("#q").press_sequentially("세포배양기", delay=40)
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '세포배양기'")
    page.wait_for_function("n => document.querySelector('.results-head .total').textContent.replace(/\\D/g, '') === n",
                           arg="30")
    assert total(page) < everything
    assert page.evaluate("history.length") == history          # replaceState: shareable, no step
    assert page.evaluate("document.activeElement.id") == "q"    # typing goes on


def test_the_autocomplete_is_a_keyboard_combobox(page, live_server, screenshots):
    page.goto(f"{live_server}/search")
    box = page.locator("#q")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    box.press_sequentially("질량", delay=40)
    listbox = page.locator("#q-suggestions[role=listbox]")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.locator("[role=option]")
    texts = [t.strip() for t in options.locator(".suggest-text").all_inner_texts()]
    assert texts[0] == "질량분석" and "질량분석기 (Orbitrap Exploris 480)" in texts

    for width, height, name in ((1280, 900, "search-autocomplete-desktop.png"),
                                (390, 844, "search-autocomplete-mobile.png")):
        page.set_viewport_size({"width": width, "height": height})
        box.press("ArrowDown")
        box.press("ArrowUp")            # wraps to the last option, then back to none
        page.screenshot(path=str(screenshots / name), full_page=False)
    page.set_viewport_size({"width": 1280, "height": 900})

    box.press("Escape")
    assert listbox.is_hidden() and box.get_attribute("aria-expanded") == "false"
    box.press("ArrowDown")              # opens again on the first arrow
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active == options.nth(1).get_attribute("id")
    assert options.nth(1).get_attribute("aria-selected") == "true"
    chosen = options.nth(1).locator(".suggest-text").inner_text().strip()
    box.press("Enter")
    page.wait_for_function("t => new URLSearchParams(location.search).get('q') === t", arg=chosen)
    assert box.input_value() == chosen and listbox.is_hidden()
    assert page.evaluate("document.activeElement.id") == "q"
    assert chosen in page.locator(".results-head h1").inner_text()


def test_a_place_suggestion_becomes_a_cluster_chip(page, live_server):
    page.goto(f"{live_server}/search")
    page.locator("#q").press_sequentially("케이메디", delay=40)
    option = page.locator("#q-suggestions [role=option]", has_text="케이메디허브")
    option.wait_for(state="visible")
    option.dispatch_event("mousedown")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '케이메디허브'")
    assert "대구경북첨단의료복합단지" in page.locator(".chips").inner_text()


def test_focus_stays_on_the_facet_that_was_ticked(page, live_server):
    page.goto(f"{live_server}/search?q=%EC%84%B8%ED%8F%AC%EB%B0%B0%EC%96%91%EA%B8%B0")
    before = page.url
    box = '#facet-form input[type="checkbox"][name="cluster"][value="kmedihub"]'
    page.locator(box).focus()
    page.keyboard.press("Space")
    page.wait_for_function("u => window.location.href !== u", arg=before)
    page.wait_for_selector(f"{box}:checked")
    focused = page.evaluate("[document.activeElement.name, document.activeElement.value]")
    assert focused == ["cluster", "kmedihub"]


def test_the_page_sends_no_inline_script_and_a_strict_csp(page, live_server):
    response = page.goto(f"{live_server}/search?q=x")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    inline = page.evaluate("[...document.scripts].filter(s => !s.src).length")
    assert inline == 0


def test_the_open_autocomplete_has_no_accessibility_violations(browser, live_server):
    context = browser.new_context(locale="ko-KR", bypass_csp=True)   # axe-core is injected inline
    page = context.new_page()
    page.goto(f"{live_server}/search")
    page.locator("#q").press_sequentially("질량", delay=40)
    page.locator("#q-suggestions").wait_for(state="visible")
    page.locator("#q").press("ArrowDown")
    assert axe_violations(page) == []
    context.close()


def test_the_autocomplete_offers_a_wider_area_as_a_place(page, live_server, screenshots):
    page.goto(f"{live_server}/search")
    box = page.locator("#q")
    box.press_sequentially("충청", delay=40)
    listbox = page.locator("#q-suggestions[role=listbox]")
    listbox.wait_for(state="visible")
    place = listbox.locator(".suggest-place").first
    assert place.locator(".suggest-text").inner_text().strip() == "충청"
    assert "지역·클러스터" in place.inner_text() and "세종특별자치시" in place.inner_text()   # kind, regions
    page.screenshot(path=str(screenshots / "search-autocomplete-area.png"), full_page=False)


def test_the_all_words_elsewhere_note_is_shown(page, live_server, screenshots):
    page.goto(f"{live_server}/search?q=Osong+single-dose+toxicity")
    note = page.locator("#elsewhere")
    assert "1건" in note.inner_text()
    assert note.locator("a").inner_text().strip() == "전국에서 모든 단어로 찾기"
    page.screenshot(path=str(screenshots / "search-all-words-elsewhere.png"), full_page=False)
