"""First response times: median per cluster, share within 3 working days, overdue tickets."""
from __future__ import annotations

from statistics import median

from sqlmodel import Session, select

from ..models import utcnow
from .holidays import working_days_between
from .models import Ticket

WITHIN = 3  # working days, counting Korean public holidays (holidays.py)


def hours(ticket: Ticket) -> float | None:
    if ticket.first_response_at is None:
        return None
    return (ticket.first_response_at - ticket.created_at).total_seconds() / 3600


def overdue(ticket: Ticket, now=None) -> bool:
    """Unanswered for more than WITHIN working days."""
    return (ticket.first_response_at is None and ticket.status in ("received",)
            and working_days_between(ticket.created_at, now or utcnow()) > WITHIN)


def summary(rows: list[Ticket]) -> dict | None:
    """{n, median_hours, within_share} over the answered tickets; None when none was answered."""
    answered = [t for t in rows if t.first_response_at is not None]
    if not answered:
        return None
    within = sum(working_days_between(t.created_at, t.first_response_at) <= WITHIN for t in answered)
    return {"n": len(answered), "median_hours": round(median(hours(t) for t in answered), 1),
            "within_share": round(100 * within / len(answered))}


def for_cluster(s: Session, cluster: str) -> dict | None:
    return summary(list(s.exec(select(Ticket).where(Ticket.cluster == cluster))))
