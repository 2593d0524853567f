"""Reservation requests: a company asks for slots; the operator confirms, proposes other slots or
declines; either side cancels within the cluster's rules. Confirming books the hours in
booked_hours, whose primary key refuses a second booking of the same hour even under a race."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, delete, select

from ..auth import MEMBER, Principal
from ..auth.models import User
from ..auth.roles import check_role
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..messages import N_, Term
from ..models import utcnow
from ..inquiries import mail, requests
from ..inquiries.holidays import kst_day
from ..inquiries.models import InquiryRequest, Ticket, TicketEvent
from . import calendar, rules
from .models import BookedHour, Reservation, ReservationSlot

MODES = ("self_use", "staff")  # direct use after training; analysis by the cluster's staff
STATUSES = ("requested", "proposed", "confirmed", "declined", "cancelled", "used")
MAX_SLOTS = 10
HORIZON_DAYS = 182  # half a year ahead: the holiday table and the feeds reach that far
REASONS = {"holiday": Term(N_("a public holiday")), "closed": Term(N_("a weekend")),
           "hours": Term(N_("outside opening hours")), "maintenance": Term(N_("maintenance")),
           "internal": Term(N_("internal use")), "feed": Term(N_("booked in the cluster's own system")),
           "booked": Term(N_("already reserved"))}


# Notes of the ticket events a reservation adds (TicketEvent.note, translated when shown; the
# values in note_params): the body holds only the reason a person wrote.
REQUESTED, CONFIRMED, PROPOSED, ACCEPTED = "res_requested", "res_confirmed", "res_proposed", "res_accepted"
DECLINED, CANCELLED, USE_RECORDED = "res_declined", "res_cancelled", "use_recorded"
NOTES = (REQUESTED, CONFIRMED, PROPOSED, ACCEPTED, DECLINED, CANCELLED, USE_RECORDED)


@dataclass(frozen=True)
class Slot:
    day: date
    start_hour: int
    end_hour: int


def slot_params(slots) -> list[dict]:
    """Slots (or slot rows) as a note's values: [{"day": "2026-12-10", "start_hour": 9, "end_hour": 11}]."""
    return [{"day": x.day.isoformat(), "start_hour": x.start_hour, "end_hour": x.end_hour} for x in slots]


def slots_from_params(values) -> list[Slot]:
    return [Slot(date.fromisoformat(x["day"]), x["start_hour"], x["end_hour"]) for x in values or []]


def side(s: Session, user: Principal, r: Reservation) -> str:
    """"cluster" for the cluster's operators (and admins), "company" for the requesting company."""
    if user.operates(r.cluster):
        return "cluster"
    if user.role == MEMBER and requests.can_see(s, user, s.get(InquiryRequest, s.get(Ticket, r.ticket_id).request_id)):
        return "company"
    raise Forbidden(N_("Only the cluster's operators and the requesting company may see this reservation."))


def get_for(s: Session, user: Principal, reservation_id: int) -> tuple[Reservation, str]:
    r = s.get(Reservation, reservation_id)
    if r is None:
        raise NotFound(N_("No reservation #%(id)s."), id=reservation_id)
    return r, side(s, user, r)


def slots_of(s: Session, reservation_id: int) -> list[ReservationSlot]:
    return list(s.exec(select(ReservationSlot).where(ReservationSlot.reservation_id == reservation_id)
                       .order_by(ReservationSlot.day, ReservationSlot.start_hour)))


def check_slots(s: Session, listing_id: str, cluster: str, slots: list[Slot], earliest: date) -> list[dict]:
    """One error per slot that cannot be booked, saying which slot and why."""
    errors: list[dict] = []
    if not slots:
        return [{"path": "slots", "message": N_("Ask for at least one slot.")}]
    if len(slots) > MAX_SLOTS:
        return [{"path": "slots", "message": N_("Ask for at most %(n)d slots at once."), "params": {"n": MAX_SLOTS}}]
    latest = kst_day(utcnow()) + timedelta(days=HORIZON_DAYS)
    slots_in = [x for x in slots if x.day <= latest] or slots[:1]
    first = min(x.day for x in slots_in)
    by_day = {d.day: d for d in calendar.days(s, listing_id, cluster, first, (max(x.day for x in slots_in) - first).days + 1)}
    seen: dict[tuple[date, int], int] = {}
    for i, slot in enumerate(slots):
        path = f"slots[{i}]"
        if not (0 <= slot.start_hour < slot.end_hour <= 24):
            errors.append({"path": path, "message": N_("Give hours from 0 to 24, the start before the end.")})
            continue
        if slot.day < earliest:
            errors.append({"path": path, "message": N_("%(day)s is too soon: the earliest day is %(earliest)s."),
                           "params": {"day": slot.day.isoformat(), "earliest": earliest.isoformat()}})
            continue
        if slot.day > latest:
            errors.append({"path": path, "message": N_("%(day)s is too far ahead: reservations open until %(latest)s."),
                           "params": {"day": slot.day.isoformat(), "latest": latest.isoformat()}})
            continue
        why = calendar.why_taken(by_day[slot.day], slot.start_hour, slot.end_hour)
        if why is not None:
            hour, code = why
            errors.append({"path": path, "message": N_("%(day)s %(hour)02d:00 is not available: %(reason)s."),
                           "params": {"day": slot.day.isoformat(), "hour": hour, "reason": REASONS[code]}})
            continue
        for h in range(slot.start_hour, slot.end_hour):
            if (slot.day, h) in seen:
                errors.append({"path": path, "message": N_("This slot overlaps slot %(n)d of the same request."),
                               "params": {"n": seen[(slot.day, h)] + 1}})
                break
            seen[(slot.day, h)] = i
    return errors


def ticket_event(s: Session, ticket_id: int, user: Principal, who: str, body: str = "", *,
                 note: str = "", params: dict | None = None) -> None:
    """A message event on the ticket: body what the person wrote, note (NOTES) and params what
    the platform adds, said in the reader's language when shown."""
    ticket = s.get(Ticket, ticket_id)
    now = utcnow()
    if who == "cluster" and ticket.first_response_at is None:
        ticket.first_response_at = now
    ticket.updated_at = now
    s.add(ticket)
    s.add(TicketEvent(ticket_id=ticket_id, kind="message", body=body[:4000], note=note, note_params=params,
                      author_id=user.id, author_side=who, at=now))


def tell(s: Session, r: Reservation, who: str, event: str, total_krw: int | None = None) -> None:
    """Mail the other side of r that event (templates/mail/reservation.txt) happened; "used" names
    the recorded total and links the ticket's statement, which the company reviews and accepts."""
    if who == "cluster":
        requester = s.get(User, r.user_id)
        recipients = [requester.email] if requester else []
    else:
        recipients = mail.operators_of(s, r.cluster)
    for to in recipients:
        mail.send(s, to, "reservation", reservation_id=r.id, event=event, mode=r.mode,
                  slots=describe(slots_of(s, r.id)), total_krw=total_krw,
                  link=f"/tickets/{r.ticket_id}/statement" if event == "used" else f"/reservations/{r.id}",
                  reason=r.reason if event in ("proposed", "declined", "cancelled") else "")


def describe(slots) -> str:
    return ", ".join(f"{x.day.isoformat()} {x.start_hour:02d}–{x.end_hour:02d}" for x in slots)


def ask(s: Session, user: Principal, listing_id: str, slots: list[Slot], *, mode: str, note: str = "") -> Reservation:
    """A company member asks for slots of a bookable instrument; a ticket of its cluster carries it."""
    check_role(user, MEMBER)
    row, doc = calendar.bookable_listing(s, listing_id)
    lead = (doc.get("booking") or {}).get("lead_time_days") or 0
    errors = []
    if mode not in MODES:
        errors.append({"path": "mode", "message": N_("Choose direct use (after training) or analysis by staff.")})
    errors += check_slots(s, listing_id, row.cluster, slots, kst_day(utcnow()) + timedelta(days=lead))
    if errors:
        raise Invalid(N_("The reservation could not be requested."), errors)
    note = (note or "").strip()[:2000]
    company = s.get(User, user.id).company_id
    # The need is what the person wrote; the slots and mode go with the received event's note.
    sent = InquiryRequest(company_id=company, user_id=user.id, need=note, timeline=describe(slots)[:200],
                          budget="undecided", consent=True)
    s.add(sent)
    s.flush()
    ticket = Ticket(request_id=sent.id, cluster=row.cluster, listing_ids=[row.id],
                    categories=sorted(doc.get("categories", [])))
    s.add(ticket)
    s.flush()
    s.add(TicketEvent(ticket_id=ticket.id, kind="status", status="received", note=REQUESTED,
                      note_params={"slots": slot_params(slots), "mode": mode}, author_id=user.id,
                      author_side="company", at=ticket.created_at))
    r = Reservation(listing_id=row.id, cluster=row.cluster, ticket_id=ticket.id, company_id=company,
                    user_id=user.id, mode=mode, note=note)
    s.add(r)
    s.flush()
    for slot in slots:
        s.add(ReservationSlot(reservation_id=r.id, day=slot.day, start_hour=slot.start_hour, end_hour=slot.end_hour))
    tell(s, r, "company", "requested")
    return r


def _book(s: Session, r: Reservation) -> None:
    """Book every hour of r's slots, or none: Conflict names the slot that is no longer free."""
    slots = slots_of(s, r.id)
    errors = check_slots(s, r.listing_id, r.cluster, [Slot(x.day, x.start_hour, x.end_hour) for x in slots], date.min)
    if errors:
        raise Conflict(N_("Reservation #%(id)s cannot be confirmed: a slot is no longer free."), errors, id=r.id)
    try:
        with s.begin_nested():
            for x in slots:
                for h in range(x.start_hour, x.end_hour):
                    s.add(BookedHour(listing_id=r.listing_id, day=x.day, hour=h, reservation_id=r.id))
            s.flush()
    except IntegrityError:
        raise Conflict(N_("Reservation #%(id)s cannot be confirmed: another reservation was confirmed for "
                          "the same hours a moment ago."), id=r.id) from None


def _confirmed(s: Session, r: Reservation, user: Principal, who: str, note: str, event: str) -> Reservation:
    """Book r's slots and mark it confirmed, with a ticket event and mail to the other side."""
    _book(s, r)
    r.status, r.updated_at = "confirmed", utcnow()
    s.add(r)
    ticket_event(s, r.ticket_id, user, who, note=note, params={"slots": slot_params(slots_of(s, r.id))})
    tell(s, r, who, event)
    return r


def confirm(s: Session, user: Principal, reservation_id: int) -> Reservation:
    """The operator confirms the asked slots; they block the calendar at once."""
    r, who = get_for(s, user, reservation_id)
    if who != "cluster":
        raise Forbidden(N_("Only the cluster's operators confirm a reservation."))
    if r.status != "requested":
        raise Conflict(N_("A reservation that is %(status)s cannot be confirmed."), status=r.status)
    return _confirmed(s, r, user, who, CONFIRMED, "confirmed")


def propose(s: Session, user: Principal, reservation_id: int, slots: list[Slot], reason: str) -> Reservation:
    """The operator proposes other slots instead; the company accepts them (which books them) or cancels."""
    r, who = get_for(s, user, reservation_id)
    if who != "cluster":
        raise Forbidden(N_("Only the cluster's operators propose other slots."))
    if r.status not in ("requested", "proposed"):
        raise Conflict(N_("A reservation that is %(status)s cannot get a proposal."), status=r.status)
    errors = check_slots(s, r.listing_id, r.cluster, slots, kst_day(utcnow()))
    if errors:
        raise Invalid(N_("The proposal could not be sent."), errors)
    s.exec(delete(ReservationSlot).where(ReservationSlot.reservation_id == r.id))
    for slot in slots:
        s.add(ReservationSlot(reservation_id=r.id, day=slot.day, start_hour=slot.start_hour, end_hour=slot.end_hour))
    r.status, r.reason, r.updated_at = "proposed", (reason or "").strip()[:1000], utcnow()
    s.add(r)
    ticket_event(s, r.ticket_id, user, "cluster", r.reason, note=PROPOSED, params={"slots": slot_params(slots)})
    tell(s, r, "cluster", "proposed")
    return r


def accept_proposal(s: Session, user: Principal, reservation_id: int) -> Reservation:
    """The company accepts the slots the operator proposed; they are booked as a confirmation is."""
    r, who = get_for(s, user, reservation_id)
    if who != "company":
        raise Forbidden(N_("Only the requesting company accepts a proposal."))
    if r.status != "proposed":
        raise Conflict(N_("There is no proposal to accept: the reservation is %(status)s."), status=r.status)
    return _confirmed(s, r, user, who, ACCEPTED, "proposal_accepted")


def decline(s: Session, user: Principal, reservation_id: int, reason: str) -> Reservation:
    r, who = get_for(s, user, reservation_id)
    if who != "cluster":
        raise Forbidden(N_("Only the cluster's operators decline a reservation."))
    if r.status not in ("requested", "proposed"):
        raise Conflict(N_("A reservation that is %(status)s cannot be declined."), status=r.status)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(N_("Say why the reservation is declined."), [{"path": "reason", "message": N_("Give a reason.")}])
    r.status, r.reason, r.updated_at = "declined", reason[:1000], utcnow()
    s.add(r)
    ticket_event(s, r.ticket_id, user, "cluster", reason, note=DECLINED)
    tell(s, r, "cluster", "declined")
    return r


def cancel(s: Session, user: Principal, reservation_id: int, reason: str = "") -> Reservation:
    """Either side cancels; a company cancels a confirmed slot only until the cluster's deadline,
    an operator with a reason. The booked hours are freed at once."""
    r, who = get_for(s, user, reservation_id)
    if r.status not in ("requested", "proposed", "confirmed"):
        raise Conflict(N_("A reservation that is %(status)s cannot be cancelled."), status=r.status)
    reason = (reason or "").strip()
    if who == "cluster" and r.status == "confirmed" and not reason:
        raise Invalid(N_("Say why the reservation is cancelled."), [{"path": "reason", "message": N_("Give a reason.")}])
    if who == "company" and r.status == "confirmed":
        rule = rules.policy(s, r.cluster)
        first = min(x.day for x in slots_of(s, r.id))
        deadline = first - timedelta(days=rule.cancel_days)
        if kst_day(utcnow()) > deadline:
            raise Conflict(N_("%(cluster)s takes cancellations until %(days)d days before the slot (%(deadline)s); "
                              "ask the cluster by message."), cluster=r.cluster, days=rule.cancel_days,
                           deadline=deadline.isoformat())
    s.exec(delete(BookedHour).where(BookedHour.reservation_id == r.id))
    r.status, r.reason, r.updated_at = "cancelled", reason[:1000], utcnow()
    s.add(r)
    ticket_event(s, r.ticket_id, user, who, reason, note=CANCELLED)
    tell(s, r, who, "cancelled")
    return r


def of_ticket(s: Session, ticket_id: int) -> list[Reservation]:
    """The reservations on a ticket; callers show them only to whom the ticket shows."""
    return list(s.exec(select(Reservation).where(Reservation.ticket_id == ticket_id).order_by(Reservation.id)))


def mine(s: Session, user: Principal) -> list[Reservation]:
    """The reservations of the member's company (or the member's own without a company)."""
    check_role(user, MEMBER)
    company = s.get(User, user.id).company_id
    query = select(Reservation).order_by(Reservation.id.desc())
    query = query.where(Reservation.company_id == company) if company is not None \
        else query.where(Reservation.user_id == user.id)
    return list(s.exec(query))


def of_cluster(s: Session, user: Principal, cluster: str | None = None) -> list[Reservation]:
    """The reservations of the operator's cluster (admins: every cluster, or the one asked for)."""
    cluster = cluster if user.role == "admin" else user.cluster
    if user.role not in ("operator", "admin") or (user.role == "operator" and not cluster):
        raise Forbidden(N_("Only a cluster's operators see its reservations."))
    query = select(Reservation).order_by(Reservation.id.desc())
    if cluster:
        query = query.where(Reservation.cluster == cluster)
    return list(s.exec(query))
