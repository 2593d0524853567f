"""Apply one source's records to the catalog: validate, diff by hash, one transaction, a run record."""
from __future__ import annotations

import gc
import time
import traceback
from datetime import date
from dataclasses import dataclass, field
from typing import Callable, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

import schemas
from connectors.base import ConnectorError

from ..catalog import state
from ..db import SQLITE_BUSY_MS
from ..curation import review
from ..models import SyncIssue, SyncRun, utcnow
from ..catalog.models import Listing
from .items import Issue, Mapped, nul_fields, shown
from .messages import english

GUARD_SHARE = 0.30
# The guard also looks at each kind (one source table) on its own, once the kind has this many
# published listings: losing a whole table of 216 services must not hide under the cluster's 30 %.
GUARD_KIND_MIN = 5
BATCH = 1000
MAX_STORED_ISSUES = 5000


@dataclass
class SyncReport:
    run_id: int
    cluster: str
    outcome: str = "running"   # succeeded | failed | stopped | dry_run | cancelled
    message: str = ""          # in English, for the CLI and the logs
    code: str = ""             # the message as a code with params (sync/messages.py)
    params: dict = field(default_factory=dict)
    dry_run: bool = False
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("seen", "added", "updated", "unchanged", "withdrawn", "restored", "errored"), 0))
    issues: list[Issue] = field(default_factory=list)
    changed_ids: list[str] = field(default_factory=list)
    removed_ids: list[str] = field(default_factory=list)
    duration_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.outcome in ("succeeded", "dry_run")


class _Stop(Exception):
    """Raised inside the transaction to roll it back with an outcome and a message code."""

    def __init__(self, outcome: str, code: str, **params):
        super().__init__(code)
        self.outcome, self.code, self.params = outcome, code, params


def _say(report: SyncReport, code: str, **params) -> None:
    report.code, report.params, report.message = code, params, english(code, params)


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


Progress = Callable[[dict, str], None]
CHECK_EVERY = 100  # records between two looks at the cancel flag (and two progress reports)


def run(engine: Engine, cluster: str, items: Iterable[Mapped | Issue], *, full: bool = True,
        dry_run: bool = False, allow_mass_withdrawal: bool = False, trigger: str = "cli",
        progress: Progress | None = None, run_id: int | None = None,
        cancelled: Callable[[], bool] | None = None) -> SyncReport:
    """Sync one cluster. full=False (a partial push) never withdraws what the batch leaves out.

    progress(counts, phase) is called every 100 records ("reading") and before the commit
    ("saving"); run_id continues a run opened with open_run(). cancelled() is asked every 100
    records and once more before the commit: True rolls the run back as "cancelled"."""
    started = time.monotonic()
    if run_id is None:
        run_id = open_run(engine, cluster, dry_run, trigger)
    report = SyncReport(run_id=run_id, cluster=cluster, dry_run=dry_run)
    try:
        with Session(engine) as s, s.begin():
            _apply(s, cluster, items, report, full, allow_mass_withdrawal, progress,
                   trigger, cancelled)
            if cancelled and cancelled():
                raise _Stop("cancelled", "sync.cancelled")
            if dry_run:
                raise _Stop("dry_run", "sync.dry_run")
    except _Stop as stop:
        report.outcome = stop.outcome
        _say(report, stop.code, **stop.params)
        report.changed_ids, report.removed_ids = [], []
    except ConnectorError as exc:
        report.outcome = "failed"
        _say(report, "sync.unreadable", reason=str(exc))
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
            _say(report, "sync.out_of_memory")
        else:
            _say(report, "sync.rolled_back", reason=f"{type(exc).__name__}: {exc}")
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
            _say(report, "sync.succeeded", changed=changed)
        else:
            _say(report, "sync.nothing_changed")
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


def _apply(s: Session, cluster: str, items, report: SyncReport, full: bool,
           allow_mass_withdrawal: bool, progress, trigger: str = "cli",
           cancelled: Callable[[], bool] | None = None) -> None:
    counts = report.counts
    existing = {row.id: (row.content_hash, row.status, row.source_id, row.kind) for row in s.exec(
        select(Listing.id, Listing.content_hash, Listing.status, Listing.source_id, Listing.kind)
        .where(Listing.cluster == cluster))}
    seen: set[str] = set()
    failed_sources: set[str] = set()
    inserts: list[dict] = []
    updates: list[dict] = []
    added: list[str] = []
    now = utcnow()

    def fail(issues: list[Issue], source_id: str | None) -> None:
        counts["errored"] += 1
        report.issues.extend(issues)
        if source_id:
            failed_sources.add(str(source_id))

    for item in items:
        if cancelled and counts["seen"] % CHECK_EVERY == 0 and cancelled():
            raise _Stop("cancelled", "sync.cancelled")
        counts["seen"] += 1
        if progress and counts["seen"] % CHECK_EVERY == 0:
            progress(counts, "reading")
        if isinstance(item, Issue):
            fail([item], item.source_id)
            continue
        raw = item.document
        # The hash of the mapped record decides first, so an unchanged record skips validation:
        # that is what keeps a re-sync of a large unchanged source fast.
        digest = schemas.content_hash(raw)
        raw_gid = _raw_gid(cluster, raw)
        previous = existing.get(raw_gid) if raw_gid else None
        if previous and previous[0] == digest and previous[1] != "withdrawn" and raw_gid not in seen:
            seen.add(raw_gid)
            counts["unchanged"] += 1
            continue
        nul = nul_fields(raw)
        if nul:
            fail([Issue(item.location, "contains a NUL byte (\\x00), which the catalog cannot "
                        "store; remove it at the source", item.source_id, path) for path in nul],
                 item.source_id)
            continue
        try:
            doc = schemas.load(raw)
        except schemas.DocumentError as exc:
            fail([Issue(item.located(e.path), e.message, item.source_id, e.path) for e in exc.errors],
                 item.source_id)
            continue
        if doc["cluster"] != cluster:
            fail([Issue(item.location, f"belongs to cluster {doc['cluster']!r}, not {cluster!r}",
                        doc["source_id"], "cluster")], doc["source_id"])
            continue
        gid = schemas.global_id(cluster, doc["kind"], doc["source_id"])
        if gid in seen:
            fail([Issue(item.location, f"the id {gid} appears twice in the source; the first was kept",
                        doc["source_id"], "source_id")], None)
            continue
        seen.add(gid)
        row = {"id": gid, "kind": doc["kind"], "cluster": cluster, "source_id": doc["source_id"],
               "status": doc.get("status", "active"), "document": doc, "content_hash": digest,
               "source_updated_at": _date(doc.get("source_updated_at")), "updated_at": now,
               "synced_at": now, "withdrawn_at": None}
        previous = existing.get(gid)
        if previous is None:
            inserts.append({**row, "first_seen_at": now})
            added.append(gid)
            counts["added"] += 1
        elif previous[1] == "withdrawn":
            updates.append(row)
            counts["restored"] += 1
        elif previous[0] != digest:
            updates.append(row)
            counts["updated"] += 1
        else:  # same hash as stored, but it did not take the fast path (e.g. a duplicate check)
            counts["unchanged"] += 1
            continue
        report.changed_ids.append(gid)
        if len(inserts) + len(updates) >= BATCH:
            _flush(s, inserts, updates)
    _flush(s, inserts, updates)
    if counts["seen"] and counts["errored"] == counts["seen"]:
        # Not one record could be taken: a broken export or mapping, not a quiet source.
        raise _Stop("failed", "sync.all_failed", seen=counts["seen"])
    if progress:
        progress(counts, "saving")
    if added:
        review.hold_new(s, cluster, added)

    if full:
        _withdraw(s, existing, seen, failed_sources, report, allow_mass_withdrawal, now, trigger)
    if report.changed_ids or report.removed_ids:
        state.bump(s)


def _withdraw(s: Session, existing, seen, failed_sources, report, allow, now,
              trigger: str = "cli") -> None:
    active = [gid for gid, row in existing.items() if row[1] != "withdrawn"]
    gone = [gid for gid in active if gid not in seen and existing[gid][2] not in failed_sources]
    if gone and not allow:
        problem = _guard(existing, active, gone, seen)
        if problem:  # the message ends with how to confirm, by what started the run
            code, params = problem
            raise _Stop("stopped", code, trigger=trigger, **params)
    for start in range(0, len(gone), 500):  # chunks keep under SQLite's bound-parameter limit
        s.execute(sa.update(Listing).where(Listing.id.in_(gone[start:start + 500]))
                  .values(status="withdrawn", withdrawn_at=now, updated_at=now))
    report.counts["withdrawn"] = len(gone)
    report.removed_ids.extend(gone)


def _guard(existing, active: list[str], gone: list[str],
           seen: set[str]) -> tuple[str, dict] | None:
    """Why these withdrawals need a confirmation, as (code, params), or None: too many of the
    cluster's published listings, too many of one kind's, or every listing of a kind (the source
    sent none)."""
    by_kind: dict[str, list[int]] = {}
    for gid in active:
        by_kind.setdefault(existing[gid][3], [0, 0])[0] += 1
    for gid in gone:
        by_kind[existing[gid][3]][1] += 1
    big = [(kind, *n) for kind, n in sorted(by_kind.items()) if n[0] >= GUARD_KIND_MIN and n[1]]
    read = {gid.split(":")[1] for gid in seen if gid.count(":") >= 2}
    for kind, published, leaving in big:
        if leaving == published and kind not in read:
            return "sync.kind_vanished", {"kind": kind, "published": published}
    guard = f"{GUARD_SHARE:.0%}"
    if len(gone) > GUARD_SHARE * len(active):
        return "sync.guard", {"gone": len(gone), "active": len(active),
                              "share": f"{len(gone) / len(active):.0%}", "guard": guard}
    for kind, published, leaving in big:
        if leaving > GUARD_SHARE * published:
            return "sync.guard_kind", {"gone": leaving, "published": published, "kind": kind,
                                       "share": f"{leaving / published:.0%}", "guard": guard}
    return None


def _flush(s: Session, inserts: list[dict], updates: list[dict]) -> None:
    if inserts:
        s.execute(sa.insert(Listing), inserts)
        inserts.clear()
    if updates:
        s.execute(sa.update(Listing), updates)
        updates.clear()


def _raw_gid(cluster: str, raw) -> str | None:
    """The global id a mapped record claims, before validation (None if it cannot say)."""
    if not isinstance(raw, dict):
        return None
    kind, source_id = raw.get("kind"), raw.get("source_id")
    if not isinstance(kind, str) or not isinstance(source_id, str):
        return None
    return schemas.global_id(cluster, kind, source_id)


def _date(value):
    return date.fromisoformat(value) if value else None
