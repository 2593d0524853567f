"""Escalation of unanswered tickets to the foundation: after 3 working days without a first answer
(level 1: the intake desk and the cluster's operators are mailed) and again after 5 (level 2: the
intake desk and the administrators). `clusterhub tickets escalate` (deploy/systemd/
clusterhub-escalate.timer) runs `run`; a level is mailed once however often it runs."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, select

from .. import jobs, unit
from ..auth.models import User
from ..auth.roles import ADMIN
from ..models import utcnow
from . import mail, routing
from .holidays import kst_day, working_days_between
from .models import Ticket
from .tickets import OPEN

STEPS = {1: 3, 2: 5}  # level: working days without a first answer after which it is reached
TOP = max(STEPS)


def level_due(ticket: Ticket, now: datetime) -> int:
    """The escalation level an unanswered open ticket has reached by now (0: not late)."""
    if ticket.first_response_at is not None or ticket.status not in OPEN:
        return 0
    waited = working_days_between(ticket.created_at, now)
    return max((level for level, days in STEPS.items() if waited > days), default=0)


def _recipients(s: Session, ticket: Ticket, level: int) -> list[str]:
    desk = routing.intake_desk(s)
    extra = (list(routing.route(s, ticket.cluster).emails) if level == 1 else
             list(s.exec(select(User.email).where(User.role == ADMIN, User.active == True))))  # noqa: E712
    return sorted(set(desk) | set(extra))


def run(s: Session, now: datetime | None = None) -> list[tuple[Ticket, int]]:
    """Raise every late ticket to the level it has reached and mail that step once; returns
    (ticket, level) for each ticket raised. A ticket raised by a concurrent run is skipped."""
    now = now or utcnow()
    raised = []
    candidates = s.exec(select(Ticket).where(Ticket.first_response_at.is_(None),
                                             Ticket.status.in_(OPEN), Ticket.escalation_level < TOP)
                        .order_by(Ticket.id))
    for ticket in list(candidates):
        level = level_due(ticket, now)
        if level <= ticket.escalation_level:
            continue
        done = s.execute(sa.update(Ticket).where(Ticket.id == ticket.id,
                                                 Ticket.escalation_level == ticket.escalation_level)
                         .values(escalation_level=level, escalated_at=now))
        if done.rowcount != 1:
            continue
        s.refresh(ticket)
        waited = working_days_between(ticket.created_at, now)
        way = routing.route(s, ticket.cluster)
        for to in _recipients(s, ticket, level):
            mail.send(s, to, "escalation", level=level, ticket_id=ticket.id, cluster=ticket.cluster,
                      request_id=ticket.request_id, waited=waited,
                      received=kst_day(ticket.created_at).isoformat(),
                      due=routing.first_answer_due(ticket).isoformat(),
                      by_operators=way.kind == routing.OPERATORS, link=f"/tickets/{ticket.id}")
        raised.append((ticket, level))
    return raised


def job() -> list[tuple[int, str, int]]:
    """The job (`clusterhub tickets escalate` queues or runs it): run() in a unit of work, whose
    mail is delivered once it has committed; (ticket id, cluster, level) of each ticket raised."""
    with unit.begin(jobs.current().app) as u:
        return [(t.id, t.cluster, level) for t, level in run(u.session)]


def escalated(s: Session, now: datetime | None = None) -> list[dict]:
    """The escalated tickets still without a first answer, most urgent first (the dashboard's list)."""
    now = now or utcnow()
    rows = s.exec(select(Ticket).where(Ticket.escalation_level > 0, Ticket.first_response_at.is_(None),
                                       Ticket.status.in_(OPEN)))
    out = [{"ticket": t, "level": t.escalation_level, "waited": working_days_between(t.created_at, now),
            "due": routing.first_answer_due(t), "route": routing.route(s, t.cluster).kind} for t in rows]
    return sorted(out, key=lambda r: (-r["level"], -r["waited"], r["ticket"].id))
