"""A pathway request: one inquiry request, one ticket per stage in order, one timeline for the company."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ..auth import MEMBER, Principal
from ..auth.roles import check_role
from ..errors import Forbidden, Invalid, NotFound
from ..inquiries import mail, requests as inquiries, tickets
from ..inquiries.holidays import kst_day
from ..inquiries.models import InquiryRequest, Ticket, TicketEvent
from ..messages import N_
from ..models import utcnow
from . import planner, timeline
from .models import Pathway, PathwayStage, PathwayTemplate


@dataclass
class Row:
    """A stage as its viewer may see it: the quote only for the company and the stage's own cluster."""

    stage: PathwayStage
    status: str
    dates: timeline.Dates
    quote: int | None
    ticket_id: int | None

    @property
    def late(self) -> bool:
        return self.dates.shift_days > 0


def submit(s: Session, user: Principal, template: PathwayTemplate, *, picks: dict[str, str],
           skips: set[str], need: str, budget: str, consent: bool, start: date | None = None,
           order: list[str] | None = None) -> Pathway:
    """Plan with the company's picks, then store one request and one ticket per planned stage."""
    check_role(user, MEMBER)
    p = planner.plan(s, template, picks=picks, skips=skips, start=start, order=order)
    need = (need or "").strip()
    errors = []
    if not p.chosen:
        errors.append({"path": "stages", "message": N_("Pick a provider for at least one stage.")})
    if not need:
        errors.append({"path": "need", "message": N_("Describe what you need.")})
    elif len(need) > inquiries.MAX_NEED:
        errors.append({"path": "need", "message": N_("Keep it under %(max)d characters."),
                       "params": {"max": inquiries.MAX_NEED}})
    if budget not in inquiries.BUDGETS:
        errors.append({"path": "budget", "message": N_("Choose a budget range.")})
    if not consent:
        errors.append({"path": "consent",
                       "message": N_("Agree to share the request with the clusters to send it.")})
    if errors:
        raise Invalid(N_("The pathway request could not be sent."), errors)
    title = template.data["title"]
    request = InquiryRequest(company_id=inquiries.company_of(s, user), user_id=user.id, need=need,
                             timeline=f"{title.get('ko') or title.get('en')} ({p.start.isoformat()}~)"[:200],
                             budget=budget, consent=True)
    s.add(request)
    s.flush()
    pathway = Pathway(request_id=request.id, template_key=template.key, template_version=template.version,
                      title=title, start_on=p.start)
    s.add(pathway)
    s.flush()
    for position, sp in enumerate(p.chosen):
        ticket = Ticket(request_id=request.id, cluster=sp.pick.cluster, listing_ids=[sp.pick.id],
                        categories=sorted(set(sp.pick.document.get("categories") or [])))
        s.add(ticket)
        s.flush()
        s.add(TicketEvent(ticket_id=ticket.id, kind="status", status="received", author_id=user.id,
                          author_side="company", at=ticket.created_at))
        s.add(PathwayStage(pathway_id=pathway.id, position=position, stage_key=sp.stage["key"],
                           title=sp.stage["title"], listing_id=sp.pick.id, cluster=sp.pick.cluster,
                           ticket_id=ticket.id, duration_days=sp.days, handoff=sp.stage["handoff"]))
        for to in mail.operators_of(s, sp.pick.cluster):
            mail.send(s, to, "pathway_request_new", ticket_id=ticket.id, requester=user.company or user.email,
                      position=position + 1, total=len(p.chosen), title=sp.stage["title"],
                      later=position > 0, need=need[:500], link=f"/pathways/requests/{pathway.id}")
    s.flush()
    return pathway


def stages_of(s: Session, pathway_id: int) -> list[PathwayStage]:
    return list(s.exec(select(PathwayStage).where(PathwayStage.pathway_id == pathway_id)
                       .order_by(PathwayStage.position)))


def neighbours(stages: list[PathwayStage], stage: PathwayStage) -> tuple[PathwayStage | None, PathwayStage | None]:
    """A stage's predecessor and successor in its pathway."""
    i = [st.id for st in stages].index(stage.id)
    return (stages[i - 1] if i else None), (stages[i + 1] if i + 1 < len(stages) else None)


def side(s: Session, user: Principal, pathway: Pathway) -> str:
    """"company", "curator" (foundation staff and admins) or "cluster" (operators of one of its
    stages); anyone else is Forbidden."""
    if inquiries.can_see(s, user, s.get(InquiryRequest, pathway.request_id)) and user.role != "admin":
        return "company"
    if user.has_role("curator"):
        return "curator"
    if user.role == "operator" and any(st.cluster == user.cluster for st in stages_of(s, pathway.id)):
        return "cluster"
    raise Forbidden(N_("Only the requesting company, the clusters of its stages and the foundation may "
                       "see this pathway."))


def get_for(s: Session, user: Principal, pathway_id: int) -> tuple[Pathway, str]:
    pathway = s.get(Pathway, pathway_id)
    if pathway is None:
        raise NotFound(N_("No pathway #%(id)s."), id=pathway_id)
    return pathway, side(s, user, pathway)


def rows(s: Session, user: Principal, pathway: Pathway, today: date | None = None) -> list[Row]:
    """The pathway's timeline as user may see it: every stage's status and expected dates; the
    quotes only of the stages user's side may see (a cluster never sees another cluster's quote)."""
    who = side(s, user, pathway)
    today = today or kst_day(utcnow())
    stages = stages_of(s, pathway.id)
    steps = [timeline.Step(st.duration_days, st.completed_on, st.revised_end) for st in stages]
    out = []
    for st, dates in zip(stages, timeline.schedule(pathway.start_on, steps, today)):
        ticket = s.get(Ticket, st.ticket_id)
        own = who in ("company", "curator") or user.operates(st.cluster)
        out.append(Row(st, ticket.status, dates, ticket.quote_amount if own else None,
                       st.ticket_id if own else None))
    return out


def mine(s: Session, user: Principal) -> list[Pathway]:
    ids = [r.id for r in inquiries.mine(s, user)]
    if not ids:
        return []
    return list(s.exec(select(Pathway).where(Pathway.request_id.in_(ids)).order_by(Pathway.id.desc())))


def of_ticket(s: Session, ticket_id: int) -> tuple[Pathway, PathwayStage] | None:
    stage = s.exec(select(PathwayStage).where(PathwayStage.ticket_id == ticket_id)).first()
    return (s.get(Pathway, stage.pathway_id), stage) if stage else None


def _on_status(s: Session, user: Principal, ticket: Ticket) -> None:
    """A stage's ticket completed: date it and tell the next stage's cluster (the company hears from
    the ticket itself)."""
    found = of_ticket(s, ticket.id)
    if found is None or ticket.status != "completed":
        return
    pathway, stage = found
    stage.completed_on = kst_day(utcnow())
    s.add(stage)
    _, successor = neighbours(stages_of(s, pathway.id), stage)
    if successor is None:
        return
    for to in mail.operators_of(s, successor.cluster):
        mail.send(s, to, "pathway_previous_done", ticket_id=successor.ticket_id, done=stage.title,
                  next=successor.title, consented=stage.handoff_consent_at is not None,
                  link=f"/pathways/requests/{pathway.id}")
    stage.notified_next_at = utcnow()


if _on_status not in tickets.ON_STATUS:
    tickets.ON_STATUS.append(_on_status)
