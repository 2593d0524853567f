"""The demo starts the plan's example in progress: stage 1 done and handed off, stage 2 working."""
from __future__ import annotations

from clusterhub import db
from clusterhub.auth import demo as auth_demo
from clusterhub.pathways import demo, handoffs, requests

from .conftest import D1, D2, O1, O2, who


def test_the_demo_pathway_is_the_plans_example_in_progress(world):
    with world.app_context():
        auth_demo.ensure_demo_accounts()
        with db.session() as s:
            pathway_id = demo.ensure_demo_pathway(s)
        with db.session() as s:
            assert demo.ensure_demo_pathway(s) is None  # once
            stages = requests.stages_of(s, pathway_id)
            assert [st.listing_id for st in stages] == [D1, D2, O1, O2]
            pathway, _ = requests.get_for(s, who(world, "osong"), pathway_id)
            rows = requests.rows(s, who(world, "osong"), pathway)
            assert [r.status for r in rows] == ["completed", "in_progress", "received", "received"]
            assert all(r.dates.shift_days == 0 for r in rows)
            assert handoffs.package_for(s, who(world, "daegu"), stages[0].id).note.startswith("후보물질 CHB-101")
