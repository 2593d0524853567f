"""Reservation pages: the calendar on a listing, asking for slots, the reservation page both
sides share (confirm, propose, decline, cancel, accept), lists, and the operator's calendar."""
from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from .. import db, responses
from ..auth import MEMBER, OPERATOR, current_user, login_required, role_required
from ..errors import Conflict, Invalid
from ..inquiries.holidays import kst_day
from ..models import utcnow
from ..reservations import bookings, calendar, feeds, rules, settlement, utilisation

bp = Blueprint("reservations", __name__)

STATE_LABELS = {"free": _l("Free"), "partial": _l("Partly taken"), "full": _l("Taken"),
                "closed": _l("Closed"), "holiday": _l("Public holiday")}
STATUS_LABELS = {"requested": _l("Requested"), "proposed": _l("Other slot proposed"), "confirmed": _l("Confirmed"),
                 "declined": _l("Declined"), "cancelled": _l("Cancelled"), "used": _l("Used")}
MODE_LABELS = {"self_use": _l("Direct use (after training)"), "staff": _l("Analysis by the cluster's staff")}
BLOCK_LABELS = {"maintenance": _l("Maintenance"), "internal": _l("Internal use"), "closed": _l("Closed"),
                "feed": _l("Booked in the cluster's own system"), "booked": _l("Reserved")}


@bp.app_context_processor
def _helpers():
    def reservation_calendar(row, doc):
        """The next eight weeks of a bookable listing, in weeks, or None."""
        if not rules.bookable(doc):
            return None
        with db.session() as s:
            return calendar.weeks(calendar.days(s, row.id, row.cluster, kst_day(utcnow())))

    def instrument_use(cluster=None):
        """Utilisation per instrument over the last four weeks and the next four, busiest first."""
        today = kst_day(utcnow())
        with db.session() as s:
            past = {u.listing_id: u for u in utilisation.per_instrument(s, today - timedelta(days=28),
                                                                          today - timedelta(days=1), cluster)}
            ahead = {u.listing_id: u for u in utilisation.per_instrument(s, today, today + timedelta(days=27), cluster)}
            for listing_id in set(ahead) - set(past):  # booked ahead only: its past figure too
                past[listing_id] = utilisation.Use(listing_id, ahead[listing_id].cluster, ahead[listing_id].title,
                                                   *utilisation.of_listing(s, listing_id, ahead[listing_id].cluster,
                                                                           today - timedelta(days=28), today - timedelta(days=1)))
        return sorted(((u, ahead.get(i)) for i, u in past.items()),
                      key=lambda pair: (-(pair[0].share or 0), -((pair[1].share or 0) if pair[1] else 0), pair[0].listing_id))

    def ticket_reservations(ticket_id):
        """The reservations a ticket carries (the ticket page's viewer may already see them all)."""
        with db.session() as s:
            return bookings.of_ticket(s, ticket_id)

    return {"reservation_calendar": reservation_calendar, "ticket_reservations": ticket_reservations, "instrument_use": instrument_use, "reservable": rules.bookable, "cal_state_label": lambda v: STATE_LABELS.get(v, v),
            "cal_state_names": lambda: {k: str(v) for k, v in STATE_LABELS.items()},
            "reservation_status_label": lambda v: STATUS_LABELS.get(v, v),
            "reservation_mode_label": lambda v: MODE_LABELS.get(v, v),
            "block_label": lambda v: BLOCK_LABELS.get(v, v), "reservation_modes": MODE_LABELS}


def slots_from(form) -> tuple[list[bookings.Slot], list[dict]]:
    """Slots from the parallel fields day/start/end; rows left empty are skipped."""
    out, errors = [], []
    for i, (d, a, b) in enumerate(zip(form.getlist("day"), form.getlist("start"), form.getlist("end"))):
        if not (d or "").strip():
            continue
        try:
            out.append(bookings.Slot(date.fromisoformat(d.strip()), int(a), int(b)))
        except ValueError:
            errors.append({"path": f"slots[{i}]", "message": _l("Give a date (YYYY-MM-DD) and whole hours.")})
    return out, errors


def _page(listing_id: str, errors=None, form=None, status=200):
    with db.session() as s:
        row, doc = calendar.bookable_listing(s, listing_id)
        weeks = calendar.weeks(calendar.days(s, row.id, row.cluster, kst_day(utcnow())))
        rule = rules.policy(s, row.cluster)
    return render_template("reservations/new.html", row=row, d=doc, weeks=weeks, rule=rule,
                           errors=errors or [], form=form or {}), status


@bp.get("/listings/<listing_id>/reserve")
def new(listing_id: str):
    return _page(listing_id, form=request.args)


@bp.post("/listings/<listing_id>/reserve")
@role_required(MEMBER)
def ask(listing_id: str):
    slots, errors = slots_from(request.form)
    if errors:
        return _page(listing_id, errors=errors, form=request.form, status=422)
    try:
        with db.session() as s:
            made = bookings.ask(s, current_user(), listing_id, slots, mode=request.form.get("mode", ""),
                                note=request.form.get("note", ""))
    except Invalid as exc:
        return _page(listing_id, errors=responses.details(exc), form=request.form, status=422)
    return redirect(url_for("reservations.show", reservation_id=made.id), code=303)


@bp.get("/reservations/<id:reservation_id>")
@login_required
def show(reservation_id: int, errors=None, status=200):
    with db.session() as s:
        r, side = bookings.get_for(s, current_user(), reservation_id)
        slots = bookings.slots_of(s, r.id)
        use = settlement.use_of(s, r.id)
        rule = rules.policy(s, r.cluster)
        row, doc = settlement.listing_of(s, r)
        files = settlement.result_files(s, r)
    return render_template("reservations/show.html", r=r, side=side, slots=slots, use=use, rule=rule,
                           row=row, d=doc, files=files, errors=errors or []), status


ACTIONS = {"confirm": lambda s, u, i, f: bookings.confirm(s, u, i),
           "decline": lambda s, u, i, f: bookings.decline(s, u, i, f.get("reason", "")),
           "cancel": lambda s, u, i, f: bookings.cancel(s, u, i, f.get("reason", "")),
           "accept": lambda s, u, i, f: bookings.accept_proposal(s, u, i),
           "propose": lambda s, u, i, f: bookings.propose(s, u, i, slots_from(f)[0], f.get("reason", "")),
           "use": lambda s, u, i, f: settlement.record_use(s, u, i, results=_results(), **settlement.use_form(f))}


def _results() -> list:
    from ..inquiries.attachments import Upload
    return [Upload(f.filename or "", f.read()) for f in request.files.getlist("results")]


@bp.post("/reservations/<id:reservation_id>/<action>")
@login_required
def act(reservation_id: int, action: str):
    if action not in ACTIONS:
        return show(reservation_id, errors=[{"path": "", "message": _l("Unknown action.")}], status=404)
    try:
        with db.session() as s:
            ACTIONS[action](s, current_user(), reservation_id, request.form)
    except (Invalid, Conflict) as exc:
        errors = responses.details(exc) or [{"path": "", "message": responses.message(exc)}]
        if isinstance(exc, Conflict) and exc.details:
            errors = [{"path": "", "message": responses.message(exc)}] + errors
        return show(reservation_id, errors=errors, status=422 if isinstance(exc, Invalid) else 409)
    return redirect(url_for("reservations.show", reservation_id=reservation_id), code=303)


@bp.get("/my/reservations")
@role_required(MEMBER)
def mine():
    with db.session() as s:
        rows = [(r, bookings.slots_of(s, r.id)) for r in bookings.mine(s, current_user())]
    return render_template("reservations/list.html", rows=rows, side="company")


@bp.get("/operator/reservations")
@role_required(OPERATOR)
def cluster_list():
    with db.session() as s:
        rows = [(r, bookings.slots_of(s, r.id)) for r in bookings.of_cluster(s, current_user(), request.args.get("cluster"))]
    return render_template("reservations/list.html", rows=rows, side="cluster")


@bp.get("/operator/calendar/<listing_id>")
@role_required(OPERATOR)
def manage(listing_id: str, errors=None, status=200):
    with db.session() as s:
        row, doc = calendar.bookable_listing(s, listing_id)
        if not current_user().operates(row.cluster):
            from ..errors import Forbidden
            from ..messages import N_
            raise Forbidden(N_("Only the operators of cluster %(cluster)s and administrators may do this."),
                            cluster=repr(row.cluster))
        today = kst_day(utcnow())
        weeks = calendar.weeks(calendar.days(s, row.id, row.cluster, today))
        blocks = [b for b in calendar.blocks(s, row.id, today) if b.source == "operator"]
        feed = feeds.status(s, row.id)
    return render_template("reservations/manage.html", row=row, d=doc, weeks=weeks, blocks=blocks, feed=feed,
                           kinds=calendar.BLOCK_KINDS, errors=errors or []), status


@bp.post("/operator/calendar/<listing_id>/blocks")
@role_required(OPERATOR)
def add_block(listing_id: str):
    f = request.form
    try:
        first = date.fromisoformat(f.get("first", ""))
        last = date.fromisoformat(f.get("last") or f.get("first", ""))
        start, end = int(f.get("start_hour", "0")), int(f.get("end_hour", "24"))
    except ValueError:
        return manage(listing_id, errors=[{"path": "first", "message": _l("Give a date (YYYY-MM-DD) and whole hours.")}],
                      status=422)
    try:
        with db.session() as s:
            calendar.add_block(s, current_user(), listing_id, first=first, last=last, start_hour=start,
                               end_hour=end, kind=f.get("kind", ""), note=f.get("note", ""))
    except (Invalid, Conflict) as exc:
        errors = responses.details(exc) or [{"path": "", "message": responses.message(exc)}]
        return manage(listing_id, errors=errors, status=422 if isinstance(exc, Invalid) else 409)
    return redirect(url_for("reservations.manage", listing_id=listing_id), code=303)


@bp.post("/operator/calendar/<listing_id>/blocks/<id:block_id>/delete")
@role_required(OPERATOR)
def remove_block(listing_id: str, block_id: int):
    with db.session() as s:
        calendar.remove_block(s, current_user(), block_id)
    return redirect(url_for("reservations.manage", listing_id=listing_id), code=303)


@bp.get("/tickets/<id:ticket_id>/statement")
@login_required
def statement_page(ticket_id: int, errors=None, status=200):
    with db.session() as s:
        st = settlement.statement(s, current_user(), ticket_id)
        from ..inquiries import tickets
        side = tickets.side(s, current_user(), st.ticket)
    return render_template("reservations/statement.html", st=st, side=side, errors=errors or []), status


@bp.get("/tickets/<id:ticket_id>/statement.csv")
@login_required
def statement_csv(ticket_id: int):
    from flask import Response
    with db.session() as s:
        st = settlement.statement(s, current_user(), ticket_id)
    return Response(settlement.lines_csv(st.rows, st.settled.total_krw if st.settled else None),
                    mimetype="text/csv", headers={"Content-Disposition": f"attachment; filename=statement-{ticket_id}.csv"})


@bp.get("/tickets/<id:ticket_id>/statement.pdf")
@login_required
def statement_pdf(ticket_id: int):
    from flask import Response

    from ..auth.models import Company
    from ..catalog import clusters
    from ..inquiries.models import InquiryRequest
    from ..reservations import statement_pdf as pdf
    with db.session() as s:
        st = settlement.statement(s, current_user(), ticket_id)
        cluster = clusters.get(s, st.ticket.cluster)
        company = s.get(Company, s.get(InquiryRequest, st.ticket.request_id).company_id or -1)
        data = pdf.render(st, cluster.name("ko") if cluster else st.ticket.cluster, company.name if company else "")
    return Response(data, mimetype="application/pdf",
                    headers={"Content-Disposition": f"attachment; filename=statement-{ticket_id}.pdf"})


@bp.post("/tickets/<id:ticket_id>/statement/accept")
@login_required
def accept_statement(ticket_id: int):
    try:
        with db.session() as s:
            settlement.accept(s, current_user(), ticket_id)
    except Conflict as exc:
        return statement_page(ticket_id, errors=[{"path": "", "message": responses.message(exc)}], status=409)
    return redirect(url_for("reservations.statement_page", ticket_id=ticket_id), code=303)


def _month() -> date:
    raw = request.args.get("month", "")
    try:
        return date.fromisoformat(raw + "-01") if raw else kst_day(utcnow()).replace(day=1)
    except ValueError:
        return kst_day(utcnow()).replace(day=1)


@bp.get("/my/statements")
@role_required(MEMBER)
def my_month():
    month = _month()
    with db.session() as s:
        rows = settlement.monthly(s, current_user(), month)
    return render_template("reservations/monthly.html", rows=rows, month=month, cluster=None)


@bp.get("/operator/statements")
@role_required(OPERATOR)
def cluster_month():
    month, user = _month(), current_user()
    cluster = request.args.get("cluster") if user.role == "admin" else user.cluster
    with db.session() as s:
        rows = settlement.monthly(s, user, month, cluster=cluster or "")
    return render_template("reservations/monthly.html", rows=rows, month=month, cluster=cluster)


def _rules_cluster() -> str:
    user = current_user()
    return (request.values.get("cluster") or "") if user.role == "admin" else (user.cluster or "")


@bp.get("/operator/reservation-rules")
@role_required(OPERATOR)
def rules_page(errors=None, form=None, status=200):
    cluster = _rules_cluster()
    with db.session() as s:
        rule = rules.policy(s, cluster) if cluster else None
    return render_template("reservations/rules.html", cluster=cluster, rule=rule, errors=errors or [],
                           form=form or {}), status


@bp.post("/operator/reservation-rules")
@role_required(OPERATOR)
def rules_save():
    f, cluster = request.form, _rules_cluster()
    try:
        numbers = {k: int(f.get(k, "")) for k in ("open_hour", "close_hour", "cancel_days", "sme_discount_pct")}
    except ValueError:
        return rules_page(errors=[{"path": "", "message": _l("Give whole numbers.")}], form=f, status=422)
    try:
        with db.session() as s:
            rules.set_policy(s, current_user(), cluster, note=f.get("note", ""), **numbers)
    except Invalid as exc:
        return rules_page(errors=responses.details(exc), form=f, status=422)
    return redirect(url_for("reservations.rules_page", cluster=cluster if current_user().role == "admin" else None),
                    code=303)
