"""What each side needs to read a ticket: listing titles, the requester and consented contact, the
sibling tickets of the same request, message authors, "waiting for you" flags, inbox filters."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from ..auth.models import Company, User
from ..catalog.models import Listing
from ..models import utcnow
from .models import InquiryRequest, Survey, Ticket, TicketEvent
from .tickets import OPEN, quote_answer, quote_expired

AGES = (3, 7, 30)  # inbox filter: received at least this many days ago


def titles(s: Session, listing_ids) -> dict[str, dict]:
    """{listing id: its title ({"ko", "en"})} for the ids that exist; the views fall back to the id."""
    ids = sorted(set(listing_ids))
    if not ids:
        return {}
    rows = s.exec(select(Listing.id, Listing.document).where(Listing.id.in_(ids)))
    return {i: (doc or {}).get("title") or {} for i, doc in rows}


def requester(s: Session, request: InquiryRequest) -> dict:
    """The requesting company and, when the company consented to share it, the contact person."""
    user = s.get(User, request.user_id)
    company = s.get(Company, request.company_id) if request.company_id else None
    out = {"company": company.name if company else "", "consent": request.consent,
           "name": "", "email": ""}
    if request.consent and user is not None:
        out.update(name=user.name, email=user.email)
    return out


def siblings(s: Session, ticket: Ticket) -> list[Ticket]:
    """The other tickets of the same request (other clusters): shown with their status only."""
    return list(s.exec(select(Ticket).where(Ticket.request_id == ticket.request_id, Ticket.id != ticket.id)
                       .order_by(Ticket.cluster)))


def authors(s: Session, events: list[TicketEvent]) -> dict[int, str]:
    """{user id: name (or e-mail)} of the people who wrote events."""
    ids = sorted({e.author_id for e in events if e.author_id is not None})
    if not ids:
        return {}
    return {i: name or email for i, name, email in s.exec(select(User.id, User.name, User.email)
                                                          .where(User.id.in_(ids)))}


def waiting_for_company(ticket: Ticket, events: list[TicketEvent], survey: Survey | None) -> str:
    """What the company should do now: "quote" (answer the open quote), "reply" (the cluster wrote
    last), "survey" (rate the completed work), or "" when nothing waits for it."""
    if ticket.status == "quoted" and quote_answer(events) is None and not quote_expired(ticket):
        return "quote"
    if ticket.status == "completed":
        return "" if survey is not None else "survey"
    messages = [e for e in events if e.kind == "message"]
    if ticket.status in OPEN and messages and messages[-1].author_side != "company":
        return "reply"
    return ""


def waiting_by_ticket(s: Session, rows: list[Ticket]) -> dict[int, str]:
    """waiting_for_company for each ticket of rows that waits (three queries in all)."""
    ids = [t.id for t in rows]
    if not ids:
        return {}
    events: dict[int, list[TicketEvent]] = {}
    for e in s.exec(select(TicketEvent).where(TicketEvent.ticket_id.in_(ids))
                    .order_by(TicketEvent.at, TicketEvent.id)):
        events.setdefault(e.ticket_id, []).append(e)
    surveys = {v.ticket_id: v for v in s.exec(select(Survey).where(Survey.ticket_id.in_(ids)))}
    out = {t.id: waiting_for_company(t, events.get(t.id, []), surveys.get(t.id)) for t in rows}
    return {i: w for i, w in out.items() if w}


def filter_inbox(rows: list[Ticket], status: str = "", age: str = "", listing: str = "",
                 now: datetime | None = None) -> list[Ticket]:
    """The inbox rows of one status, received at least age days ago, holding one listing (each optional)."""
    if status == "open":
        rows = [t for t in rows if t.status in OPEN]
    elif status:
        rows = [t for t in rows if t.status == status]
    if age.isdigit():
        cutoff = (now or utcnow()) - timedelta(days=int(age))
        rows = [t for t in rows if t.created_at <= cutoff]
    if listing:
        rows = [t for t in rows if listing in (t.listing_ids or [])]
    return rows


def requests_of(s: Session, rows: list[Ticket]) -> dict[int, InquiryRequest]:
    ids = sorted({t.request_id for t in rows})
    if not ids:
        return {}
    return {r.id: r for r in s.exec(select(InquiryRequest).where(InquiryRequest.id.in_(ids)))}


def companies(s: Session, requests: dict[int, InquiryRequest]) -> dict[int, str]:
    """{request id: company name} for the inbox."""
    ids = sorted({r.company_id for r in requests.values() if r.company_id})
    names = {i: name for i, name in s.exec(select(Company.id, Company.name).where(Company.id.in_(ids)))} if ids else {}
    return {i: names.get(r.company_id, "") for i, r in requests.items()}
