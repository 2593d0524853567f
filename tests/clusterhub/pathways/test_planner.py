"""The planner: candidates across clusters ranked by fit, then hand-off, turnaround, fee; gaps recorded."""
from __future__ import annotations

from datetime import date

from clusterhub import db
from clusterhub.inquiries import dashboard
from clusterhub.pathways import planner, templates

from .conftest import D1, D2, LISTINGS, O1, O2, OSONG, S1, S2, make_world


def _plan(app, **kw):
    with app.app_context(), db.session() as s:
        return planner.plan(s, templates.get(s, "small_molecule"), start=date(2027, 1, 4), **kw)


def _reasons(candidate):
    return [template % params for template, params in candidate.reasons]


def test_the_plans_example_comes_out_with_its_reasons(world):
    p = _plan(world)
    assert [st.pick.id for st in p.stages] == [D1, D2, O1, O2]
    discovery = p.stages[0]
    # Songdo is faster and cheaper, but Daegu's centre hands off to the smart factory next door.
    # Equal fit; the cheapest and fastest (medicinal chemistry) fits one stage word only: last.
    assert [c.id for c in discovery.candidates] == [D1, S1, S2]
    assert any(r.startswith("same complex as the stage") for r in _reasons(discovery.candidates[0]))
    assert not any(r.startswith("same") for r in _reasons(discovery.candidates[1]))
    assert "turnaround 30 days" in _reasons(discovery.candidates[1])
    assert "fee from 5,000,000 won" in _reasons(discovery.candidates[1])
    assert _reasons(p.stages[2].pick)[0] == "matches 5 of 5 stage words: 마모셋, 영장류, marmoset, primate, 독성"


def test_without_a_neighbour_next_door_turnaround_decides(world):
    p = _plan(world, skips={"production"})
    # Without the smart factory, Daegu's centre has no neighbour to hand off to: the faster,
    # cheaper service of equal fit wins.
    assert p.stages[0].candidates[0].id == S1
    assert p.stages[1].skipped and [st.pick.id for st in p.chosen] == [S1, O1, O2]


def test_picks_timeline_and_fee_range(world):
    p = _plan(world, picks={"discovery": S1})
    assert [st.pick.id for st in p.chosen] == [S1, D2, O1, O2]
    dates = [(st.dates.start.isoformat(), st.dates.end.isoformat()) for st in p.chosen]
    assert dates == [("2027-01-04", "2027-02-03"), ("2027-02-03", "2027-05-04"),
                     ("2027-05-04", "2027-10-01"), ("2027-10-01", "2028-05-28")]
    assert p.fee_range == (105_000_000, 309_000_000, 2)


def test_a_stage_no_cluster_offers_is_a_gap_in_the_report(tmp_path):
    without_clinic = {**LISTINGS, OSONG: [d for d in LISTINGS[OSONG] if d["source_id"] != "SV-O2"]}
    app = make_world(tmp_path, without_clinic)
    p = _plan(app)
    assert [g.stage["key"] for g in p.gaps] == ["clinical"]
    assert p.stages[3].pick is None and p.stages[2].pick.id == O1
    with app.app_context(), db.session() as s:
        [need] = planner.record_gaps(s, p)
        assert planner.record_gaps(s, p) == []  # once a day, however often the page is opened
    with app.app_context(), db.session() as s:
        [row] = [g for g in dashboard.gaps(s) if g["query"] == "임상시험"]
    assert row["needs"] == 1 and row["pathways"] == ["small_molecule/clinical"]


def test_the_gap_report_names_the_template_and_stage(tmp_path):
    from .conftest import signed_in

    app = make_world(tmp_path, {**LISTINGS, OSONG: [d for d in LISTINGS[OSONG] if d["source_id"] != "SV-O2"]})
    app.test_client().get("/pathways/small_molecule")
    curator = signed_in(app, "curator")
    assert "small_molecule/clinical" in curator.get("/dashboard").get_data(as_text=True)
    csv = curator.get("/dashboard/gaps.csv").get_data(as_text=True)
    assert "pathway_stages" in csv.splitlines()[0] and "small_molecule/clinical" in csv
