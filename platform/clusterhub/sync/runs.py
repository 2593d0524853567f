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


def last_of(session: Session, cluster: str) -> SyncRun | None:
    """The newest non-dry run of one cluster (a listing page's freshness line): one row read,
    not every run of every cluster."""
    return session.exec(select(SyncRun).where(SyncRun.cluster == cluster, SyncRun.dry_run == False)  # noqa: E712
                        .order_by(SyncRun.id.desc()).limit(1)).first()


def issues(session: Session, run_id: int) -> list[SyncIssue]:
    return list(session.exec(select(SyncIssue).where(SyncIssue.run_id == run_id)
                             .order_by(SyncIssue.id)))


def expected_size(session: Session, cluster: str) -> int | None:
    """Records the cluster's last successful run read: the estimate a progress bar runs against."""
    return session.exec(select(SyncRun.seen).where(
        SyncRun.cluster == cluster, SyncRun.outcome.in_(("succeeded", "dry_run")),
        SyncRun.trigger != "push").order_by(SyncRun.id.desc())).first()


def running(session: Session, cluster: str) -> list[SyncRun]:
    return list(session.exec(select(SyncRun).where(
        SyncRun.cluster == cluster, SyncRun.outcome == "running").order_by(SyncRun.id.desc())))
