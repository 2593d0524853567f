"""The operator inbox and the ticket page both sides share: status, quote, messages."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from .. import db, responses
from ..auth import CURATOR, OPERATOR, current_user, login_required, role_required
from ..errors import Conflict, Invalid
from ..inquiries import context, requests, response_times, surveys, tickets
from ..inquiries.models import InquiryRequest

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


def _act(ticket_id: int, action):
    try:
        with db.session() as s:
            action(s)
    except (Invalid, Conflict) as exc:
        shown = responses.details(exc) or [{"path": "", "message": responses.message(exc)}]
        return ticket(ticket_id, errors=shown, status=422 if isinstance(exc, Invalid) else 409)
    return redirect(url_for("inbox.ticket", ticket_id=ticket_id), code=303)


@bp.post("/tickets/<id:ticket_id>/status")
@login_required
def status(ticket_id: int):
    form = request.form
    return _act(ticket_id, lambda s: tickets.change_status(s, current_user(), ticket_id, form.get("status", ""),
                                                           form.get("reason", ""), form.get("no_quote") == "1"))


@bp.post("/tickets/<id:ticket_id>/quote")
@login_required
def quote(ticket_id: int):
    form = request.form
    return _act(ticket_id, lambda s: tickets.quote(s, current_user(), ticket_id, form.get("amount", ""),
                                                   form.get("valid_until", "")))


@bp.post("/tickets/<id:ticket_id>/messages")
@login_required
def message(ticket_id: int):
    return _act(ticket_id, lambda s: tickets.post_message(s, current_user(), ticket_id,
                                                          request.form.get("body", "")))
