"""Tickets: who may see them, status changes, quotes and their answers, messages, each one timestamped."""
from __future__ import annotations

from datetime import date
from typing import Callable

from sqlmodel import Session, select

from ..auth import Principal
from ..auth.models import User
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..messages import N_
from ..models import utcnow
from ..auth.roles import CURATOR
from . import mail, requests, routing
from .holidays import kst_day
from .models import InquiryRequest, Ticket, TicketEvent

STATUSES = ("received", "reviewing", "quoted", "in_progress", "completed", "declined")
OPEN = ("received", "reviewing", "quoted", "in_progress")
NEXT = {"received": ("reviewing", "quoted", "in_progress", "declined"),
        "reviewing": ("quoted", "in_progress", "declined"),
        "quoted": ("in_progress", "declined"),
        "in_progress": ("completed", "declined"),
        "completed": (), "declined": ()}
# Features that follow a ticket's status register here (pathways: tell the next stage); the
# inquiries package never imports them. Each runs in the status change's transaction.
ON_STATUS: list[Callable[[Session, Principal, Ticket], None]] = []
DECISIONS = ("accepted", "rejected")  # the company's answer to a quote (TicketEvent kind "quote")
ANSWERED = {"accepted": N_("This quote was already accepted on %(date)s; a new quote from the cluster can be "
                           "answered again."),
            "rejected": N_("This quote was already rejected on %(date)s; a new quote from the cluster can be "
                           "answered again.")}


def answers_for(s: Session, user: Principal, ticket: Ticket) -> bool:
    """True for those who answer the ticket: its cluster's operators and admins, and the curators
    of the foundation's intake desk when the cluster has no operator."""
    return user.operates(ticket.cluster) or (user.role == CURATOR and not routing.has_operators(s, ticket.cluster))


def side(s: Session, user: Principal, ticket: Ticket) -> str:
    """"cluster" for its operators (and admins), "company" for the requesting company; else Forbidden."""
    if answers_for(s, user, ticket):
        return "cluster"  # curators answer as the intake desk for a cluster without operators
    if requests.can_see(s, user, s.get(InquiryRequest, ticket.request_id)):
        return "company"
    raise Forbidden(N_("Only the cluster's operators and the requesting company may see this ticket."))


def get_for(s: Session, user: Principal, ticket_id: int) -> tuple[Ticket, str]:
    ticket = s.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFound(N_("No ticket #%(id)s."), id=ticket_id)
    return ticket, side(s, user, ticket)


def acting(s: Session, user: Principal, ticket_id: int, only: str, refusal: str) -> Ticket:
    """The ticket, when user acts on it from the side `only` ("cluster" or "company"); else
    Forbidden(refusal)."""
    ticket, who = get_for(s, user, ticket_id)
    if who != only:
        raise Forbidden(refusal)
    return ticket


def inbox(s: Session, user: Principal, cluster: str | None = None) -> list[Ticket]:
    """The tickets of the operator's cluster (admins: every cluster, or the one asked for; curators:
    the clusters without operators, whose tickets the foundation's intake desk answers)."""
    query = select(Ticket).order_by(Ticket.id.desc())
    if user.role == CURATOR:
        rows = list(s.exec(query.where(Ticket.cluster == cluster) if cluster else query))
        intake = {c for c in {t.cluster for t in rows} if not routing.has_operators(s, c)}
        return [t for t in rows if t.cluster in intake]
    cluster = cluster if user.role == "admin" else user.cluster
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
    author = "foundation" if who == "cluster" and user.role == CURATOR else who
    s.add(TicketEvent(ticket_id=ticket.id, author_id=user.id, author_side=author, at=now, **event))


def _notify_other_side(s: Session, ticket: Ticket, who: str, template: str, **context) -> None:
    """Mail the side that did not act: templates/mail/<template>.txt, linking its own page."""
    link = f"/my/requests/{ticket.request_id}" if who == "cluster" else f"/tickets/{ticket.id}"
    if who == "cluster":
        requester = s.get(User, s.get(InquiryRequest, ticket.request_id).user_id)
        recipients = [requester.email] if requester else []
    else:
        recipients = list(routing.route(s, ticket.cluster).emails)
    for to in recipients:
        mail.send(s, to, template, ticket_id=ticket.id, link=link, **context)


NO_QUOTE = "no_quote"  # the note of a start without a quote; pages, the API and mail say it in their reader's language
NOTES = (NO_QUOTE,)


def _check_start(s: Session, ticket: Ticket, no_quote: bool) -> str:
    """The work starts on an accepted quote, or without a quote when the cluster says none is
    needed (free use, a consultation): the note of the status event ("" or NO_QUOTE); else Conflict."""
    if ticket.status == "quoted":
        answer = quote_answer(events(s, ticket.id))
        if answer is None or answer.status != "accepted":
            raise Conflict(N_("The work starts once the company has accepted the quote; it has not "
                              "(ticket #%(id)s)."), id=ticket.id)
        return ""
    if not no_quote:
        raise Conflict(N_("Send a quote and wait for the company to accept it, or tick \"no quote "
                          "needed\", before starting the work on ticket #%(id)s."), id=ticket.id)
    return NO_QUOTE


def change_status(s: Session, user: Principal, ticket_id: int, status: str, reason: str = "",
                  no_quote: bool = False) -> Ticket:
    """Move a ticket along received → reviewing → quoted → in progress → completed, or decline it.
    In progress needs the company's acceptance of the quote, or no_quote (an explicit "no quote needed")."""
    ticket = acting(s, user, ticket_id, "cluster", N_("Only the cluster's operators change a ticket's status."))
    if status not in NEXT.get(ticket.status, ()):
        raise Conflict(N_("A ticket that is %(status)s cannot become %(next)s."),
                       status=ticket.status, next=status)
    reason = (reason or "").strip()
    if status == "declined" and not reason:
        raise Invalid(N_("Say why the request is declined."),
                      [{"path": "reason", "message": N_("Give a reason.")}])
    if status == "quoted" and ticket.quote_amount is None:
        raise Invalid(N_("Send a quote with an amount and a validity date."))
    note = ""
    if status == "in_progress":
        reason, note = "", _check_start(s, ticket, no_quote)
    ticket.status = status
    ticket.decline_reason = reason[:1000] if status == "declined" else ticket.decline_reason
    _touch(s, ticket, user, "cluster", kind="status", status=status, body=reason, note=note)
    _notify_other_side(s, ticket, "cluster", "ticket_status", status=status, reason=reason, note=note)
    for hook in ON_STATUS:
        hook(s, user, ticket)
    return ticket


def quote(s: Session, user: Principal, ticket_id: int, amount: str, valid_until: str) -> Ticket:
    """Record a quote (KRW amount, valid until a date) and mark the ticket quoted."""
    ticket = acting(s, user, ticket_id, "cluster", N_("Only the cluster's operators send quotes."))
    if ticket.status not in ("received", "reviewing", "quoted"):
        raise Conflict(N_("A ticket that is %(status)s cannot be quoted."), status=ticket.status)
    errors = []
    try:
        value = int(str(amount).replace(",", "").strip())
        if value < 0:
            raise ValueError
    except ValueError:
        errors.append({"path": "amount", "message": N_("Give the amount in won as a whole number.")})
    try:
        until = date.fromisoformat(str(valid_until).strip())
        if until < kst_day(utcnow()):  # the same day as quote_expired: Korea's
            errors.append({"path": "valid_until", "message": N_("The validity date is in the past.")})
    except ValueError:
        errors.append({"path": "valid_until", "message": N_("Give the validity as a date (YYYY-MM-DD).")})
    if errors:
        raise Invalid(N_("The quote could not be sent."), errors)
    ticket.quote_amount, ticket.quote_valid_until, ticket.status = value, until, "quoted"
    _touch(s, ticket, user, "cluster", kind="status", status="quoted",
           body=f"₩{value:,} ~ {until.isoformat()}")
    _notify_other_side(s, ticket, "cluster", "ticket_quote", amount=value, until=until.isoformat())
    return ticket


def post_message(s: Session, user: Principal, ticket_id: int, body: str) -> Ticket:
    """A message from either side; the cluster's first one counts as its first response."""
    ticket, who = get_for(s, user, ticket_id)
    body = (body or "").strip()
    if not body:
        raise Invalid(N_("Write a message."), [{"path": "body", "message": N_("Write a message.")}])
    _touch(s, ticket, user, who, kind="message", body=body[:4000])
    _notify_other_side(s, ticket, who, "ticket_message", body=body[:1000])
    return ticket


def quote_answer(events: list[TicketEvent]) -> TicketEvent | None:
    """The company's answer to the current quote (the last one sent), or None while it has none."""
    answer = None
    for event in events:
        if event.kind == "status" and event.status == "quoted":
            answer = None  # a new quote opens a new answer
        elif event.kind == "quote":
            answer = event
    return answer


def quote_answers(s: Session, rows: list[Ticket]) -> dict[int, TicketEvent]:
    """The answers to the current quotes of the quoted tickets among rows, by ticket id (one query)."""
    ids = [t.id for t in rows if t.status == "quoted"]
    if not ids:
        return {}
    found = s.exec(select(TicketEvent).where(TicketEvent.ticket_id.in_(ids), TicketEvent.kind != "message")
                   .order_by(TicketEvent.at, TicketEvent.id))
    by_ticket: dict[int, list[TicketEvent]] = {}
    for event in found:
        by_ticket.setdefault(event.ticket_id, []).append(event)
    answers = {i: quote_answer(events) for i, events in by_ticket.items()}
    return {i: a for i, a in answers.items() if a is not None}


def quote_expired(ticket: Ticket) -> bool:
    """True once the quote's validity date has passed in Korea."""
    return ticket.quote_valid_until is not None and ticket.quote_valid_until < kst_day(utcnow())


def answer_quote(s: Session, user: Principal, ticket_id: int, decision: str, reason: str = "") -> Ticket:
    """The requesting company accepts or rejects the current quote, once, while it is valid.

    The status stays quoted either way: after an acceptance the cluster starts the work (in
    progress); after a rejection, which needs a reason, it may send a new quote or decline."""
    ticket = acting(s, user, ticket_id, "company", N_("Only the requesting company accepts or rejects a quote."))
    if ticket.status != "quoted" or ticket.quote_amount is None:
        raise Conflict(N_("There is no open quote to answer: the ticket is %(status)s."), status=ticket.status)
    earlier = quote_answer(events(s, ticket.id))
    if earlier is not None:
        raise Conflict(ANSWERED[earlier.status], date=kst_day(earlier.at).isoformat())
    if quote_expired(ticket):
        raise Conflict(N_("The quote expired on %(date)s; ask the cluster for a new one."),
                       date=ticket.quote_valid_until.isoformat())
    reason = (reason or "").strip()
    if decision not in DECISIONS:
        raise Invalid(N_("The quote could not be answered."),
                      [{"path": "decision", "message": N_("Choose accepted or rejected.")}])
    if decision == "rejected" and not reason:
        raise Invalid(N_("The quote could not be answered."),
                      [{"path": "reason", "message": N_("Say why you reject the quote.")}])
    _touch(s, ticket, user, "company", kind="quote", status=decision, body=reason[:1000])
    _notify_other_side(s, ticket, "company", "ticket_quote_answer", decision=decision,
                       amount=ticket.quote_amount, until=ticket.quote_valid_until.isoformat(),
                       reason=reason[:1000])
    return ticket
