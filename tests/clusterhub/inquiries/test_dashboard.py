"""The foundation dashboard's gap table: counts per normalised query from the search log, the
weightiest groups on the page and every group in the CSV."""
from __future__ import annotations

from datetime import date

from clusterhub import db
from clusterhub.inquiries import dashboard
from clusterhub.inquiries.models import SearchLog
from clusterhub.web.dashboard import GAP_ROWS
from tests.clusterhub.inquiries.conftest import signed_in

TODAY = date.today()


def test_gaps_count_zero_and_low_result_searches_per_query(world):
    with world.app_context(), db.session() as s:
        for q, n in (("영장류 독성", 0), ("영장류 독성", 0), ("영장류 독성", 2), ("영장류 독성", 9),
                     ("cryo-em", 1), ("", 0)):
            s.add(SearchLog(query=q, results=n, day=TODAY))
        s.commit()
        groups = {g["query"]: g for g in dashboard.gaps(s)}
    assert (groups["영장류 독성"]["zero"], groups["영장류 독성"]["low"]) == (2, 1)  # 9 results: no gap
    assert (groups["cryo-em"]["zero"], groups["cryo-em"]["low"]) == (0, 1)
    assert "" not in groups and list(groups)[0] == "영장류 독성"  # zero-result searches weigh more


def test_the_page_shows_the_weightiest_groups_and_the_csv_every_group(world):
    with world.app_context(), db.session() as s:
        for i in range(GAP_ROWS + 7):
            s.add(SearchLog(query=f"없는기술{i:03d}", results=0, day=TODAY))
        s.add(SearchLog(query="없는기술000", results=0, day=TODAY))  # searched twice: first row
        s.commit()
    staff = signed_in(world, "curator")
    page = staff.get("/dashboard", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert f"{GAP_ROWS + 7}개 묶음 중 비중이 큰 {GAP_ROWS}개" in page
    assert "없는기술000" in page and f"없는기술{GAP_ROWS - 1:03d}" in page  # 000 (twice) to 049 …
    assert f"없는기술{GAP_ROWS:03d}" not in page  # … but not 050: ties go by query
    csv = staff.get("/dashboard/gaps.csv").get_data(as_text=True)
    assert sum(1 for line in csv.splitlines() if line.startswith("없는기술")) == GAP_ROWS + 7
