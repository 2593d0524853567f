"""A pathway request: ordered tickets, notifications, what each side sees, hand-off consent, delays."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.curation import audit
from clusterhub.errors import Forbidden, Invalid
from clusterhub.inquiries import tickets
from clusterhub.inquiries.attachments import Upload
from clusterhub.inquiries.models import OutboxMail, Ticket
from clusterhub.pathways import handoffs, requests, templates

from .conftest import D1, D2, DAEGU, O1, O2, OSONG, who

PDF = Upload("coa.pdf", b"%PDF-1.4 certificate of analysis")


def _send(app, start=date(2027, 1, 4)):
    with app.app_context(), db.session() as s:
        pathway = requests.submit(s, who(app, "member"), templates.get(s, "small_molecule"), picks={},
                                  skips=set(), need="신규 저분자 항암 후보 개발", budget="over_200m",
                                  consent=True, start=start)
        return pathway.id


def _stages(app, pathway_id):
    with app.app_context(), db.session() as s:
        return requests.stages_of(s, pathway_id)


def _complete(app, operator, ticket_id):
    with app.app_context(), db.session() as s:
        for status in ("reviewing", "in_progress", "completed"):
            tickets.change_status(s, who(app, operator), ticket_id, status, no_quote=status == "in_progress")


def _mail_to(app, name):
    with app.app_context(), db.session() as s:
        return [m.subject for m in s.exec(select(OutboxMail).where(OutboxMail.to == f"{name}@example.org"))]


def test_one_ordered_ticket_per_stage_even_in_one_cluster(world):
    pathway_id = _send(world)
    stages = _stages(world, pathway_id)
    assert [(st.stage_key, st.listing_id) for st in stages] == [
        ("discovery", D1), ("production", D2), ("preclinical", O1), ("clinical", O2)]
    with world.app_context(), db.session() as s:
        ts = [s.get(Ticket, st.ticket_id) for st in stages]
        assert len({t.id for t in ts}) == 4 and len({t.request_id for t in ts}) == 1
        assert [t.cluster for t in ts] == [DAEGU, DAEGU, OSONG, OSONG]
        assert requests.neighbours(stages, stages[1]) == (stages[0], stages[2])
        assert requests.neighbours(stages, stages[0])[0] is None
    assert len([m for m in _mail_to(world, "daegu") if "새 연계 요청" in m]) == 2
    assert len([m for m in _mail_to(world, "osong") if "새 연계 요청" in m]) == 2


def test_the_next_stage_is_notified_when_the_previous_completes(world):
    pathway_id = _send(world)
    stages = _stages(world, pathway_id)
    _complete(world, "daegu", stages[0].ticket_id)
    assert not [m for m in _mail_to(world, "osong") if "이전 단계 완료" in m]
    _complete(world, "daegu", stages[1].ticket_id)
    assert [m for m in _mail_to(world, "osong") if "이전 단계 완료" in m] == [
        f"[ClusterHub] 이전 단계 완료 #{stages[2].ticket_id}"]  # Korean: osong chose no other language
    done = _stages(world, pathway_id)
    assert done[1].completed_on is not None and done[1].notified_next_at is not None
    assert done[2].completed_on is None


def test_each_cluster_sees_the_plan_but_not_other_clusters_quotes(world):
    pathway_id = _send(world)
    stages = _stages(world, pathway_id)
    with world.app_context(), db.session() as s:
        tickets.quote(s, who(world, "daegu"), stages[1].ticket_id, "150000000", "2099-12-31")
        pathway, _ = requests.get_for(s, who(world, "osong"), pathway_id)
        seen = requests.rows(s, who(world, "osong"), pathway)
        assert [r.stage.stage_key for r in seen] == ["discovery", "production", "preclinical", "clinical"]
        assert [r.status for r in seen] == ["received", "quoted", "received", "received"]
        assert seen[1].quote is None and seen[1].ticket_id is None and seen[2].ticket_id == stages[2].ticket_id
        assert requests.rows(s, who(world, "member"), pathway)[1].quote == 150_000_000
        for outsider in ("rival", "songdo"):
            with pytest.raises(Forbidden):
                requests.get_for(s, who(world, outsider), pathway_id)


def test_a_hand_off_travels_only_with_the_companys_recorded_consent(world):
    pathway_id = _send(world)
    production = _stages(world, pathway_id)[1]
    with world.app_context(), db.session() as s:
        handoffs.add(s, who(world, "daegu"), production.id, "배치 GMP-27-001, 비임상 시료 200 g", [PDF])
    with world.app_context(), db.session() as s:
        with pytest.raises(Forbidden):
            handoffs.package_for(s, who(world, "osong"), production.id)
        with pytest.raises(Forbidden):
            handoffs.consent(s, who(world, "daegu"), production.id)
        handoffs.consent(s, who(world, "member"), production.id)
    with world.app_context(), db.session() as s:
        package = handoffs.package_for(s, who(world, "osong"), production.id)
        assert package.note == "배치 GMP-27-001, 비임상 시료 200 g" and [f.filename for f in package.files] == ["coa.pdf"]
        [entry] = audit.search(s, action="pathway.handoff_consent")
        assert entry.actor == "member@example.org" and entry.after == {"from": DAEGU, "to": OSONG}
        # The stage after next never receives it.
        with pytest.raises(Forbidden):
            handoffs.package_for(s, who(world, "osong"), _stages(world, pathway_id)[0].id)


def test_a_delay_moves_the_later_stages(world):
    pathway_id = _send(world, start=date(2027, 1, 4))
    with world.app_context(), db.session() as s:
        pathway, _ = requests.get_for(s, who(world, "member"), pathway_id)
        on_time = requests.rows(s, who(world, "member"), pathway, today=date(2027, 1, 10))
        late = requests.rows(s, who(world, "member"), pathway, today=on_time[0].dates.end + timedelta(days=20))
    assert [r.dates.shift_days for r in on_time] == [0, 0, 0, 0]
    assert [r.dates.shift_days for r in late] == [20, 20, 20, 20]
    assert late[1].dates.start == on_time[1].dates.start + timedelta(days=20) and late[0].late


def test_a_revised_end_moves_the_later_stages_and_is_audited(world):
    pathway_id = _send(world, start=date.today())
    stages = _stages(world, pathway_id)
    with world.app_context(), db.session() as s:
        pathway, _ = requests.get_for(s, who(world, "member"), pathway_id)
        before = requests.rows(s, who(world, "member"), pathway)
        new_end = before[2].dates.end + timedelta(days=30)
        with pytest.raises(Forbidden):
            handoffs.revise_end(s, who(world, "daegu"), stages[2].id, new_end.isoformat())
        with pytest.raises(Invalid):
            handoffs.revise_end(s, who(world, "osong"), stages[2].id, "next month")
        handoffs.revise_end(s, who(world, "osong"), stages[2].id, new_end.isoformat(), reason="마모셋 수급 지연")
    with world.app_context(), db.session() as s:
        after = requests.rows(s, who(world, "member"), pathway)
        assert [a.dates.shift_days for a in after] == [0, 0, 30, 30]
        assert audit.search(s, action="pathway.revise_end")[0].reason == "마모셋 수급 지연"


@pytest.mark.postgres
def test_the_pathway_flow_on_postgresql(tmp_path, postgres_url):
    from .conftest import make_world

    app = make_world(tmp_path, url=postgres_url)
    try:
        pathway_id = _send(app)
        stages = _stages(app, pathway_id)
        assert [st.position for st in stages] == [0, 1, 2, 3]
        _complete(app, "daegu", stages[0].ticket_id)
        with app.app_context(), db.session() as s:
            handoffs.add(s, who(app, "daegu"), stages[0].id, "후보물질 120 g", [PDF])
            handoffs.consent(s, who(app, "member"), stages[0].id)
        with app.app_context(), db.session() as s:
            assert handoffs.package_for(s, who(app, "daegu"), stages[0].id).files[0].data == PDF.data
            assert requests.stages_of(s, pathway_id)[0].completed_on is not None
    finally:
        db.engine(app).dispose()
