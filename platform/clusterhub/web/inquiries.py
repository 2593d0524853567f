"""The basket, sending a request, and the company's view of its requests and tickets."""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from .. import db, responses
from ..auth import MEMBER, current_user, login_required, role_required
from ..errors import Conflict, Invalid
from ..inquiries import basket, context, requests, response_times, routing, surveys, ticket_actions, tickets
from ..inquiries.attachments import Upload
from . import event_notes

bp = Blueprint("inquiries", __name__)

STATUS_LABELS = {"received": _l("Received"), "reviewing": _l("Reviewing"), "quoted": _l("Quoted"),
                 "in_progress": _l("In progress"), "completed": _l("Completed"),
                 "declined": _l("Declined")}
BUDGET_LABELS = {"undecided": _l("Not decided yet"), "under_10m": _l("Under 10 million won"),
                 "10m_50m": _l("10 to 50 million won"), "50m_200m": _l("50 to 200 million won"),
                 "over_200m": _l("Over 200 million won")}
WAITING_LABELS = {"quote": _l("Waiting for you: answer the quote"),
                  "reply": _l("Waiting for you: the cluster wrote to you"),
                  "survey": _l("Waiting for you: rate the completed work")}
QUOTE_LABELS = {"accepted": _l("Quote accepted"), "rejected": _l("Quote rejected")}


@bp.app_context_processor
def _helpers():
    def cluster_response(code):
        with db.session() as s:
            return response_times.for_cluster(s, code)

    def satisfaction(cluster=None, listing=None):
        with db.session() as s:
            return surveys.averages(s, cluster=cluster, listing_id=listing)

    def ticket_route(ticket):
        """Who answers this ticket ("operators" or "intake") and the day its first answer is due."""
        with db.session() as s:
            return {"kind": routing.route(s, ticket.cluster).kind, "due": routing.first_answer_due(ticket)}

    return {"ticket_route": ticket_route, "waiting_label": lambda v: WAITING_LABELS.get(v, v), "status_label": lambda v: STATUS_LABELS.get(v, v), "budget_label": lambda v: BUDGET_LABELS.get(v, v),
            "quote_label": lambda v: QUOTE_LABELS.get(v, v), "note_label": event_notes.text,
            "quote_answer": tickets.quote_answer,
            "quote_expired": tickets.quote_expired,
            "cluster_response": cluster_response, "satisfaction": satisfaction,
            "basket_size": lambda: len(basket.ids()), "survey_min_answers": surveys.MIN_ANSWERS,
            "response_within": response_times.WITHIN, "kpi_min_n": current_app.config.get("KPI_MIN_N", 5)}


@bp.get("/basket")
def show_basket(errors=None, form=None, status=200):
    with db.session() as s:
        groups = basket.by_cluster(s, basket.ids())
    return render_template("inquiries/basket.html", groups=groups, errors=errors or [],
                           form=form or {}, budgets=BUDGET_LABELS), status


@bp.post("/basket/add")
def add():
    listing_id = request.form.get("listing_id", "")
    with db.session() as s:
        basket.add(s, listing_id)
    return redirect(url_for("inquiries.show_basket"), code=303)


@bp.post("/basket/remove")
def remove():
    basket.remove(request.form.get("listing_id", ""))
    return redirect(url_for("inquiries.show_basket"), code=303)


@bp.post("/requests")
@role_required(MEMBER)
def send():
    form = request.form
    uploads = [Upload(f.filename or "", f.read()) for f in request.files.getlist("attachments")]
    try:
        with db.session() as s:
            sent = requests.submit(s, current_user(), basket.ids(), need=form.get("need", ""),
                                   timeline=form.get("timeline", ""), budget=form.get("budget", ""),
                                   consent=form.get("consent") == "1", uploads=uploads)
    except Invalid as exc:
        return show_basket(errors=responses.details(exc), form=form, status=422)
    basket.clear()
    return redirect(url_for("inquiries.request_page", request_id=sent.id), code=303)


@bp.get("/my/requests")
@role_required(MEMBER)
def mine():
    with db.session() as s:
        rows = [(r, requests.tickets_of(s, r.id)) for r in requests.mine(s, current_user())]
        waiting = context.waiting_by_ticket(s, [t for _r, ts in rows for t in ts])
    return render_template("inquiries/mine.html", rows=rows, waiting=waiting)


@bp.get("/my/requests/<id:request_id>")
@login_required
def request_page(request_id: int, errors=None, form=None, status=200):
    with db.session() as s:
        sent = requests.get_for(s, current_user(), request_id)
        rows = [(t, tickets.events(s, t.id), surveys.of_ticket(s, t.id))
                for t in requests.tickets_of(s, request_id)]
        files = requests.attachments_of(s, request_id)
        titles = context.titles(s, [i for t, _e, _a in rows for i in t.listing_ids or []])
        authors = context.authors(s, [e for _t, events, _a in rows for e in events])
        waiting = {t.id: context.waiting_for_company(t, events, answered) for t, events, answered in rows}
    return render_template("inquiries/request.html", sent=sent, rows=rows, files=files,
                           titles=titles, authors=authors, waiting=waiting,
                           ticket_errors=errors or {}, form=form or {}), status


@bp.get("/attachments/<id:attachment_id>")
@login_required
def attachment(attachment_id: int):
    with db.session() as s:
        row = ticket_actions.attachment_for(s, current_user(), attachment_id)
    return download(row)


def download(row) -> Response:
    """A stored file (data, content_type, filename) as a download under its own name."""
    return Response(row.data, mimetype=row.content_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(row.filename)}"})


def act(run, refused, done: str):
    """Run a service action in one session and redirect to done (303); a refusal (Invalid: 422,
    Conflict: 409) goes to refused(errors, status), which shows the page again with the errors."""
    try:
        with db.session() as s:
            run(s)
    except (Invalid, Conflict) as exc:
        errors = responses.details(exc) or [{"path": "", "message": responses.message(exc)}]
        return refused(errors, 422 if isinstance(exc, Invalid) else 409)
    return redirect(done, code=303)


def _request_of(ticket_id: int) -> int:
    with db.session() as s:
        ticket, _side = tickets.get_for(s, current_user(), ticket_id)
    return ticket.request_id


@bp.post("/tickets/<id:ticket_id>/survey")
@login_required
def survey(ticket_id: int):
    request_id = _request_of(ticket_id)
    with db.session() as s:
        ticket_actions.perform(s, current_user(), ticket_id, "survey", request.form)
    return redirect(url_for("inquiries.request_page", request_id=request_id, _anchor=f"t{ticket_id}"), code=303)


@bp.post("/tickets/<id:ticket_id>/quote-answer")
@login_required
def quote_answer(ticket_id: int):
    """The company accepts or rejects the ticket's quote; refusals are shown under that ticket."""
    request_id = _request_of(ticket_id)
    return act(lambda s: ticket_actions.perform(s, current_user(), ticket_id, "quote-answer", request.form),
               lambda errors, status: request_page(request_id, errors={ticket_id: errors}, form=request.form,
                                                   status=status),
               url_for("inquiries.request_page", request_id=request_id, _anchor=f"t{ticket_id}"))
