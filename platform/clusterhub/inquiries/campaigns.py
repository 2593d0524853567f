"""Survey campaigns (정기 수요·만족도 조사): the foundation's questionnaire, its audience, invitations
by mail with a one-time link that needs no login, reminders and the closing date.

A link carries a random token signed with the app's secret (itsdangerous), bound to its campaign;
only the token's SHA-256 is stored, and it works once, until the campaign closes."""
from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime

import sqlalchemy as sa
from itsdangerous import BadSignature, URLSafeSerializer
from sqlmodel import Session, select

from ..auth.models import User
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..messages import N_
from ..models import utcnow
from . import mail
from .holidays import kst_day
from .models import InquiryRequest, SurveyCampaign, SurveyInvitation, SurveyResponse, Ticket

AUDIENCES = ("all", "cluster", "no_request")
KINDS = ("likert", "choice", "text", "nps")
SALT = "survey-invitation"


def parse_questions(text: str) -> list[dict]:
    """One question a line: `kind | 한국어 | English [| 보기1/option 1; 보기2/option 2]` (choice
    needs options; likert is 1–5, nps 0–10). Invalid names the line that is wrong."""
    questions, errors = [], []
    for n, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        kind = parts[0].lower()
        if kind not in KINDS or len(parts) < 2 or not parts[1]:
            errors.append({"path": f"questions.{n}", "message": N_("Line %(n)d: write `kind | 한국어 | English`, "
                           "kind being likert, choice, text or nps."), "params": {"n": n}})
            continue
        q = {"id": f"q{len(questions) + 1}", "kind": kind, "ko": parts[1],
             "en": parts[2] if len(parts) > 2 and parts[2] else parts[1], "options": []}
        if kind == "choice":
            for option in (parts[3] if len(parts) > 3 else "").split(";"):
                ko, _, en = option.partition("/")
                if ko.strip():
                    q["options"].append({"ko": ko.strip(), "en": en.strip() or ko.strip()})
            if len(q["options"]) < 2:
                errors.append({"path": f"questions.{n}", "message": N_("Line %(n)d: a choice needs two options "
                               "or more, as `보기1/option 1; 보기2/option 2`."), "params": {"n": n}})
        questions.append(q)
    if not questions and not errors:
        errors.append({"path": "questions", "message": N_("Write at least one question.")})
    if errors:
        raise Invalid(N_("The questionnaire could not be read."), errors)
    return questions


def create(s: Session, by: str, *, title_ko: str, title_en: str, questions: str, audience: str,
           closes_on: str, cluster: str = "", period_from: str = "", period_to: str = "") -> SurveyCampaign:
    errors = []
    if not (title_ko or "").strip():
        errors.append({"path": "title_ko", "message": N_("Give the survey a Korean title.")})
    if audience not in AUDIENCES:
        errors.append({"path": "audience", "message": N_("Choose an audience.")})
    dates = {}
    for name, value in (("closes_on", closes_on), ("period_from", period_from), ("period_to", period_to)):
        try:
            dates[name] = date.fromisoformat(value.strip()) if (value or "").strip() else None
        except ValueError:
            errors.append({"path": name, "message": N_("Give a date (YYYY-MM-DD).")})
    if "closes_on" in dates and (dates["closes_on"] is None or dates["closes_on"] < kst_day(utcnow())):
        errors.append({"path": "closes_on", "message": N_("The closing date must be today or later.")})
    if audience == "cluster" and not (cluster and dates.get("period_from") and dates.get("period_to")):
        errors.append({"path": "cluster", "message": N_("Name the cluster and the period (from, to).")})
    try:
        parsed = parse_questions(questions)
    except Invalid as exc:
        errors += exc.details
    if errors:
        raise Invalid(N_("The survey could not be created."), errors)
    campaign = SurveyCampaign(title_ko=title_ko.strip()[:200], title_en=(title_en or "").strip()[:200],
                              questions=parsed, audience=audience, cluster=cluster or None,
                              period_from=dates["period_from"], period_to=dates["period_to"],
                              closes_on=dates["closes_on"], created_by=by)
    s.add(campaign)
    s.flush()
    return campaign


def get(s: Session, campaign_id: int) -> SurveyCampaign:
    campaign = s.get(SurveyCampaign, campaign_id)
    if campaign is None:
        raise NotFound(N_("No survey #%(id)s."), id=campaign_id)
    return campaign


def listing(s: Session) -> list[SurveyCampaign]:
    return list(s.exec(select(SurveyCampaign).order_by(SurveyCampaign.id.desc())))


def audience(s: Session, campaign: SurveyCampaign) -> list[str]:
    """The e-mail addresses of the active company members the campaign is for:
    all; those whose company asked the cluster in the period; those who signed in but whose
    company never sent a request (search logs keep no user, so "searched" means "signed in")."""
    members = list(s.exec(select(User).where(User.role == "member", User.active == True)))  # noqa: E712
    if campaign.audience == "all":
        chosen = members
    else:
        sent = list(s.exec(select(InquiryRequest.company_id, InquiryRequest.user_id, Ticket.cluster,
                                  Ticket.created_at).join(Ticket, Ticket.request_id == InquiryRequest.id)))
        if campaign.audience == "cluster":
            hits = [(c, u) for c, u, cl, at in sent if cl == campaign.cluster
                    and campaign.period_from <= kst_day(at) <= campaign.period_to]
            chosen = [m for m in members if (m.company_id, m.id) in hits
                      or (m.company_id is not None and m.company_id in {c for c, _u in hits})]
        else:
            companies, users = {c for c, _u, _cl, _at in sent if c}, {u for _c, u, _cl, _at in sent}
            chosen = [m for m in members if m.last_login_at is not None and m.id not in users
                      and (m.company_id is None or m.company_id not in companies)]
    return sorted({m.email for m in chosen})


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_token(secret: str, campaign_id: int, token: str) -> str:
    return URLSafeSerializer(secret, salt=SALT).dumps([campaign_id, token])


def _mail(s: Session, campaign: SurveyCampaign, to: str, link: str, reminder: bool) -> None:
    mail.send(s, to, "survey_invitation", title={"ko": campaign.title_ko, "en": campaign.title_en},
              reminder=reminder, closes=campaign.closes_on.isoformat(), link=link)


def invite(s: Session, campaign_id: int, secret: str, link) -> int:
    """Invite everyone of the audience not yet invited (a fresh token each); returns how many.
    link(campaign_id, signed_token) gives the address put in the mail."""
    campaign = get(s, campaign_id)
    if kst_day(utcnow()) > campaign.closes_on:
        raise Conflict(N_("The survey closed on %(date)s."), date=campaign.closes_on.isoformat())
    invited = set(s.exec(select(SurveyInvitation.email).where(SurveyInvitation.campaign_id == campaign.id)))
    n = 0
    for email in audience(s, campaign):
        if email in invited:
            continue
        token = secrets.token_urlsafe(32)
        s.add(SurveyInvitation(campaign_id=campaign.id, email=email, token_hash=_hash(token)))
        _mail(s, campaign, email, link(campaign.id, link_token(secret, campaign.id, token)), reminder=False)
        n += 1
    campaign.sent_at = campaign.sent_at or utcnow()
    s.add(campaign)
    return n


def remind(s: Session, campaign_id: int, secret: str, link) -> int:
    """Mail a new one-time link to those who have not answered (the old one stops working)."""
    campaign = get(s, campaign_id)
    if kst_day(utcnow()) > campaign.closes_on:
        raise Conflict(N_("The survey closed on %(date)s."), date=campaign.closes_on.isoformat())
    n = 0
    for inv in s.exec(select(SurveyInvitation).where(SurveyInvitation.campaign_id == campaign.id,
                                                     SurveyInvitation.answered_at.is_(None))):
        token = secrets.token_urlsafe(32)
        inv.token_hash, inv.reminded_at = _hash(token), utcnow()
        s.add(inv)
        _mail(s, campaign, inv.email, link(campaign.id, link_token(secret, campaign.id, token)), reminder=True)
        n += 1
    return n


def open_invitation(s: Session, campaign_id: int, signed: str, secret: str,
                    now: datetime | None = None) -> tuple[SurveyCampaign, SurveyInvitation]:
    """The campaign and invitation of a one-time link, or why it does not open: forged, for another
    campaign, unknown (replaced by a reminder), already used, or closed."""
    try:
        bound, token = URLSafeSerializer(secret, salt=SALT).loads(signed)
    except (BadSignature, ValueError, TypeError):
        raise Forbidden(N_("This survey link is not valid. Use the link in your invitation mail."))
    if bound != campaign_id:
        raise Forbidden(N_("This link belongs to another survey."))
    campaign = get(s, campaign_id)
    inv = s.exec(select(SurveyInvitation).where(SurveyInvitation.token_hash == _hash(str(token)))).first()
    if inv is None or inv.campaign_id != campaign_id:
        raise Forbidden(N_("This survey link is no longer valid: a newer invitation replaced it."))
    if inv.answered_at is not None:
        raise Conflict(N_("This survey link was already used on %(date)s: each link answers once."),
                       date=kst_day(inv.answered_at).isoformat())
    if kst_day(now or utcnow()) > campaign.closes_on:
        raise Conflict(N_("The survey closed on %(date)s."), date=campaign.closes_on.isoformat())
    return campaign, inv


def answer(s: Session, campaign_id: int, signed: str, secret: str, form: dict,
           now: datetime | None = None) -> SurveyResponse:
    """Record the answers of a one-time link (every question but text needs an answer) and spend it."""
    campaign, inv = open_invitation(s, campaign_id, signed, secret, now)
    answers, errors = {}, []
    for q in campaign.questions:
        raw = str(form.get(q["id"], "") or "").strip()
        if q["kind"] == "text":
            if raw:
                answers[q["id"]] = raw[:2000]
            continue
        allowed = {"likert": range(1, 6), "nps": range(0, 11), "choice": range(len(q["options"]))}[q["kind"]]
        if not raw.isdigit() or int(raw) not in allowed:
            errors.append({"path": q["id"], "message": N_("Choose an answer.")})
        else:
            answers[q["id"]] = int(raw)
    if errors:
        raise Invalid(N_("The survey could not be recorded."), errors)
    spent = s.execute(sa.update(SurveyInvitation).where(SurveyInvitation.id == inv.id,
                                                       SurveyInvitation.answered_at.is_(None))
                      .values(answered_at=now or utcnow()))
    if spent.rowcount != 1:  # the same link answered at the same moment elsewhere
        raise Conflict(N_("This survey link was already used: each link answers once."))
    response = SurveyResponse(campaign_id=campaign.id, answers=answers)
    s.add(response)
    return response
