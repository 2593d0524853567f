"""Sync one source into the catalog: read, validate and diff with no lock held, then publish the
result in one short transaction; a run record says what happened."""
from __future__ import annotations

import gc
import time
import traceback
from typing import Callable, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from connectors.base import ConnectorError

from ..db import SQLITE_BUSY_MS
from ..models import SyncIssue, SyncRun, utcnow
from . import diff, publish
from .diff import Progress
from .items import Issue, Mapped, shown
from .messages import english
from .report import Stop, SyncReport
from .staging import Staged

MAX_STORED_ISSUES = 5000

__all__ = ["Progress", "SyncReport", "checkpoint", "fail_run", "open_run", "run"]


def open_run(engine: Engine, cluster: str, dry_run: bool = False, trigger: str = "cli") -> int:
    """Record a run as running; its id lets a page follow it before it finishes."""
    with Session(engine) as s:
        run = SyncRun(cluster=cluster, dry_run=dry_run, trigger=trigger)
        s.add(run)
        s.commit()
        return run.id


def _close_run(engine: Engine, report: SyncReport) -> None:
    with Session(engine) as s:
        run = s.get(SyncRun, report.run_id)
        run.outcome, run.message, run.finished_at = report.outcome, shown(report.message), utcnow()
        run.code, run.params = report.code or None, _stored(report.params)
        for key, value in report.counts.items():
            setattr(run, key, value)
        s.add(run)
        for issue in report.issues[:MAX_STORED_ISSUES]:
            s.add(SyncIssue(run_id=report.run_id, **issue.row()))
        s.commit()


def _stored(params: dict | None) -> dict | None:
    return {k: shown(v) for k, v in params.items()} if params else None


def fail_run(engine: Engine, run_id: int, code: str, outcome: str = "failed", **params) -> bool:
    """Close a run that failed (or was cancelled) before the engine took it over (it changed
    nothing), with a message code of sync/messages.py; False if it was closed already."""
    with Session(engine) as s:
        run = s.get(SyncRun, run_id)
        if run is None or run.outcome != "running":
            return False
        run.outcome, run.message, run.finished_at = outcome, shown(english(code, params)), utcnow()
        run.code, run.params = code, _stored(params)
        s.add(run)
        s.commit()
        return True


def run(engine: Engine, cluster: str, items: Iterable[Mapped | Issue], *, full: bool = True,
        dry_run: bool = False, allow_mass_withdrawal: bool = False, trigger: str = "cli",
        progress: Progress | None = None, run_id: int | None = None,
        cancelled: Callable[[], bool] | None = None,
        on_added: publish.OnAdded | None = None) -> SyncReport:
    """Sync one cluster. full=False (a partial push) never withdraws what the batch leaves out.

    Two stages: the source is read, validated and diffed with no transaction open (diff.py,
    into a staging file), then the result is applied in one short transaction (publish.py).
    Other writers wait only for the second; a failure at any stage publishes nothing.

    progress(counts, phase) is called every 100 records ("reading") and before the apply
    ("saving"); run_id continues a run opened with open_run(). cancelled() is asked every 100
    records and once more before the commit: True rolls the run back as "cancelled".
    on_added(session, cluster, ids) runs inside the transaction with the ids added (curation
    holds them for review: sync/hooks.py); raising rolls the whole run back."""
    started = time.monotonic()
    if run_id is None:
        run_id = open_run(engine, cluster, dry_run, trigger)
    report = SyncReport(run_id=run_id, cluster=cluster, dry_run=dry_run)
    try:
        with Staged() as staged:
            found = diff.read(engine, cluster, items, report, staged, progress, cancelled)
            if cancelled and cancelled():
                raise Stop("cancelled", "sync.cancelled")
            if progress:
                progress(report.counts, "saving")
            try:
                with Session(engine) as s, s.begin():
                    publish.apply(s, found, report, full=full, write=not dry_run, trigger=trigger,
                                  allow_mass_withdrawal=allow_mass_withdrawal, on_added=on_added)
                    if cancelled and cancelled():
                        raise Stop("cancelled", "sync.cancelled")
                    if dry_run:
                        raise Stop("dry_run", "sync.dry_run")
            finally:
                report.lock_released()  # committed or rolled back: other writers may go on
    except Stop as stop:
        report.outcome = stop.outcome
        report.say(stop.code, **stop.params)
        report.changed_ids, report.removed_ids = [], []
    except ConnectorError as exc:
        report.outcome = "failed"
        report.say("sync.unreadable", reason=str(exc))
        report.changed_ids, report.removed_ids = [], []
    except BaseException as exc:
        # Any failure (MemoryError, a worker's SystemExit, Ctrl-C included) closes the run as
        # failed at once: a run left "running" would look alive for minutes.
        report.outcome = "failed"
        if isinstance(exc, MemoryError):
            # Free what the failed read held (its frames' locals) before closing the run.
            traceback.clear_frames(exc.__traceback__)
            report.issues = report.issues[:MAX_STORED_ISSUES]
            gc.collect()
            report.say("sync.out_of_memory")
        else:
            report.say("sync.rolled_back", reason=f"{type(exc).__name__}: {exc}")
        report.changed_ids, report.removed_ids = [], []
        report.duration_s = time.monotonic() - started
        try:
            _close_run(engine, report)
        except Exception:  # the issues could not be stored: close the run with its reason
            fail_run(engine, run_id, report.code, **report.params)
        raise
    else:
        report.outcome = "succeeded"
        changed = sum(report.counts[k] for k in ("added", "updated", "withdrawn", "restored"))
        if changed:
            report.say("sync.succeeded", changed=changed)
        else:
            report.say("sync.nothing_changed")
    report.duration_s = time.monotonic() - started
    _close_run(engine, report)
    checkpoint(engine)
    return report


def checkpoint(engine: Engine, wait_ms: int = 2000) -> bool:
    """On SQLite, fold the write-ahead log back into the database and truncate it to zero.

    A large sync writes its whole transaction to the -wal file (994 MB was measured); SQLite's
    automatic checkpoints reuse that file but never shrink it. Waits at most wait_ms for readers,
    then gives up quietly (the next sync's checkpoint does it). True if it completed."""
    if engine.dialect.name != "sqlite":
        return False
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={int(wait_ms)}")
            try:
                busy, _, _ = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
            finally:
                conn.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        return busy == 0
    except sa.exc.OperationalError:
        return False
