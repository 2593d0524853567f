"""Who answers a cluster's tickets and by when: its active operators, or else the foundation's
intake desk (the active curators), visibly; the first answer is due WITHIN working days after the
ticket's day (Korean public holidays excluded, holidays.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ..auth.models import User
from ..auth.roles import ADMIN, CURATOR
from .holidays import add_working_days, kst_day
from .models import Ticket
from .response_times import WITHIN

OPERATORS, INTAKE = "operators", "intake"


@dataclass(frozen=True)
class Route:
    """kind: "operators" (the cluster's own) or "intake" (the foundation's desk); emails to notify."""

    cluster: str
    kind: str
    emails: tuple[str, ...]


def _emails(s: Session, *where) -> list[str]:
    return sorted(s.exec(select(User.email).where(User.active == True, *where)))  # noqa: E712


def intake_desk(s: Session) -> list[str]:
    """The foundation's intake desk: active curators, or the administrators when there is none."""
    return _emails(s, User.role == CURATOR) or _emails(s, User.role == ADMIN)


def route(s: Session, cluster: str) -> Route:
    operators = _emails(s, User.role == "operator", User.cluster == cluster)
    if operators:
        return Route(cluster, OPERATORS, tuple(operators))
    return Route(cluster, INTAKE, tuple(intake_desk(s)))


def has_operators(s: Session, cluster: str) -> bool:
    return route(s, cluster).kind == OPERATORS


def first_answer_due(ticket: Ticket) -> date:
    """The last (Korean) day on which the first answer is on time."""
    return add_working_days(kst_day(ticket.created_at), WITHIN)
