"""On the whole demo federation, the default plan of the small-molecule template is the master
plan's own example, and no shipped template has a gap."""
from __future__ import annotations

import pytest

from clusterhub import db
from clusterhub.pathways import planner, templates
from clusterhub.search import service
from clusterhub.search.params import SearchParams


@pytest.mark.slow
def test_the_demo_plans_the_master_plans_example(demo_app):
    with demo_app.app_context():
        for q in ("스마트공장", "smart factory"):
            assert service.run(SearchParams(q=q), facets=()).total >= 6, q
        with db.session() as s:
            plans = {t.key: planner.plan(s, t) for t in templates.active(s)}
            s.rollback()  # nothing to record: a gap would fail below
    example = plans["small_molecule"]
    assert [(sp.pick.cluster, sp.pick.document["title"]["ko"].split(":")[0].split("(")[0].strip())
            for sp in example.stages] == [
        ("kmedihub", "신약 후보물질 개발 전략 컨설팅"), ("kmedihub", "스마트공장 GMP 생산"),
        ("kbiohealth", "마모셋"), ("kbiohealth", "임상 1상 시험 수행")]
    assert {key: [g.stage["key"] for g in p.gaps] for key, p in plans.items()} == {key: [] for key in plans}
