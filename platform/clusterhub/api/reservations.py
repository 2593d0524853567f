"""JSON API of calendars (public read), reservations and statements (session auth; POSTs send
the X-CSRF-Token header). The marshmallow schemas shape both the JSON and the OpenAPI document."""
from __future__ import annotations

from datetime import date

from flask import jsonify, request
from marshmallow import ValidationError

from .. import db
from ..auth import MEMBER, require_login, require_role
from ..errors import Invalid
from ..inquiries.holidays import kst_day
from ..messages import N_
from ..models import utcnow
from ..reservations import bookings, calendar, settlement
from . import bp
from .reservation_schemas import (CalendarSchema, MonthlyStatementSchema, ReservationActionSchema,
                                  ReservationRequestSchema, ReservationSchema, StatementSchema)

ACTIONS = ("confirm", "propose", "decline", "cancel", "accept", "use")
MAX_DAYS = 366


def _raw(s, r) -> dict:
    """A reservation with its slots and use, before the schema dumps it."""
    use = settlement.use_of(s, r.id)
    slots = [{"date": x.day, "start_hour": x.start_hour, "end_hour": x.end_hour} for x in bookings.slots_of(s, r.id)]
    return {**r.model_dump(), "slots": slots, "use": use.model_dump() if use else None}


def _reservation(s, r) -> dict:
    return ReservationSchema().dump(_raw(s, r))


def _load(schema, body) -> dict:
    try:
        return schema.load(body)
    except ValidationError as exc:
        errors = [{"path": path, "message": N_("Not valid here: %(problem)s"),
                   "params": {"problem": " ".join(map(str, problems)) if isinstance(problems, list) else str(problems)}}
                  for path, problems in sorted(exc.normalized_messages().items())]
        raise Invalid(N_("The request body is not valid."), errors) from None


def _body(schema) -> dict:
    require_login()
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Invalid(N_("Send a JSON object."))
    return _load(schema, body)


def _slots(items) -> list[bookings.Slot]:
    return [bookings.Slot(x["date"], x["start_hour"], x["end_hour"]) for x in items or []]


@bp.get("/listings/<listing_id>/calendar")
def calendar_read(listing_id: str):
    try:
        start = date.fromisoformat(request.args["start"]) if request.args.get("start") else kst_day(utcnow())
        n = int(request.args.get("days", calendar.WEEKS * 7))
        if not 1 <= n <= MAX_DAYS:
            raise ValueError
    except ValueError:
        raise Invalid(N_("start is a date (YYYY-MM-DD) and days a number from 1 to %(max)d."), max=MAX_DAYS) from None
    with db.session() as s:
        row, _doc = calendar.bookable_listing(s, listing_id)
        days = calendar.days(s, row.id, row.cluster, start, n)
    return jsonify(CalendarSchema().dump({"listing_id": row.id, "timezone": "Asia/Seoul", "days": [
        {"date": d.day, "state": d.state, "holiday": d.holiday or None, "open_hours": list(d.hours),
         "free_hours": d.free_hours if d.state not in ("closed", "holiday") else [],
         "taken": [{"hour": h, "reason": why} for h, why in sorted(d.taken.items())]} for d in days]}))


@bp.post("/reservations")
def reservation_create():
    user = require_role(MEMBER)
    body = _body(ReservationRequestSchema())
    with db.session() as s:
        made = bookings.ask(s, user, body["listing_id"], _slots(body["slots"]), mode=body["mode"],
                            note=body.get("note", ""))
        s.flush()
        out = _reservation(s, made)
    return jsonify(out), 201


@bp.get("/reservations")
def reservation_list():
    """A member: the company's reservations; an operator: the cluster's (admins: ?cluster=)."""
    user = require_login()
    with db.session() as s:
        rows = bookings.mine(s, user) if user.role == MEMBER else bookings.of_cluster(s, user, request.args.get("cluster"))
        return jsonify([_reservation(s, r) for r in rows])


@bp.get("/reservations/<id:reservation_id>")
def reservation_get(reservation_id: int):
    user = require_login()
    with db.session() as s:
        r, _side = bookings.get_for(s, user, reservation_id)
        return jsonify(_reservation(s, r))


@bp.post("/reservations/<id:reservation_id>/<action>")
def reservation_act(reservation_id: int, action: str):
    rid = reservation_id
    body = _body(ReservationActionSchema())
    if action not in ACTIONS:
        raise Invalid(N_("Unknown action %(action)s; the actions are %(actions)s."), action=repr(action),
                      actions=", ".join(ACTIONS))
    user = require_login()
    with db.session() as s:
        if action == "confirm":
            bookings.confirm(s, user, rid)
        elif action == "propose":
            bookings.propose(s, user, rid, _slots(body.get("slots")), body.get("reason", ""))
        elif action == "decline":
            bookings.decline(s, user, rid, body.get("reason", ""))
        elif action == "cancel":
            bookings.cancel(s, user, rid, body.get("reason", ""))
        elif action == "accept":
            bookings.accept_proposal(s, user, rid)
        else:
            fields = {k: body[k] for k in ("hours", "samples", "days", "consumables", "consumables_krw", "notes",
                                           "sme", "adjustment_krw", "adjustment_reason") if k in body}
            settlement.record_use(s, user, rid, **fields)
        s.flush()
        return jsonify(_reservation(s, s.get(bookings.Reservation, rid)))


def _statement(s, st) -> dict:
    return StatementSchema().dump({
        "ticket_id": st.ticket.id, "cluster": st.ticket.cluster, "total_krw": st.total_krw,
        "reservations": [_raw(s, r) for r, _slots, _use, _title in st.rows],
        "accepted_at": st.settled.accepted_at if st.settled else None,
        "accepted_total_krw": st.settled.total_krw if st.settled else None})


@bp.get("/tickets/<id:ticket_id>/statement")
def statement_get(ticket_id: int):
    user = require_login()
    with db.session() as s:
        return jsonify(_statement(s, settlement.statement(s, user, ticket_id)))


@bp.post("/tickets/<id:ticket_id>/statement/accept")
def statement_accept(ticket_id: int):
    tid = ticket_id
    user = require_login()
    with db.session() as s:
        settlement.accept(s, user, tid)
        s.flush()
        return jsonify(_statement(s, settlement.statement(s, user, tid)))


@bp.get("/statements")
def statement_month():
    """?month=YYYY-MM: a member's company's, or (operators, ?cluster= for admins) a cluster's."""
    user = require_login()
    raw = request.args.get("month", "")
    try:
        month = date.fromisoformat(raw + "-01") if raw else kst_day(utcnow()).replace(day=1)
    except ValueError:
        raise Invalid(N_("month is YYYY-MM."), [{"path": "month", "message": N_("Use YYYY-MM.")}]) from None
    cluster = None if user.role == MEMBER else (request.args.get("cluster") if user.role == "admin" else user.cluster)
    with db.session() as s:
        rows = settlement.monthly(s, user, month, cluster=cluster)
        return jsonify(MonthlyStatementSchema().dump({
            "month": month.strftime("%Y-%m"), "cluster": cluster, "total_krw": sum(u.total_krw for _r, u, _t in rows),
            "reservations": [_raw(s, r) for r, _u, _t in rows]}))
