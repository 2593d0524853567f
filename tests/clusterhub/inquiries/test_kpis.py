"""KPIs carry their sample size: the dashboard shows n beside every median and rate, and no median
or rate is a headline (cluster page, inbox) below the minimum n (KPI_MIN_N)."""
from __future__ import annotations

from clusterhub import db
from tests.clusterhub.inquiries.conftest import A, make_world
from tests.clusterhub.inquiries.test_reports import _completed_tickets
from tests.clusterhub.inquiries.conftest import signed_in


def stats(page: str) -> str:
    """The cluster page's request statistics block."""
    start = page.index('class="fields cluster-stats"')
    return page[start:page.index("</dl>", start)]


def test_one_answered_ticket_is_no_headline(world):
    _completed_tickets(world, 1)
    cluster = stats(world.test_client().get(f"/clusters/{A}").get_data(as_text=True))
    assert "100%" not in cluster and 'class="kpi-too-few"' in cluster
    inbox = signed_in(world, "operator_a").get("/inbox").get_data(as_text=True)
    assert 'class="kpi-too-few"' in inbox and "100%" not in inbox
    staff = signed_in(world, "curator")
    csv = staff.get("/dashboard/clusters.csv").get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert csv[0].startswith("cluster,tickets,answered,median_hours,within_share,surveys")
    assert csv[1].startswith(f"{A},1,1,")  # the median of one ticket, with its n = 1


def test_the_minimum_is_a_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("KPI_MIN_N", "1")
    app = make_world(tmp_path)
    try:
        assert app.config["KPI_MIN_N"] == 1
        _completed_tickets(app, 1)
        cluster = stats(app.test_client().get(f"/clusters/{A}").get_data(as_text=True))
        assert "100%" in cluster and "(n = 1)" in cluster
    finally:
        db.engine(app).dispose()
