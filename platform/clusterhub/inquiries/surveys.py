"""Satisfaction surveys of completed tickets, and averages shown once there are enough answers."""
from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, select

from ..auth import Principal
from ..errors import Conflict, Forbidden, Invalid
from ..messages import N_
from . import tickets
from .models import Survey, Ticket

SCALES = ("quality", "speed", "communication")
MIN_ANSWERS = 5  # fewer answers are not shown: too few to mean anything, and too easy to trace back


def answer(s: Session, user: Principal, ticket_id: int, scores: dict, comment: str = "") -> Survey:
    """The requester rates a completed ticket once, 1 to 5 on each scale."""
    ticket, who = tickets.get_for(s, user, ticket_id)
    if who != "company":
        raise Forbidden(N_("Only the requesting company answers the survey."))
    if ticket.status != "completed":
        raise Conflict(N_("The survey opens when the ticket is completed."))
    if s.exec(select(Survey).where(Survey.ticket_id == ticket.id)).first():
        raise Conflict(N_("This survey has already been answered."))
    values, errors = {}, []
    for scale in SCALES:
        try:
            values[scale] = int(scores.get(scale))
            if not 1 <= values[scale] <= 5:
                raise ValueError
        except (TypeError, ValueError):
            errors.append({"path": scale, "message": N_("Choose 1 to 5.")})
    if errors:
        raise Invalid(N_("The survey could not be recorded."), errors)
    survey = Survey(ticket_id=ticket.id, comment=(comment or "").strip()[:2000], **values)
    s.add(survey)
    return survey


def of_ticket(s: Session, ticket_id: int) -> Survey | None:
    return s.exec(select(Survey).where(Survey.ticket_id == ticket_id)).first()


def averages(s: Session, cluster: str | None = None, listing_id: str | None = None) -> dict | None:
    """{n, quality, speed, communication} for a cluster or a listing; None below MIN_ANSWERS.

    Only the scores are read, and a listing's surveys are picked out by the database first (its
    id in the ticket's stored list, as text) and checked here: the listing page asks for every
    listing it shows, and reading every survey of the federation for it grew with the surveys."""
    query = select(Survey.quality, Survey.speed, Survey.communication, Ticket.listing_ids).join(
        Ticket, Ticket.id == Survey.ticket_id)
    if cluster:
        query = query.where(Ticket.cluster == cluster)
    if listing_id is not None:
        text = sa.cast(Ticket.listing_ids, sa.Text)
        # SQLite keeps the list as json.dumps wrote it (non-ASCII escaped), PostgreSQL's jsonb
        # prints UTF-8: either spelling of the quoted id may appear.
        query = query.where(sa.or_(*(text.contains(json.dumps(listing_id, ensure_ascii=flag), autoescape=True)
                                     for flag in (True, False))))
    rows = [r[:3] for r in s.exec(query) if listing_id is None or listing_id in r[3]]
    if len(rows) < MIN_ANSWERS:
        return None
    return {"n": len(rows), **{k: round(sum(r[i] for r in rows) / len(rows), 1) for i, k in enumerate(SCALES)}}


def count(s: Session) -> int:
    return s.exec(select(func.count()).select_from(Survey)).one()
