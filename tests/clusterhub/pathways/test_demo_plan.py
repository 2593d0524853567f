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
    # Every stage of the master plan's example is offered where the plan puts it, among the
    # candidates the company is shown (Daegu discovery and smart-factory production, Osong
    # marmoset preclinical and phase 1). The default pick may differ: a Daegu marmoset study
    # next to Daegu's production ranks higher for its easier hand-off, and says so.
    wanted = [("kmedihub", "신약"), ("kmedihub", "스마트공장"), ("kbiohealth", "마모셋"),
              ("kbiohealth", "임상 1상")]
    for stage, (cluster, word) in zip(example.stages, wanted):
        shown = [(c.cluster, c.document["title"]["ko"]) for c in stage.candidates[:planner.SHOWN]]
        assert any(c == cluster and word in t for c, t in shown), (stage.stage["key"], shown)
    assert [sp.pick.cluster for sp in example.stages][:2] == ["kmedihub", "kmedihub"]
    assert example.stages[3].pick.cluster == "kbiohealth"
    assert {key: [g.stage["key"] for g in p.gaps] for key, p in plans.items()} == {key: [] for key in plans}
