"""JSON API of requests and tickets (session auth; POSTs send the X-CSRF-Token header)."""
from __future__ import annotations

from flask import jsonify, request

from .. import db
from ..auth import MEMBER, OPERATOR, require_login, require_role
from ..inquiries import requests, response_times, surveys, ticket_actions, tickets
from . import bodies, bp
from .inquiry_schemas import RequestSchema, TicketSchema


def _ticket_data(s, t, with_events: bool = False) -> dict:
    """A ticket's fields as TicketSchema dumps them (the events and survey only for one ticket)."""
    events = tickets.events(s, t.id) if with_events or t.quote_amount is not None else []
    answer = tickets.quote_answer(events)
    out = {"id": t.id, "request_id": t.request_id, "cluster": t.cluster, "listing_ids": t.listing_ids,
           "status": t.status, "decline_reason": t.decline_reason or None,
           "quote": ({"amount": t.quote_amount, "valid_until": t.quote_valid_until}
                     if t.quote_amount is not None else None),
           "quote_answer": ({"decision": answer.status, "reason": answer.body or None, "at": answer.at}
                            if answer else None),
           "created_at": t.created_at, "first_response_at": t.first_response_at,
           "overdue": response_times.overdue(t)}
    if with_events:
        out["events"] = [{"kind": e.kind, "status": e.status or None, "body": e.body, "note": e.note or None,
                          "note_params": e.note_params or None,
                          "side": e.author_side, "at": e.at} for e in events]
        out["survey"] = surveys.of_ticket(s, t.id)
    return out


def _ticket(s, t, with_events: bool = False) -> dict:
    return TicketSchema().dump(_ticket_data(s, t, with_events))


def _request(s, r) -> dict:
    return RequestSchema().dump({"id": r.id, "need": r.need, "timeline": r.timeline, "budget": r.budget,
                                 "created_at": r.created_at,
                                 "tickets": [_ticket_data(s, t) for t in requests.tickets_of(s, r.id)]})


def _body(schema) -> dict:
    require_login()  # 401 before any complaint about the body
    return bodies.read(schema)


@bp.post("/requests")
def request_create():
    user = require_role(MEMBER)
    body = _body(bodies.NewRequestBody)
    with db.session() as s:
        sent = requests.submit(s, user, body["listing_ids"], need=body["need"], timeline=body["timeline"],
                               budget=body["budget"], consent=body["consent"], uploads=[])
        s.flush()
        out = _request(s, sent)
    return jsonify(out), 201


@bp.get("/requests")
def request_list():
    user = require_role(MEMBER)
    with db.session() as s:
        return jsonify([_request(s, r) for r in requests.mine(s, user)])


@bp.get("/requests/<id:request_id>")
def request_get(request_id: int):
    user = require_login()
    with db.session() as s:
        return jsonify(_request(s, requests.get_for(s, user, request_id)))


@bp.get("/tickets")
def ticket_list():
    user = require_role(OPERATOR)
    with db.session() as s:
        return jsonify([_ticket(s, t) for t in tickets.inbox(s, user, request.args.get("cluster"))])


@bp.get("/tickets/<id:ticket_id>")
def ticket_get(ticket_id: int):
    user = require_login()
    with db.session() as s:
        t, _side = tickets.get_for(s, user, ticket_id)
        return jsonify(_ticket(s, t, with_events=True))


def _act(ticket_id: int, action: str, schema):
    """A ticket action with its JSON body; the ticket afterwards, with its events."""
    body = _body(schema)
    user = require_login()
    with db.session() as s:
        t = ticket_actions.perform(s, user, ticket_id, action, body)
        return jsonify(_ticket(s, t, with_events=True))


@bp.post("/tickets/<id:ticket_id>/status")
def ticket_status(ticket_id: int):
    return _act(ticket_id, "status", bodies.StatusBody)


@bp.post("/tickets/<id:ticket_id>/quote")
def ticket_quote(ticket_id: int):
    return _act(ticket_id, "quote", bodies.QuoteBody)


@bp.post("/tickets/<id:ticket_id>/messages")
def ticket_message(ticket_id: int):
    return _act(ticket_id, "messages", bodies.MessageBody)


@bp.post("/tickets/<id:ticket_id>/survey")
def ticket_survey(ticket_id: int):
    return _act(ticket_id, "survey", bodies.SurveyBody)


@bp.post("/tickets/<id:ticket_id>/quote-answer")
def ticket_quote_answer(ticket_id: int):
    return _act(ticket_id, "quote-answer", bodies.QuoteAnswerBody)
