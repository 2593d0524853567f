"""Use and settlement: the operator records the actual use, the fee follows the tariff (adjustable
with a reason), the company accepts the statement (정산서) of its ticket; monthly statements."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from ..auth import Principal
from ..catalog import listings
from ..catalog.models import Listing
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..inquiries import attachments, tickets
from ..inquiries.models import Attachment, Ticket
from ..messages import N_
from ..models import utcnow
from . import bookings, fees, rules
from .models import Reservation, ReservationSlot, Settlement, UseRecord


def listing_of(s: Session, r: Reservation) -> tuple[Listing, dict]:
    row = s.get(Listing, r.listing_id)
    return row, listings.effective(row.document, listings.overrides_of(s, row.id))


def use_of(s: Session, reservation_id: int) -> UseRecord | None:
    return s.exec(select(UseRecord).where(UseRecord.reservation_id == reservation_id)).first()


def result_files(s: Session, r: Reservation) -> list[Attachment]:
    """The files of the reservation's request (the result files the operator added with the use)."""
    return list(s.exec(select(Attachment).where(Attachment.request_id == s.get(Ticket, r.ticket_id).request_id)
                       .order_by(Attachment.id)))


def _number(form, key: str, cast, errors: list, default=0):
    raw = str(form.get(key, "") or "").replace(",", "").strip()
    if not raw:
        return default
    try:
        value = cast(raw)
        if value < 0 and key != "adjustment_krw":
            raise ValueError
        return value
    except ValueError:
        errors.append({"path": key, "message": N_("Give a number (not negative).")})
        return default


def use_form(form) -> dict:
    """The record_use arguments from a form (Invalid names a field that is not a number)."""
    errors: list[dict] = []
    out = {"hours": _number(form, "hours", float, errors), "samples": _number(form, "samples", int, errors),
           "days": _number(form, "days", int, errors), "consumables_krw": _number(form, "consumables_krw", int, errors),
           "adjustment_krw": _number(form, "adjustment_krw", int, errors),
           "consumables": form.get("consumables", ""), "notes": form.get("notes", ""),
           "adjustment_reason": form.get("adjustment_reason", ""), "sme": form.get("sme") == "1"}
    if errors:
        raise Invalid(N_("The use could not be recorded."), errors)
    return out


def record_use(s: Session, user: Principal, reservation_id: int, *, hours: float = 0, samples: int = 0,
               days: int = 0, consumables: str = "", consumables_krw: int = 0, notes: str = "", sme: bool = False,
               adjustment_krw: int = 0, adjustment_reason: str = "",
               results: list[attachments.Upload] | None = None) -> UseRecord:
    """The operator records (or corrects, until the statement is accepted) what a confirmed reservation used.

    Result files (the request attachments' types and limits) join the request's attachments, where
    the company and the cluster open them."""
    r, who = bookings.get_for(s, user, reservation_id)
    if who != "cluster":
        raise Forbidden(N_("Only the cluster's operators record the use."))
    if r.status not in ("confirmed", "used"):
        raise Conflict(N_("A reservation that is %(status)s has no use to record."), status=r.status)
    if s.exec(select(Settlement).where(Settlement.ticket_id == r.ticket_id)).first() is not None:
        raise Conflict(N_("The statement of ticket #%(id)s was accepted; the use can no longer change."), id=r.ticket_id)
    adjustment_reason = (adjustment_reason or "").strip()
    if adjustment_krw and not adjustment_reason:
        raise Invalid(N_("The use could not be recorded."),
                      [{"path": "adjustment_reason", "message": N_("Say why the fee is adjusted.")}])
    files = attachments.check(results or [])
    _row, doc = listing_of(s, r)
    rule = rules.policy(s, r.cluster)
    ticket = s.get(Ticket, r.ticket_id)
    for name, content_type, data in files:
        s.add(Attachment(request_id=ticket.request_id, filename=name, content_type=content_type, size=len(data),
                         data=data))
    lines, computed = fees.compute(doc.get("fee"), hours=hours, samples=samples, days=days,
                                   consumables_krw=consumables_krw, sme=sme, sme_discount_pct=rule.sme_discount_pct,
                                   quote_krw=ticket.quote_amount)
    if computed + adjustment_krw < 0:
        raise Invalid(N_("The use could not be recorded."),
                      [{"path": "adjustment_krw", "message": N_("The total cannot fall below zero.")}])
    use = use_of(s, r.id) or UseRecord(reservation_id=r.id)
    use.hours, use.samples, use.days = hours, samples, days
    use.consumables, use.consumables_krw, use.notes = consumables[:1000], consumables_krw, notes[:4000]
    use.sme, use.lines, use.computed_krw = sme, lines, computed
    use.adjustment_krw, use.adjustment_reason = adjustment_krw, adjustment_reason[:1000]
    use.total_krw, use.recorded_by, use.recorded_at = computed + adjustment_krw, user.id, utcnow()
    s.add(use)
    r.status, r.updated_at = "used", utcnow()
    s.add(r)
    bookings.ticket_event(s, r.ticket_id, user, "cluster", note=bookings.USE_RECORDED,
                          params={"total_krw": use.total_krw, "files": [name for name, _t, _d in files]})
    bookings.tell(s, r, "cluster", "used", total_krw=use.total_krw)
    return use


@dataclass
class Statement:
    ticket: Ticket
    rows: list[tuple[Reservation, list[ReservationSlot], UseRecord, str]] = field(default_factory=list)
    settled: Settlement | None = None

    @property
    def total_krw(self) -> int:
        return sum(use.total_krw for _r, _slots, use, _title in self.rows)


def _title(doc: dict) -> str:
    title = doc.get("title") or {}
    return title.get("ko") or title.get("en") or ""


def statement(s: Session, user: Principal, ticket_id: int) -> Statement:
    """The ticket's statement: each used reservation, its use and fee; both sides may read it."""
    ticket, _side = tickets.get_for(s, user, ticket_id)
    out = Statement(ticket, settled=s.exec(select(Settlement).where(Settlement.ticket_id == ticket_id)).first())
    for r in s.exec(select(Reservation).where(Reservation.ticket_id == ticket_id).order_by(Reservation.id)):
        use = use_of(s, r.id)
        if use is not None:
            out.rows.append((r, bookings.slots_of(s, r.id), use, _title(listing_of(s, r)[1])))
    return out


def accept(s: Session, user: Principal, ticket_id: int) -> Settlement:
    """The requesting company accepts the statement, once, with the total it was shown."""
    st = statement(s, user, ticket_id)
    if tickets.side(s, user, st.ticket) != "company":
        raise Forbidden(N_("Only the requesting company accepts a statement."))
    if not st.rows:
        raise Conflict(N_("Ticket #%(id)s has no recorded use to settle yet."), id=ticket_id)
    if st.settled is not None:
        raise Conflict(N_("The statement of ticket #%(id)s was already accepted."), id=ticket_id)
    row = Settlement(ticket_id=ticket_id, total_krw=st.total_krw, accepted_by=user.id)
    s.add(row)
    return row


def monthly(s: Session, user: Principal, month: date, *, cluster: str | None = None,
            company_id: int | None = None) -> list[tuple[Reservation, UseRecord, str]]:
    """The used reservations whose first slot falls in month: a company's (members see only their
    own company) or a cluster's (its operators)."""
    first = month.replace(day=1)
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    if cluster is not None:
        if not user.operates(cluster):
            raise Forbidden(N_("Only the operators of cluster %(cluster)s and administrators may do this."),
                            cluster=repr(cluster))
        query = select(Reservation).where(Reservation.cluster == cluster)
    else:
        mine = {r.id for r in bookings.mine(s, user)} if user.role == "member" else None
        if mine is None and user.role != "admin":
            raise Forbidden(N_("Only a company's members see its statements."))
        query = select(Reservation)
        if mine is not None:
            query = query.where(Reservation.id.in_(mine or [-1]))
        elif company_id is not None:
            query = query.where(Reservation.company_id == company_id)
    out = []
    for r in s.exec(query.where(Reservation.status == "used").order_by(Reservation.id)):
        slots = bookings.slots_of(s, r.id)
        if slots and first <= slots[0].day < nxt:
            out.append((r, use_of(s, r.id), _title(listing_of(s, r)[1])))
    return out


def lines_csv(rows: list[tuple[Reservation, list[ReservationSlot], UseRecord, str]], settled_total: int | None = None) -> str:
    """CSV (UTF-8 with BOM for Excel): one row per reservation, then the total."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["reservation", "listing", "title", "slots", "hours", "samples", "days", "consumables",
                "computed_krw", "adjustment_krw", "adjustment_reason", "total_krw"])
    for r, slots, use, title in rows:
        w.writerow([r.id, r.listing_id, title, bookings.describe(slots), use.hours, use.samples, use.days,
                    use.consumables_krw, use.computed_krw, use.adjustment_krw, use.adjustment_reason, use.total_krw])
    w.writerow(["total", "", "", "", "", "", "", "", "", "", "",
                settled_total if settled_total is not None else sum(u.total_krw for _r, _s, u, _t in rows)])
    return "\ufeff" + buf.getvalue()
