"""A cluster's stated reservation rules (opening hours, cancellation deadline, SME discount) and
which listings take reservations at all."""
from __future__ import annotations

from sqlmodel import Session

from ..auth import Principal
from ..errors import Forbidden, Invalid
from ..messages import N_
from ..models import utcnow
from .models import ReservationPolicy

BOOKABLE_MODES = ("self_use", "operator_assisted")  # a consult listing is asked, not booked


def bookable(document: dict) -> bool:
    """Equipment whose booking mode is self-use or operator-assisted has a calendar."""
    mode = (document.get("booking") or {}).get("mode")
    return document.get("kind") == "equipment" and mode in BOOKABLE_MODES


def policy(s: Session, cluster: str) -> ReservationPolicy:
    """The cluster's rules, or the defaults (9–18 KST, cancel until 2 days before, no discount)."""
    return s.get(ReservationPolicy, cluster) or ReservationPolicy(cluster=cluster)


def open_hours(rule: ReservationPolicy) -> range:
    return range(rule.open_hour, rule.close_hour)


def set_policy(s: Session, user: Principal, cluster: str, *, open_hour: int, close_hour: int,
               cancel_days: int, sme_discount_pct: int, note: str = "") -> ReservationPolicy:
    """The cluster's operators state their rules; Invalid names each wrong field."""
    if not user.operates(cluster):
        raise Forbidden(N_("Only the operators of cluster %(cluster)s and administrators may do this."),
                        cluster=repr(cluster))
    errors = []
    if not (0 <= open_hour < close_hour <= 24):
        errors.append({"path": "close_hour", "message": N_("Opening hours run from 0 to 24, opening before closing.")})
    if not (0 <= cancel_days <= 60):
        errors.append({"path": "cancel_days", "message": N_("Give 0 to 60 days.")})
    if not (0 <= sme_discount_pct <= 100):
        errors.append({"path": "sme_discount_pct", "message": N_("Give a rate from 0 to 100 per cent.")})
    if errors:
        raise Invalid(N_("The reservation rules could not be saved."), errors)
    row = s.get(ReservationPolicy, cluster) or ReservationPolicy(cluster=cluster)
    row.open_hour, row.close_hour, row.cancel_days = open_hour, close_hour, cancel_days
    row.sme_discount_pct, row.note, row.updated_at = sme_discount_pct, (note or "")[:1000], utcnow()
    s.add(row)
    return row
