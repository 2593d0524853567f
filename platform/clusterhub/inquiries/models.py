"""SQLModel tables of requests: the request, its tickets, their events, attachments, surveys, mail, search log."""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from ..models import JSONType, utcnow


class InquiryRequest(SQLModel, table=True):
    """One request a company member sent from the basket; split into one ticket per cluster."""

    __tablename__ = "inquiry_requests"

    id: Optional[int] = Field(default=None, primary_key=True)
    company_id: Optional[int] = Field(default=None, foreign_key="companies.id", index=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    need: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    timeline: str = Field(default="", max_length=200)
    budget: str = Field(default="", max_length=40)
    consent: bool = False
    created_at: datetime = Field(default_factory=utcnow, index=True)


class Ticket(SQLModel, table=True):
    """The part of a request that goes to one cluster's operators."""

    __tablename__ = "inquiry_tickets"

    id: Optional[int] = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="inquiry_requests.id", index=True)
    cluster: str = Field(foreign_key="clusters.code", max_length=40, index=True)
    listing_ids: list = Field(default_factory=list, sa_column=sa.Column(JSONType, nullable=False))
    categories: list = Field(default_factory=list, sa_column=sa.Column(JSONType, nullable=False))
    status: str = Field(default="received", max_length=20, index=True)
    decline_reason: str = Field(default="", max_length=1000)
    quote_amount: Optional[int] = None
    quote_valid_until: Optional[date] = None
    created_at: datetime = Field(default_factory=utcnow, index=True)
    first_response_at: Optional[datetime] = None
    updated_at: datetime = Field(default_factory=utcnow)
    # 0 none, 1 after 3 and 2 after 5 working days without a first answer (inquiries/escalation.py)
    escalation_level: int = Field(default=0)
    escalated_at: Optional[datetime] = None


class TicketEvent(SQLModel, table=True):
    """A timestamped change of status, a message, or the company's answer to a quote, on a ticket."""

    __tablename__ = "inquiry_events"

    id: Optional[int] = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="inquiry_tickets.id", index=True)
    kind: str = Field(max_length=10)  # "status", "message" or "quote" (the company's answer)
    status: str = Field(default="", max_length=20)
    body: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False))
    # What the platform adds to the event, as a code translated when shown (tickets.NOTES): the
    # body holds only what a person wrote, in their own language.
    note: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": ""})
    # The values the note needs, e.g. the slots of a reservation note (reservations/bookings.py NOTES).
    note_params: Optional[dict] = Field(default=None, sa_column=sa.Column(JSONType, nullable=True))
    author_id: Optional[int] = Field(default=None, foreign_key="users.id")
    author_side: str = Field(default="", max_length=10)  # "company" or "cluster"
    at: datetime = Field(default_factory=utcnow)


class Attachment(SQLModel, table=True):
    """A file sent with a request, kept in the database (10 MB at most, a few types)."""

    __tablename__ = "inquiry_attachments"

    id: Optional[int] = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="inquiry_requests.id", index=True)
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=120)
    size: int
    data: bytes = Field(sa_column=sa.Column(sa.LargeBinary, nullable=False))


class Survey(SQLModel, table=True):
    """The requester's satisfaction with a completed ticket: 1 to 5 on three scales, and a comment."""

    __tablename__ = "inquiry_surveys"

    id: Optional[int] = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="inquiry_tickets.id", unique=True)
    quality: int
    speed: int
    communication: int
    comment: str = Field(default="", max_length=2000)
    created_at: datetime = Field(default_factory=utcnow)


class OutboxMail(SQLModel, table=True):
    """A notification e-mail, queued with the action that caused it; delivered through SMTP after
    the commit and retried until sent (inquiries/mail.py), or kept here when there is no SMTP_HOST."""

    __tablename__ = "mail_outbox"

    id: Optional[int] = Field(default=None, primary_key=True)
    to: str = Field(max_length=320)
    subject: str = Field(max_length=300)
    body: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, index=True)
    sent_at: Optional[datetime] = None
    attempts: int = Field(default=0)
    last_error: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))


# SQL NULL (not JSON null) when a search was not widened: the gap report selects widened rows by it.
_NULLABLE_JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


class SearchLog(SQLModel, table=True):
    """One search, with no personal data: the normalised query, its filters and the result count."""

    __tablename__ = "search_log"

    id: Optional[int] = Field(default=None, primary_key=True)
    query: str = Field(default="", max_length=200, index=True)
    filters: dict = Field(default_factory=dict, sa_column=sa.Column(JSONType, nullable=False))
    results: int = 0
    day: date = Field(default_factory=lambda: utcnow().date(), index=True)
    # The places read from q that held no listing with its words, when the search widened to the
    # whole federation: {"places": ["광주"], "words": "유전체분석 서비스"}; None when not widened.
    widened: Optional[dict] = Field(default=None, sa_column=sa.Column(_NULLABLE_JSON, nullable=True))


class SurveyCampaign(SQLModel, table=True):
    """A regular demand or satisfaction survey (정기 수요·만족도 조사) the foundation sends to an audience."""

    __tablename__ = "survey_campaigns"

    id: Optional[int] = Field(default=None, primary_key=True)
    title_ko: str = Field(max_length=200)
    title_en: str = Field(default="", max_length=200)
    # [{"id": "q1", "kind": "likert"|"choice"|"text"|"nps", "ko": ..., "en": ..., "options": [{"ko", "en"}]}]
    questions: list = Field(default_factory=list, sa_column=sa.Column(JSONType, nullable=False))
    audience: str = Field(max_length=20)  # "all", "cluster" or "no_request" (campaigns.AUDIENCES)
    cluster: Optional[str] = Field(default=None, max_length=40)
    period_from: Optional[date] = None
    period_to: Optional[date] = None
    closes_on: date
    created_by: str = Field(default="", max_length=320)
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: Optional[datetime] = None


class SurveyInvitation(SQLModel, table=True):
    """One invited person: the hash of the one-time link's random token, sent, reminded, answered."""

    __tablename__ = "survey_invitations"
    __table_args__ = (sa.UniqueConstraint("campaign_id", "email"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="survey_campaigns.id", index=True)
    email: str = Field(max_length=320)
    token_hash: str = Field(max_length=64, unique=True)
    sent_at: datetime = Field(default_factory=utcnow)
    reminded_at: Optional[datetime] = None
    answered_at: Optional[datetime] = None


class SurveyResponse(SQLModel, table=True):
    """The answers of one invitation, kept apart from it (no e-mail, no invitation id)."""

    __tablename__ = "survey_responses"

    id: Optional[int] = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="survey_campaigns.id", index=True)
    answers: dict = Field(default_factory=dict, sa_column=sa.Column(JSONType, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class GapTriage(SQLModel, table=True):
    """A curator's decision on one gap group (normalised query): a synonym miss (with the thesaurus
    entry it added), noise, or a real gap (assigned to clusters, answered to its requesters)."""

    __tablename__ = "gap_triage"

    id: Optional[int] = Field(default=None, primary_key=True)
    query: str = Field(max_length=200, unique=True)
    decision: str = Field(max_length=10)  # "synonym", "noise", "gap" or "merged" (into merged_into)
    merged_into: str = Field(default="", max_length=200)
    thesaurus_key: str = Field(default="", max_length=80)
    results_after: Optional[int] = None  # the query re-run after the synonym entry
    clusters: list = Field(default_factory=list, sa_column=sa.Column(JSONType, nullable=False))
    note: str = Field(default="", max_length=1000)
    decided_by: str = Field(default="", max_length=320)
    decided_at: datetime = Field(default_factory=utcnow)
    answered_at: Optional[datetime] = None
