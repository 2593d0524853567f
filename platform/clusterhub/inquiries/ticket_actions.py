"""Ticket actions, one service for the ticket pages and the API: each action by its name (the last
part of its URL), the fields it reads, and the service call that decides. The page hands in its
form, the API its JSON body: the same names, read the same way, refused with the same
ServiceError codes. Who may act is decided by the services (tickets, surveys), never by a view."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from sqlmodel import Session

from ..auth import Principal
from ..errors import Forbidden, NotFound
from ..messages import N_
from . import requests, surveys, tickets
from .models import Attachment, InquiryRequest, Ticket

Fields = Mapping[str, Any]


def _flag(value) -> bool:
    """A checkbox ("1") or a JSON true."""
    return value is True or value == "1"


def _text(fields: Fields, name: str) -> str:
    value = fields.get(name)
    return "" if value is None else str(value)


ACTIONS: dict[str, Callable[[Session, Principal, int, Fields], object]] = {
    "status": lambda s, user, ticket_id, f: tickets.change_status(
        s, user, ticket_id, _text(f, "status"), _text(f, "reason"), _flag(f.get("no_quote"))),
    "quote": lambda s, user, ticket_id, f: tickets.quote(
        s, user, ticket_id, _text(f, "amount"), _text(f, "valid_until")),
    "messages": lambda s, user, ticket_id, f: tickets.post_message(s, user, ticket_id, _text(f, "body")),
    "quote-answer": lambda s, user, ticket_id, f: tickets.answer_quote(
        s, user, ticket_id, _text(f, "decision"), _text(f, "reason")),
    "survey": lambda s, user, ticket_id, f: surveys.answer(
        s, user, ticket_id, {k: f.get(k) for k in surveys.SCALES}, _text(f, "comment")),
}


def perform(s: Session, user: Principal, ticket_id: int, action: str, fields: Fields) -> Ticket:
    """Do action on the ticket with fields; the ticket afterwards (flushed). NotFound, Forbidden,
    Conflict or Invalid when it may not be done."""
    ACTIONS[action](s, user, ticket_id, fields)
    s.flush()
    ticket, _side = tickets.get_for(s, user, ticket_id)
    return ticket


def attachment_for(s: Session, user: Principal, attachment_id: int) -> Attachment:
    """A request's file, for the requesting company and those who answer one of its tickets."""
    row = s.get(Attachment, attachment_id)
    if row is None:
        raise NotFound(N_("No such attachment."))
    sent = s.get(InquiryRequest, row.request_id)
    if not requests.can_see(s, user, sent) and not any(
            tickets.answers_for(s, user, t) for t in requests.tickets_of(s, sent.id)):
        raise Forbidden(N_("Only the requesting company and the clusters it asked may open this file."))
    return row
