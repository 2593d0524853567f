"""An operator reads the console's connector table, finds an unknown word among the run's issues
(file, sheet, row, column), asks the foundation to map it with a note, and a curator finds the
note in the mapping queue: in Chromium, desktop and mobile."""
import re

from clusterhub import db
from clusterhub.sync import service
from tests.clusterhub.auth.browser import add_user, sign_in
from tests.conftest import build_app, serving

PASSWORD = "mapping password 1"
NOTE = "의료기기와 바이오소재가 섞인 융합 분야입니다"


def test_operator_asks_for_a_mapping_and_the_curator_sees_it(browser, tmp_path, screenshots):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'm.db'}")
    with app.test_request_context(), service.source_base_url() as url:
        report = service.sync_cluster("kmedihub", base_url=url)
    add_user(app, "op@example.org", "operator", password=PASSWORD, cluster="kmedihub")
    add_user(app, "cu@example.org", "curator", password=PASSWORD)
    contexts = []
    try:
        with serving(app) as base:
            context = browser.new_context(locale="ko-KR")
            contexts.append(context)
            page = context.new_page()
            page.set_default_timeout(10_000)
            sign_in(page, base, "op@example.org", PASSWORD, "/operator/kmedihub")
            table = page.locator("table.connector-settings")
            assert "kmedihub_inventory.xlsx [연구장비]" in table.inner_text()
            assert "KmedihubConnector" not in page.content() and "/connectors/samples" not in page.content()
            page.screenshot(path=str(screenshots / "operator-console.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=str(screenshots / "operator-console-mobile.png"), full_page=True)
            page.set_viewport_size({"width": 1280, "height": 900})

            page.goto(f"{base}/operator/kmedihub/runs/{report.run_id}")
            heads = page.locator("table.data thead th").all_inner_texts()
            assert heads[:4] == ["원본 파일", "시트", "행", "열"]
            row = page.locator("tr", has=page.locator("summary", has_text="이 용어의 매핑을 재단에 요청")).first
            assert "융합기타" in row.inner_text() and "kmedihub_inventory.xlsx" in row.inner_text()
            row.locator("summary").click()
            row.locator("textarea").fill(NOTE)
            row.locator("button").click()
            page.wait_for_url(re.compile(r"asked="))
            assert "재단에 요청했습니다" in page.locator("p.notice.success").inner_text()
            page.screenshot(path=str(screenshots / "operator-mapping-requested.png"), full_page=False)

            context = browser.new_context(locale="ko-KR")
            contexts.append(context)
            curator = context.new_page()
            sign_in(curator, base, "cu@example.org", PASSWORD, "/curation/categories")
            asked = curator.locator("tr.asked").first
            assert NOTE in asked.inner_text() and "op@example.org" in asked.inner_text()
            assert "KST" in asked.inner_text()
            curator.screenshot(path=str(screenshots / "curation-mapping-queue.png"), full_page=True)
    finally:
        for c in contexts:
            c.close()
        db.engine(app).dispose()
