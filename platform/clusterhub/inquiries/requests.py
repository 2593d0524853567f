"""Sending a request from the basket: one request, one ticket per cluster, attachments, notifications."""
from __future__ import annotations

from sqlmodel import Session, select

from ..auth import Principal
from ..auth.models import User
from ..errors import Forbidden, Invalid, NotFound
from ..messages import N_
from . import attachments, basket, mail, routing
from .models import Attachment, InquiryRequest, Ticket, TicketEvent

BUDGETS = ("undecided", "under_10m", "10m_50m", "50m_200m", "over_200m")
MAX_NEED = 4000


def company_of(s: Session, user: Principal) -> int | None:
    """The company id of user, or None."""
    row = s.get(User, user.id)
    return row.company_id if row else None


def submit(s: Session, user: Principal, listing_ids: list[str], *, need: str, timeline: str,
           budget: str, consent: bool, uploads: list[attachments.Upload]) -> InquiryRequest:
    """Store the request and split it into one ticket per cluster; Invalid names each wrong field."""
    need, timeline = (need or "").strip(), (timeline or "").strip()
    errors = []
    groups = basket.by_cluster(s, listing_ids)
    if not groups:
        errors.append({"path": "basket",
                       "message": N_("The basket is empty: add services, equipment or experts first.")})
    if not need:
        errors.append({"path": "need", "message": N_("Describe what you need.")})
    elif len(need) > MAX_NEED:
        errors.append({"path": "need", "message": N_("Keep it under %(max)d characters."),
                       "params": {"max": MAX_NEED}})
    if not timeline:
        errors.append({"path": "timeline", "message": N_("Say when you need it.")})
    if budget not in BUDGETS:
        errors.append({"path": "budget", "message": N_("Choose a budget range.")})
    if not consent:
        errors.append({"path": "consent",
                       "message": N_("Agree to share the request with the clusters to send it.")})
    try:
        files = attachments.check(uploads)
    except Invalid as exc:
        errors += exc.details
    if errors:
        raise Invalid(N_("The request could not be sent."), errors)
    request = InquiryRequest(company_id=company_of(s, user), user_id=user.id, need=need,
                             timeline=timeline[:200], budget=budget, consent=True)
    s.add(request)
    s.flush()
    for name, content_type, data in files:
        s.add(Attachment(request_id=request.id, filename=name, content_type=content_type,
                         size=len(data), data=data))
    for cluster, rows in sorted(groups.items()):
        categories = sorted({c for r in rows for c in r.document.get("categories", [])})
        ticket = Ticket(request_id=request.id, cluster=cluster, listing_ids=[r.id for r in rows],
                        categories=categories)
        s.add(ticket)
        s.flush()
        s.add(TicketEvent(ticket_id=ticket.id, kind="status", status="received", author_id=user.id,
                          author_side="company", at=ticket.created_at))
        way = routing.route(s, cluster)
        due = routing.first_answer_due(ticket).isoformat()
        for to in way.emails:
            mail.send(s, to, "request_new", ticket_id=ticket.id, intake=way.kind != routing.OPERATORS,
                      cluster=cluster, requester=user.company or user.email, need=need[:500], due=due,
                      link=f"/tickets/{ticket.id}")
    return request


def can_see(s: Session, user: Principal, request: InquiryRequest) -> bool:
    """Admins, the requester, and the members of the requester's company."""
    if user.role == "admin" or request.user_id == user.id:
        return True
    company = company_of(s, user) if user.role == "member" else None
    return company is not None and company == request.company_id


def get_for(s: Session, user: Principal, request_id: int) -> InquiryRequest:
    request = s.get(InquiryRequest, request_id)
    if request is None:
        raise NotFound(N_("No request #%(id)s."), id=request_id)
    if not can_see(s, user, request):
        raise Forbidden(N_("Only the company that sent this request may see it."))
    return request


def mine(s: Session, user: Principal) -> list[InquiryRequest]:
    """The requests of the user's company (or the user's own when without a company)."""
    query = select(InquiryRequest).order_by(InquiryRequest.id.desc())
    company = company_of(s, user)
    if company is not None:
        query = query.where(InquiryRequest.company_id == company)
    else:
        query = query.where(InquiryRequest.user_id == user.id)
    return list(s.exec(query))


def tickets_of(s: Session, request_id: int) -> list[Ticket]:
    return list(s.exec(select(Ticket).where(Ticket.request_id == request_id).order_by(Ticket.cluster)))


def attachments_of(s: Session, request_id: int) -> list[Attachment]:
    return list(s.exec(select(Attachment).where(Attachment.request_id == request_id)))
