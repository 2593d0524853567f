"""The walk-through of every screen, for every role, on desktop and on a 390 px phone, in Korean
and in English: axe-core finds no violation of moderate impact or above on any page, and the
checks axe cannot make here hold (focus outline contrast, focus order, chart labels, fit)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from clusterhub import db
from tests.clusterhub.auth.browser import add_user, sign_in
from tests.clusterhub.web.browser.accessibility import (axe_violations, chart_text_sizes, clipped_chart_labels,
                                                        contrast, focus_outline, overflows)
from tests.clusterhub.web.conftest import load_corpus
from tests.conftest import build_app, serving

PASSWORD = "walk-through password 1"
LISTING = "kmedihub:equipment:EQ-001"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}
PUBLIC = ["/", "/search?q=세포배양기", "/search?q=없는말zzqq", f"/listings/{LISTING}", "/clusters",
          "/clusters/kmedihub", "/login", "/no-such-page", "/search?q=" + "세포배양기 " * 50]
ROLES = {  # role: (user, the pages only that role reaches)
    "member": ("member@example.org", ["/basket", "/my/requests", "/account"]),
    "operator": ("operator@example.org", ["/operator/kmedihub", "/inbox", "/operator/kmedihub/source"]),
    "curator": ("curator@example.org", ["/curation", f"/curation/listings/{LISTING}", "/curation/duplicates",
                                        "/curation/audit", "/curation/categories", "/curation/thesaurus",
                                        "/dashboard", f"/curation/listings/{LISTING}/fields/title",
                                        f"/curation/listings/{LISTING}/fields/categories",
                                        f"/curation/listings/{LISTING}/fields/year_acquired",
                                        f"/curation/duplicates/compare?a={LISTING}&b=daedeok:equipment:INC-03"]),
    "admin": ("admin@example.org", ["/admin/outbox", "/admin/users", "/credentials/kmedihub",
                                    "/operator/daedeok/source"]),
}


@pytest.fixture(scope="module")
def walk_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("walk-through")
    app = build_app(tmp, f"sqlite:///{tmp / 'w.db'}", SAMPLE_DATA_NOTICE=True)
    load_corpus(app)
    add_user(app, "member@example.org", "member", password=PASSWORD, company="한빛제약")
    add_user(app, "operator@example.org", "operator", password=PASSWORD, cluster="kmedihub")
    add_user(app, "curator@example.org", "curator", password=PASSWORD)
    add_user(app, "admin@example.org", "admin", password=PASSWORD)
    with serving(app) as url:
        yield url
    db.engine(app).dispose()


def _walk(page, base: str, paths: list[str], label: str) -> list[str]:
    problems = []
    for name, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        for path in paths:
            page.goto(base + path)
            where = f"{label} {name} {path}"
            problems += [f"{where}: {v}" for v in axe_violations(page)]
            problems += [f"{where}: chart label cut off: {t}" for t in clipped_chart_labels(page)]
            if overflows(page) > 0:
                problems.append(f"{where}: {overflows(page)} px wider than the {size['width']} px screen")
    return problems


@pytest.mark.parametrize("locale", ["ko-KR", "en-US"])
def test_public_pages_have_no_accessibility_violations(browser, walk_server, locale):
    context = browser.new_context(locale=locale, bypass_csp=True)  # to inject axe
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        if locale == "en-US":
            page.goto(f"{walk_server}/lang/en?next=/")
        problems = _walk(page, walk_server, PUBLIC, f"anonymous {locale}")
        assert not problems, "\n".join(problems)
    finally:
        context.close()


@pytest.mark.parametrize("role", list(ROLES))
def test_every_role_s_pages_have_no_accessibility_violations(browser, walk_server, role):
    email, paths = ROLES[role]
    context = browser.new_context(locale="ko-KR", bypass_csp=True)  # to inject axe
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, walk_server, email, PASSWORD, paths[0])
        if role == "operator":
            runs = page.locator('a[href*="/runs/"]')
            if runs.count():
                paths = paths + [runs.first.get_attribute("href")]
        problems = _walk(page, walk_server, paths, role)
        page.goto(f"{walk_server}/lang/en?next={paths[0]}")
        problems += _walk(page, walk_server, paths[:2], f"{role} en")
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_focus_outline_has_3_to_1_contrast(page, walk_server):
    page.goto(f"{walk_server}/search?q=세포배양기")
    for selector in ("#q", ".card-title a", '#facet-form input[type="checkbox"]', ".lang a"):
        ring = focus_outline(page, selector)
        assert ring["style"] != "none" and ring["width"] >= 2, (selector, ring)
        assert contrast(ring["outline"], ring["background"]) >= 3, (selector, ring)
        assert contrast(ring["outline"], (255, 255, 255)) >= 3, (selector, ring)


def _tab_order(page, count: int) -> list[str]:
    seen = []
    for _ in range(count):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => {
          const el = document.activeElement;
          if (el.closest('.facets')) return 'facets';
          if (el.closest('.cards')) return 'results';
          return el.className || el.tagName; }"""))
    return seen


def test_skip_to_results_and_mobile_focus_reaches_results_before_facets(page, walk_server):
    page.set_viewport_size(VIEWPORTS["mobile"])
    page.goto(f"{walk_server}/search?q=세포배양기")
    order = _tab_order(page, 60)
    assert "results" in order and "facets" in order
    assert order.index("results") < order.index("facets")  # facets sit below results on screen

    page.goto(f"{walk_server}/search?q=세포배양기")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.evaluate("() => document.activeElement.textContent.trim()")
    assert skip == "검색 결과로 건너뛰기"
    reloads = []
    page.on("request", lambda r: reloads.append(r.url) if "partial=1" in r.url else None)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.wait_for_load_state("networkidle")
    assert reloads == []  # the jump does not refetch the results (that would drop the focus)
    where = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
    assert page.evaluate("() => !!document.activeElement.closest('.cards')"), where


def test_the_demo_banner_is_inside_a_landmark(page, walk_server):
    page.goto(f"{walk_server}/")
    assert page.locator("header .notice, main .notice, [role=region] .notice, aside .notice").count() == 1


def test_chart_labels_of_the_longest_cluster_names_fit_the_chart(page):
    """Every label is shown whole (wrapped, never cut) inside the chart, and drawn at 12 px or more
    on a phone as on a desktop (a scaled SVG drew them about 6 px tall at 390 px)."""
    from clusterhub.inquiries import charts
    from schemas import load_clusters

    names = sorted((c["name"]["ko"] for c in load_clusters()), key=len, reverse=True)[:5]
    rows = [(name, 40 - i) for i, name in enumerate(names)] + [("가" * 80, 2), ("Daegu-Gyeongbuk Advanced Medical Complex (K-MEDIhub) " * 3, 1)]
    css = (Path(__file__).resolve().parents[4] / "platform/clusterhub/static/css/site.css").read_text()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.set_content(f"<html lang='ko'><head><style>{css}</style></head>"
                         f"<body><main class='wrap'>{charts.bars(rows, 'test')}</main></body></html>")
        assert clipped_chart_labels(page) == []
        assert overflows(page) == 0
        shown = page.locator(".chart .chart-label").all_inner_texts()
        assert shown == [label.strip() for label, _n in rows]  # whole, not cut
        assert min(chart_text_sizes(page)) >= 12
        assert page.get_by_role("img", name="test").count() == 1


NAV_LINES = """() => new Set([...document.querySelectorAll('.main-nav > *')].filter(e => e.offsetParent)
  .map(e => Math.round(e.getBoundingClientRect().top))).size"""


@pytest.mark.parametrize("role", ["admin", "curator"])
def test_the_staff_navigation_fits_two_lines_on_a_phone_and_opens_without_script(browser, walk_server, role):
    """Staff hold the most links: on a 390 px phone the main navigation still takes at most two
    lines, its staff tools sit in one menu that opens from the keyboard with JavaScript off, and
    on a desktop the navigation is one line."""
    context = browser.new_context(locale="ko-KR", java_script_enabled=False, viewport=VIEWPORTS["mobile"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, walk_server, ROLES[role][0], PASSWORD, "/")
        assert page.evaluate(NAV_LINES) <= 2
        curation = page.locator(".main-nav a[href='/curation']")
        assert not curation.is_visible()
        page.locator(".main-nav .nav-menu:not(.nav-account) > summary").focus()
        page.keyboard.press("Enter")
        assert curation.is_visible()
        assert overflows(page) == 0
        curation.click()
        page.wait_for_url(f"{walk_server}/curation")
        page.set_viewport_size(VIEWPORTS["desktop"])
        assert page.evaluate(NAV_LINES) == 1
    finally:
        context.close()


@pytest.mark.parametrize("role", ["admin", "member"])
def test_an_english_navigation_fits_two_lines_on_a_phone_with_the_account_in_a_menu(browser, walk_server, role):
    """English labels are the longest: an admin's (staff menu) and a member's (the most personal
    links) navigation takes at most two lines at 390 px even with a count on the basket; the person's
    own pages, the account and logging out sit in a menu named by them that opens from the keyboard
    without script; the dashboard's chart labels are drawn at 12 px or more on the phone."""
    context = browser.new_context(locale="en-US", java_script_enabled=False, viewport=VIEWPORTS["mobile"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, walk_server, ROLES[role][0], PASSWORD, "/")
        page.goto(f"{walk_server}/lang/en?next=/listings/{LISTING}")
        page.locator("form.basket-add button[type=submit]").click()
        page.wait_for_url(f"{walk_server}/basket")
        if role == "admin":  # a request, so that the dashboard draws its charts
            page.fill("#need", "LC-MS quantitation of a small molecule in plasma.")
            page.fill("#timeline", "by June")
            page.check("input[name=consent]")
            page.click("form.request-form button[type=submit]")
            page.wait_for_url(re.compile(r"/my/requests/\d+$"))
            page.goto(f"{walk_server}/listings/{LISTING}")
            page.locator("form.basket-add button[type=submit]").click()
        page.goto(f"{walk_server}/")
        assert "(1)" in page.locator(".main-nav > a[href='/basket']").inner_text()  # the longest basket label
        assert page.evaluate(NAV_LINES) <= 2
        tops = page.locator(".main-nav > *").evaluate_all(
            "es => es.filter(e => e.offsetParent).map(e => e.getBoundingClientRect())"
                  ".map(b => [Math.round(b.top), Math.round(b.bottom)])")
        one_line = max(bottom - top for top, bottom in tops)
        box = page.locator(".main-nav").bounding_box()
        assert box["height"] < 2 * one_line + 16, (box, tops)  # two lines and their gap, not three
        mine = page.locator(".main-nav a[href='/my/requests']")
        assert not mine.is_visible()
        page.locator(".nav-account > summary").focus()
        page.keyboard.press("Enter")
        assert mine.is_visible() and page.locator(".nav-account button[type=submit]").is_visible()
        assert overflows(page) == 0
        if role == "admin":
            page.goto(f"{walk_server}/dashboard")
            assert page.locator("div.chart").count() == 3
            assert min(chart_text_sizes(page)) >= 12
            assert clipped_chart_labels(page) == [] and overflows(page) == 0
        page.goto(f"{walk_server}/clusters")
        page.locator(".nav-account > summary").click()
        page.locator(".nav-account button[type=submit]").click()  # logging out from the menu
        page.wait_for_url(f"{walk_server}/")
        assert page.locator(".main-nav a[href^='/login']").count() == 1
    finally:
        context.close()
