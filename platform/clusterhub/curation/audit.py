"""The audit log: every curation and operator action, who, when, what, before and after."""
from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session, select

from .. import korean_time
from ..spreadsheet import csv_text
from .models import AuditEntry

COLUMNS = ("id", f"at ({korean_time.ZONE})", "actor", "role", "action", "target", "cluster", "before", "after", "reason")
PAGE = 200


def record(session: Session, user, action: str, target: str, *, cluster: str | None = None,
           before=None, after=None, reason: str = "") -> AuditEntry:
    """Add one entry inside the caller's transaction, so an action and its entry commit together."""
    entry = AuditEntry(actor=getattr(user, "email", "") or "system", role=getattr(user, "role", ""),
                       action=action, target=target, cluster=cluster, before=before,
                       after=after, reason=reason or "")
    session.add(entry)
    return entry


def search(session: Session, *, actor: str = "", action: str = "", cluster: str = "",
           target: str = "", since: datetime | None = None, limit: int | None = PAGE
           ) -> list[AuditEntry]:
    """Entries newest first, filtered by exact actor/action/cluster and a target prefix."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if actor:
        query = query.where(AuditEntry.actor == actor.strip().lower())
    if action:
        query = query.where(AuditEntry.action == action)
    if cluster:
        query = query.where(AuditEntry.cluster == cluster)
    if target:
        query = query.where(AuditEntry.target.startswith(target.strip()))
    if since:
        query = query.where(AuditEntry.at >= since)
    if limit:
        query = query.limit(limit)
    return list(session.exec(query))


def actions(session: Session) -> list[str]:
    return sorted(set(session.exec(select(AuditEntry.action).distinct())))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def to_csv(entries: list[AuditEntry]) -> str:
    """UTF-8 with a BOM for Excel; cells that would run as formulas are neutralised."""
    return csv_text(COLUMNS, ([_cell(v) for v in (
        e.id, korean_time.for_csv(e.at), e.actor, e.role, e.action, e.target,
        e.cluster, e.before, e.after, e.reason)] for e in entries))
