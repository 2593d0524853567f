"""An operator starts a sync from the console in headless Chromium and watches its run page
follow it live: the page refreshes itself while the source is slow, then settles on the result."""
import re

from clusterhub import db
from clusterhub.sync import service
from tests.clusterhub.auth.browser import add_user, sign_in
from tests.clusterhub.web.conftest import SLOW_SOURCE_KEYS, slow_source
from tests.conftest import build_app, serving

PASSWORD = "operator password 1"


def test_operator_follows_a_sync_live(browser, tmp_path, screenshots):
    with slow_source() as (source, gate):
        gate.set()
        app = build_app(tmp_path, f"sqlite:///{tmp_path / 'o.db'}", CONNECTOR_BASE_URL=source.url, **SLOW_SOURCE_KEYS)
        with app.app_context():  # an earlier run gives the progress bar its estimate (800 records)
            assert service.sync_cluster("daedeok", base_url=source.url).ok
        add_user(app, "d@example.org", "operator", password=PASSWORD, cluster="daedeok")
        gate.clear()
        context = browser.new_context(locale="ko-KR")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            with serving(app) as url:
                sign_in(page, url, "d@example.org", PASSWORD, "/operator/daedeok")
                page.click("text=지금 동기화")
                page.wait_for_url(re.compile(r"/operator/daedeok/runs/\d+"))
                page.wait_for_selector("text=약 800건 중 200건 읽음")  # reached by refreshing
                assert page.locator(".sync-progress progress").get_attribute("value") == "25"
                assert "진행 중" in page.locator("h1").inner_text()
                page.screenshot(path=str(screenshots / "operator-sync-progress.png"), full_page=True)
                gate.set()
                page.wait_for_selector("h1 .outcome-succeeded", timeout=60_000)
                assert page.locator(".sync-progress").count() == 0
                assert "<dd>800</dd>" in page.content()
                page.screenshot(path=str(screenshots / "operator-sync-done.png"), full_page=True)
        finally:
            gate.set()
            context.close()
            db.engine(app).dispose()
