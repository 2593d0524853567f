"""Tickets: who may see them, status changes, quotes and messages, each one timestamped."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ..auth import Principal
from ..auth.models import User
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..models import utcnow
from . import mail, requests
from .models import InquiryRequest, Ticket, TicketEvent

STATUSES = ("received", "reviewing", "quoted", "in_progress", "completed", "declined")
OPEN = ("received", "reviewing", "quoted", "in_progress")
NEXT = {"received": ("reviewing", "quoted", "declined"),
        "reviewing": ("quoted", "in_progress", "declined"),
        "quoted": ("in_progress", "declined"),
        "in_progress": ("completed", "declined"),
        "completed": (), "declined": ()}


def side(s: Session, user: Principal, ticket: Ticket) -> str:
    """"cluster" for its operators (and admins), "company" for the requesting company; else Forbidden."""
    if user.operates(ticket.cluster):
        return "cluster"
    if requests.can_see(s, user, s.get(InquiryRequest, ticket.request_id)):
        return "company"
    raise Forbidden("Only the cluster's operators and the requesting company may see this ticket.")


def get_for(s: Session, user: Principal, ticket_id: int) -> tuple[Ticket, str]:
    ticket = s.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFound(f"No ticket #{ticket_id}.")
    return ticket, side(s, user, ticket)


def inbox(s: Session, user: Principal, cluster: str | None = None) -> list[Ticket]:
    """The tickets of the operator's cluster (admins: every cluster, or the one asked for)."""
    cluster = cluster if user.role == "admin" else user.cluster
    query = select(Ticket).order_by(Ticket.id.desc())
    if cluster:
        query = query.where(Ticket.cluster == cluster)
    elif user.role != "admin":
        return []
    return list(s.exec(query))


def events(s: Session, ticket_id: int) -> list[TicketEvent]:
    return list(s.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket_id)
                       .order_by(TicketEvent.at, TicketEvent.id)))


def _touch(s: Session, ticket: Ticket, user: Principal, who: str, **event) -> None:
    now = utcnow()
    if who == "cluster" and ticket.first_response_at is None:
        ticket.first_response_at = now
    ticket.updated_at = now
    s.add(ticket)
    s.add(TicketEvent(ticket_id=ticket.id, author_id=user.id, author_side=who, at=now, **event))


def _notify_other_side(s: Session, ticket: Ticket, who: str, subject: str, body: str) -> None:
    if who == "cluster":
        requester = s.get(User, s.get(InquiryRequest, ticket.request_id).user_id)
        recipients = [requester.email] if requester else []
    else:
        recipients = mail.operators_of(s, ticket.cluster)
    for to in recipients:
        mail.send(s, to, f"[ClusterHub] #{ticket.id} {subject}", body)


def change_status(s: Session, user: Principal, ticket_id: int, status: str, reason: str = "") -> Ticket:
    """Move a ticket along received → reviewing → quoted → in progress → completed, or decline it."""
    ticket, who = get_for(s, user, ticket_id)
    if who != "cluster":
        raise Forbidden("Only the cluster's operators change a ticket's status.")
    if status not in NEXT.get(ticket.status, ()):
        raise Conflict(f"A ticket that is {ticket.status} cannot become {status}.")
    reason = (reason or "").strip()
    if status == "declined" and not reason:
        raise Invalid("Say why the request is declined.", [{"path": "reason", "message": "Give a reason."}])
    if status == "quoted" and ticket.quote_amount is None:
        raise Invalid("Send a quote with an amount and a validity date.")
    ticket.status = status
    ticket.decline_reason = reason[:1000] if status == "declined" else ticket.decline_reason
    _touch(s, ticket, user, "cluster", kind="status", status=status, body=reason)
    note = {"completed": "완료되었습니다. 만족도 조사에 답해 주세요 / Completed: please answer the survey"}
    _notify_other_side(s, ticket, "cluster", f"상태/status: {status}",
                       note.get(status, reason or status) + f"\n/my/requests/{ticket.request_id}")
    return ticket


def quote(s: Session, user: Principal, ticket_id: int, amount: str, valid_until: str) -> Ticket:
    """Record a quote (KRW amount, valid until a date) and mark the ticket quoted."""
    ticket, who = get_for(s, user, ticket_id)
    if who != "cluster":
        raise Forbidden("Only the cluster's operators send quotes.")
    if ticket.status not in ("received", "reviewing", "quoted"):
        raise Conflict(f"A ticket that is {ticket.status} cannot be quoted.")
    errors = []
    try:
        value = int(str(amount).replace(",", "").strip())
        if value < 0:
            raise ValueError
    except ValueError:
        errors.append({"path": "amount", "message": "Give the amount in won as a whole number."})
    try:
        until = date.fromisoformat(str(valid_until).strip())
        if until < utcnow().date():
            errors.append({"path": "valid_until", "message": "The validity date is in the past."})
    except ValueError:
        errors.append({"path": "valid_until", "message": "Give the validity as a date (YYYY-MM-DD)."})
    if errors:
        raise Invalid("The quote could not be sent.", errors)
    ticket.quote_amount, ticket.quote_valid_until, ticket.status = value, until, "quoted"
    _touch(s, ticket, user, "cluster", kind="status", status="quoted",
           body=f"₩{value:,} ~ {until.isoformat()}")
    _notify_other_side(s, ticket, "cluster", "견적/quote", f"₩{value:,} (~{until.isoformat()})")
    return ticket


def post_message(s: Session, user: Principal, ticket_id: int, body: str) -> Ticket:
    """A message from either side; the cluster's first one counts as its first response."""
    ticket, who = get_for(s, user, ticket_id)
    body = (body or "").strip()
    if not body:
        raise Invalid("Write a message.", [{"path": "body", "message": "Write a message."}])
    _touch(s, ticket, user, who, kind="message", body=body[:4000])
    _notify_other_side(s, ticket, who, "메시지/message", body[:1000])
    return ticket
