"""A sync's last stage: apply what the read staged (diff.py) in one short transaction.

The transaction first takes the catalog's write lock (on SQLite) and the cluster's row lock (on
PostgreSQL, so two applies of one cluster never interleave), then diffs the staged rows again
against the catalog as it is now: a push or a curator that wrote while the source was being read
is seen, not overwritten blindly. The withdrawal guards run before anything is written."""
from __future__ import annotations

from typing import Callable

import sqlalchemy as sa
from sqlmodel import Session, select

from ..catalog import state
from ..catalog.models import Cluster, Listing
from ..models import SyncRun, utcnow
from .diff import Diff, rows
from .report import Stop, SyncReport

GUARD_SHARE = 0.30
# The guard also looks at each kind (one source table) on its own, once the kind has this many
# published listings: losing a whole table of 216 services must not hide under the cluster's 30 %.
GUARD_KIND_MIN = 5
CHUNK = 500  # ids per IN (...) list, under SQLite's bound-parameter limit

# Called inside the transaction with the ids of the listings the sync adds (curation holds them
# for review when the cluster requires it); raising rolls the whole sync back.
OnAdded = Callable[[Session, str, list[str]], object]


def apply(s: Session, diff: Diff, report: SyncReport, *, full: bool, allow_mass_withdrawal: bool,
          trigger: str, write: bool = True, on_added: OnAdded | None = None) -> None:
    """Publish the diff inside the caller's transaction (write=False: only count, as a dry run
    does). Raises Stop when the withdrawal guard asks for a confirmation."""
    cluster = report.cluster
    if write:
        _lock(s, cluster, report.run_id)
        report.lock_taken()  # held until the caller's transaction ends (report.lock_released)
    current = rows(s, cluster)
    gone = _withdrawals(current, diff, allow_mass_withdrawal, trigger) if full else []
    now = utcnow()
    counts, added = report.counts, []
    for batch in diff.staged.batches():
        inserts, updates = [], []
        for row in batch:
            previous = current.get(row["id"])
            row = {**row, "updated_at": now, "synced_at": now, "withdrawn_at": None}
            if previous is None:
                inserts.append({**row, "first_seen_at": now})
                added.append(row["id"])
                counts["added"] += 1
            elif previous[1] == "withdrawn":
                updates.append(row)
                counts["restored"] += 1
            elif previous[0] != row["content_hash"]:
                updates.append(row)
                counts["updated"] += 1
            else:  # another writer published this very version while the source was read
                counts["unchanged"] += 1
                continue
            report.changed_ids.append(row["id"])
        if write and inserts:
            s.execute(sa.insert(Listing.__table__), inserts)  # Core: no ORM bookkeeping
        if write and updates:
            s.execute(sa.update(Listing), updates)
    if write:
        for start in range(0, len(gone), CHUNK):
            s.execute(sa.update(Listing).where(Listing.id.in_(gone[start:start + CHUNK]))
                      .values(status="withdrawn", withdrawn_at=now, updated_at=now))
    counts["withdrawn"] = len(gone)
    report.removed_ids.extend(gone)
    if write and added and on_added:
        on_added(s, cluster, added)
    if write and (report.changed_ids or report.removed_ids):
        state.bump(s)


def _lock(s: Session, cluster: str, run_id: int) -> None:
    """Take the write lock before reading what to change. A write comes first: on SQLite a
    transaction that read before its first write cannot wait for the lock (SQLITE_BUSY at once
    when another writer committed meanwhile); a write waits for it (busy_timeout). On
    PostgreSQL the cluster's row is locked too, so two applies of one cluster queue."""
    s.execute(sa.update(SyncRun).where(SyncRun.id == run_id).values(outcome="running"))
    s.execute(select(Cluster.code).where(Cluster.code == cluster).with_for_update(key_share=True))


def _withdrawals(current: dict, diff: Diff, allow: bool, trigger: str) -> list[str]:
    """The published listings the source no longer has (records that failed are kept); Stop
    when the guard asks for a confirmation first."""
    active = [gid for gid, row in current.items() if row[1] != "withdrawn"]
    gone = [gid for gid in active
            if gid not in diff.seen and current[gid][2] not in diff.failed_sources]
    if gone and not allow:
        problem = _guard(current, active, gone, diff.seen)
        if problem:  # the message ends with how to confirm, by what started the run
            code, params = problem
            raise Stop("stopped", code, trigger=trigger, **params)
    return gone


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
