"""The foundation sees every pathway, its stalled stages and overdue hand-offs, and writes to all clusters."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.errors import Forbidden
from clusterhub.inquiries import tickets
from clusterhub.inquiries.holidays import kst_day
from clusterhub.inquiries.models import OutboxMail, TicketEvent
from clusterhub.models import utcnow
from clusterhub.pathways import coordination, requests, templates

from .conftest import signed_in, who


def _send(app):
    with app.app_context(), db.session() as s:
        return requests.submit(s, who(app, "member"), templates.get(s, "small_molecule"), picks={}, skips=set(),
                               need="연계 개발", budget="over_200m", consent=True).id


def test_stalled_stages_and_overdue_hand_offs(world):
    pathway_id = _send(world)
    with world.app_context(), db.session() as s:
        stages = requests.stages_of(s, pathway_id)
        for status in ("reviewing", "in_progress", "completed"):
            tickets.change_status(s, who(world, "daegu"), stages[0].ticket_id, status,
                                  no_quote=status == "in_progress")
    today = kst_day(utcnow())
    with world.app_context(), db.session() as s:
        [now] = coordination.overview(s, who(world, "curator"), today)
        later = coordination.overview(s, who(world, "curator"), today + timedelta(days=coordination.STALL_DAYS))[0]
        with pytest.raises(Forbidden):
            coordination.overview(s, who(world, "daegu"))
    assert now.company == "한빛제약" and now.current == "GMP 생산 (스마트공장)"
    assert now.stalled == [] and now.overdue_handoffs == []
    # Two weeks on, the smart factory has not moved: stalled, and its hand-off is overdue.
    assert later.stalled == ["GMP 생산 (스마트공장)"] and later.overdue_handoffs == ["GMP 생산 (스마트공장)"]
    with world.app_context(), db.session() as s:
        tickets.change_status(s, who(world, "osong"), stages[3].ticket_id, "declined", "1상 시설 점검 중")
        [declined] = coordination.overview(s, who(world, "curator"), today)
    assert declined.declined == ["임상시험"]


def test_one_message_reaches_every_cluster_of_the_pathway(world):
    pathway_id = _send(world)
    curator = signed_in(world, "curator")
    page = curator.get("/pathways/coordination").get_data(as_text=True)
    assert f'id="p{pathway_id}"' in page and "한빛제약" in page
    assert curator.post(f"/pathways/requests/{pathway_id}/message", data={"body": ""}).status_code == 422
    r = curator.post(f"/pathways/requests/{pathway_id}/message", data={"body": "다음 주 합동 점검 회의를 엽니다."})
    assert r.status_code == 303
    with world.app_context(), db.session() as s:
        events = list(s.exec(select(TicketEvent).where(TicketEvent.author_side == "foundation")))
        mails = [m.to for m in s.exec(select(OutboxMail).where(OutboxMail.subject.contains("재단 안내")))]
    assert len(events) == 4 and sorted(mails) == ["daegu@example.org", "osong@example.org"]
    assert signed_in(world, "daegu").post(f"/pathways/requests/{pathway_id}/message",
                                          data={"body": "x"}).status_code == 403
