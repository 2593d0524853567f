"""Hand-off packages: a stage's results (files, a note) reach the next stage's cluster only with the
company's recorded consent; a cluster running late revises its end and later stages move."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ..auth import Principal
from ..curation import audit
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..inquiries import attachments, mail
from ..inquiries.holidays import kst_day
from ..messages import N_
from ..models import utcnow
from . import requests
from .models import HandoffFile, Pathway, PathwayStage

MAX_NOTE = 4000


@dataclass
class Package:
    stage: PathwayStage
    note: str
    files: list[HandoffFile]


def _stage(s: Session, stage_id: int) -> tuple[Pathway, PathwayStage]:
    stage = s.get(PathwayStage, stage_id)
    if stage is None:
        raise NotFound(N_("No pathway stage #%(id)s."), id=stage_id)
    return s.get(Pathway, stage.pathway_id), stage


def pathway_of(s: Session, stage_id: int) -> int:
    return _stage(s, stage_id)[0].id


def add(s: Session, user: Principal, stage_id: int, note: str,
        uploads: list[attachments.Upload]) -> PathwayStage:
    """The stage's cluster (or the company) adds results to the stage's hand-off package."""
    pathway, stage = _stage(s, stage_id)
    who = requests.side(s, user, pathway)
    if who != "company" and not user.operates(stage.cluster):
        raise Forbidden(N_("Only the stage's cluster and the requesting company add to its hand-off package."))
    note = (note or "").strip()
    files = attachments.check(uploads)
    if not note and not files:
        raise Invalid(N_("Add a note or a file."), [{"path": "note", "message": N_("Add a note or a file.")}])
    if len(note) > MAX_NOTE:
        raise Invalid(N_("Keep it under %(max)d characters."), [{"path": "note", "message": N_(
            "Keep it under %(max)d characters."), "params": {"max": MAX_NOTE}}], max=MAX_NOTE)
    if note:
        stage.handoff_note = (stage.handoff_note + "\n\n" + note).strip()
    for name, content_type, data in files:
        s.add(HandoffFile(stage_id=stage.id, filename=name, content_type=content_type, size=len(data),
                          data=data, uploaded_by=user.id))
    s.add(stage)
    return stage


def consent(s: Session, user: Principal, stage_id: int) -> PathwayStage:
    """The company agrees that this stage's package goes to the next stage's cluster; recorded."""
    pathway, stage = _stage(s, stage_id)
    if requests.side(s, user, pathway) != "company":
        raise Forbidden(N_("Only the requesting company consents to a hand-off."))
    _, successor = requests.neighbours(requests.stages_of(s, pathway.id), stage)
    if successor is None:
        raise Conflict(N_("The last stage hands off to no one."))
    if stage.handoff_consent_at is None:
        stage.handoff_consent_at, stage.handoff_consent_by = utcnow(), user.id
        s.add(stage)
        audit.record(s, user, "pathway.handoff_consent", f"pathway:{pathway.id}:stage:{stage.position + 1}",
                     cluster=successor.cluster, after={"from": stage.cluster, "to": successor.cluster})
        for to in mail.operators_of(s, successor.cluster):
            mail.send(s, to, "pathway_handoff_consent", ticket_id=successor.ticket_id, done=stage.title,
                      next=successor.title, link=f"/pathways/requests/{pathway.id}")
    return stage


def package_for(s: Session, user: Principal, stage_id: int) -> Package:
    """The package of a stage: for the company, the stage's own cluster, the foundation, and the next
    stage's cluster once the company has consented; Forbidden for anyone else."""
    pathway, stage = _stage(s, stage_id)
    who = requests.side(s, user, pathway)
    _, successor = requests.neighbours(requests.stages_of(s, pathway.id), stage)
    receives = successor is not None and user.operates(successor.cluster) and stage.handoff_consent_at
    if not (who in ("company", "curator") or user.operates(stage.cluster) or receives):
        raise Forbidden(N_("This hand-off package reaches the next stage's cluster only with the "
                           "company's consent."))
    files = list(s.exec(select(HandoffFile).where(HandoffFile.stage_id == stage.id).order_by(HandoffFile.id)))
    return Package(stage, stage.handoff_note, files)


def file_for(s: Session, user: Principal, file_id: int) -> HandoffFile:
    row = s.get(HandoffFile, file_id)
    if row is None:
        raise NotFound(N_("No file #%(id)s."), id=file_id)
    package_for(s, user, row.stage_id)
    return row


def revise_end(s: Session, user: Principal, stage_id: int, end: str, reason: str = "") -> PathwayStage:
    """The stage's cluster gives a new expected end; the later stages' expected dates move with it."""
    pathway, stage = _stage(s, stage_id)
    if not user.operates(stage.cluster):
        raise Forbidden(N_("Only the stage's cluster revises its expected end."))
    try:
        when = date.fromisoformat(str(end).strip())
    except ValueError:
        raise Invalid(N_("The expected end was not changed."),
                      [{"path": "end", "message": N_("Give the end as a date (YYYY-MM-DD).")}])
    if when < kst_day(utcnow()):
        raise Invalid(N_("The expected end was not changed."),
                      [{"path": "end", "message": N_("The date is in the past.")}])
    before = stage.revised_end.isoformat() if stage.revised_end else None
    stage.revised_end = when
    s.add(stage)
    audit.record(s, user, "pathway.revise_end", f"pathway:{pathway.id}:stage:{stage.position + 1}",
                 cluster=stage.cluster, before=before, after=when.isoformat(), reason=reason)
    return stage
