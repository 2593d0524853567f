"""Coordination by the foundation: every pathway, its stalled stages and overdue hand-offs, one
message to every cluster of a pathway."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, select

from ..auth import CURATOR, Principal
from ..auth.models import Company, User
from ..auth.roles import check_role
from ..curation import audit
from ..errors import Invalid, NotFound
from ..inquiries import mail
from ..inquiries.holidays import kst_day
from ..inquiries.models import InquiryRequest, Ticket, TicketEvent
from ..messages import N_
from ..models import utcnow
from . import requests, timeline
from .models import Pathway

STALL_DAYS = 14     # an open stage with no change for this long is stalled
HANDOFF_DAYS = 7    # a finished stage whose next stage has not started this long after is overdue


@dataclass
class Overview:
    pathway: Pathway
    company: str
    current: str                     # the first stage not completed ("" when all are)
    stalled: list[str] = field(default_factory=list)
    overdue_handoffs: list[str] = field(default_factory=list)
    declined: list[str] = field(default_factory=list)
    end: date | None = None
    shift_days: int = 0


def _company(s: Session, pathway: Pathway) -> str:
    request = s.get(InquiryRequest, pathway.request_id)
    company = s.get(Company, request.company_id) if request.company_id else None
    user = s.get(User, request.user_id)
    return company.name if company else (user.email if user else "")


def overview(s: Session, user: Principal, today: date | None = None) -> list[Overview]:
    """Every pathway, newest first, with what needs the foundation's attention."""
    check_role(user, CURATOR)
    today = today or kst_day(utcnow())
    out = []
    for pathway in s.exec(select(Pathway).order_by(Pathway.id.desc())):
        stages = requests.stages_of(s, pathway.id)
        tickets = {t.id: t for t in s.exec(select(Ticket).where(Ticket.id.in_([st.ticket_id for st in stages])))}
        steps = [timeline.Step(st.duration_days, st.completed_on, st.revised_end) for st in stages]
        dates = timeline.schedule(pathway.start_on, steps, today)
        row = Overview(pathway, _company(s, pathway), "", end=dates[-1].end if dates else None,
                       shift_days=dates[-1].shift_days if dates else 0)
        for i, (st, when) in enumerate(zip(stages, dates)):
            ticket = tickets[st.ticket_id]
            name = st.title.get("ko") or st.title.get("en") or st.stage_key
            if ticket.status == "declined":
                row.declined.append(name)
            if ticket.status != "completed" and not row.current:
                row.current = name
            started = i == 0 or stages[i - 1].completed_on is not None
            if ticket.status not in ("completed", "declined") and started and (
                    kst_day(ticket.updated_at) <= today - timedelta(days=STALL_DAYS) or when.end <= today):
                row.stalled.append(name)
            if (i > 0 and stages[i - 1].completed_on is not None and ticket.status in ("received", "reviewing")
                    and stages[i - 1].completed_on <= today - timedelta(days=HANDOFF_DAYS)):
                row.overdue_handoffs.append(name)
        out.append(row)
    return out


def message_all(s: Session, user: Principal, pathway_id: int, body: str) -> int:
    """The foundation writes once to every cluster of a pathway: on each stage's ticket and by mail;
    returns the number of tickets written to."""
    check_role(user, CURATOR)
    pathway = s.get(Pathway, pathway_id)
    if pathway is None:
        raise NotFound(N_("No pathway #%(id)s."), id=pathway_id)
    body = (body or "").strip()
    if not body:
        raise Invalid(N_("Write a message."), [{"path": "body", "message": N_("Write a message.")}])
    stages = requests.stages_of(s, pathway.id)
    now = utcnow()
    for st in stages:
        s.add(TicketEvent(ticket_id=st.ticket_id, kind="message", body=body[:4000], author_id=user.id,
                          author_side="foundation", at=now))
    for cluster in sorted({st.cluster for st in stages}):
        for to in mail.operators_of(s, cluster):
            mail.send(s, to, "pathway_foundation_message", pathway_id=pathway.id, body=body[:2000],
                      link=f"/pathways/requests/{pathway.id}")
    audit.record(s, user, "pathway.message_all", f"pathway:{pathway.id}", reason=body[:1000],
                 after={"clusters": sorted({st.cluster for st in stages})})
    return len(stages)
