"""The operator inbox and the ticket page both sides share: status, quote, messages."""
from __future__ import annotations

from flask import Blueprint, render_template, request, url_for

from .. import db
from ..auth import CURATOR, OPERATOR, current_user, login_required, role_required
from ..inquiries import context, requests, response_times, surveys, ticket_actions, tickets
from ..inquiries.models import InquiryRequest
from .inquiries import act

bp = Blueprint("inbox", __name__)


@bp.get("/inbox")
@role_required(OPERATOR, CURATOR)
def index():
    args = request.args
    chosen = {k: args.get(k, "") for k in ("status", "age", "listing")}
    with db.session() as s:
        everything = tickets.inbox(s, current_user(), args.get("cluster"))
        rows = context.filter_inbox(everything, **chosen)
        overdue = {t.id for t in rows if response_times.overdue(t)}
        summary = response_times.summary(everything)
        answers = tickets.quote_answers(s, rows)
        sent = context.requests_of(s, rows)
        companies = context.companies(s, sent)
        titles = context.titles(s, [i for t in everything for i in t.listing_ids or []])
    return render_template("inquiries/inbox.html", rows=rows, overdue=overdue, summary=summary, answers=answers,
                           sent=sent, companies=companies, titles=titles, chosen=chosen,
                           statuses=tickets.STATUSES, ages=context.AGES, total=len(everything))


@bp.get("/tickets/<id:ticket_id>")
@login_required
def ticket(ticket_id: int, errors=None, status=200):
    with db.session() as s:
        row, side = tickets.get_for(s, current_user(), ticket_id)
        sent = s.get(InquiryRequest, row.request_id)
        events = tickets.events(s, ticket_id)
        files = requests.attachments_of(s, sent.id)
        answered = surveys.of_ticket(s, ticket_id)
        who = context.requester(s, sent)
        siblings = context.siblings(s, row)
        titles = context.titles(s, row.listing_ids or [])
        authors = context.authors(s, events)
        waiting = context.waiting_for_company(row, events, answered) if side == "company" else ""
    return render_template("inquiries/ticket.html", t=row, side=side, sent=sent, events=events,
                           requester=who, siblings=siblings, titles=titles, authors=authors, waiting=waiting,
                           files=files, survey=answered, next_statuses=tickets.NEXT[row.status],
                           overdue=response_times.overdue(row), errors=errors or []), status


def _act(ticket_id: int, action: str):
    """A ticket action from the ticket page; a refusal is shown on that page."""
    return act(lambda s: ticket_actions.perform(s, current_user(), ticket_id, action, request.form),
               lambda errors, status: ticket(ticket_id, errors=errors, status=status),
               url_for("inbox.ticket", ticket_id=ticket_id))


@bp.post("/tickets/<id:ticket_id>/status")
@login_required
def status(ticket_id: int):
    return _act(ticket_id, "status")


@bp.post("/tickets/<id:ticket_id>/quote")
@login_required
def quote(ticket_id: int):
    return _act(ticket_id, "quote")


@bp.post("/tickets/<id:ticket_id>/messages")
@login_required
def message(ticket_id: int):
    return _act(ticket_id, "messages")
