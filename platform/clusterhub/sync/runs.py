"""Reading sync-run history and per-record issues."""
from __future__ import annotations

from sqlmodel import Session, select

from ..models import SyncIssue, SyncRun


def recent(session: Session, cluster: str | None = None, limit: int = 50) -> list[SyncRun]:
    query = select(SyncRun).order_by(SyncRun.id.desc()).limit(limit)
    if cluster:
        query = query.where(SyncRun.cluster == cluster)
    return list(session.exec(query))


def last_per_cluster(session: Session) -> dict[str, SyncRun]:
    """The newest non-dry run of each cluster."""
    out: dict[str, SyncRun] = {}
    for run in session.exec(select(SyncRun).where(SyncRun.dry_run == False)  # noqa: E712
                            .order_by(SyncRun.id.desc())):
        out.setdefault(run.cluster, run)
    return out


def issues(session: Session, run_id: int) -> list[SyncIssue]:
    return list(session.exec(select(SyncIssue).where(SyncIssue.run_id == run_id)
                             .order_by(SyncIssue.id)))
