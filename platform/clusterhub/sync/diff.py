"""A sync's first stage, outside any write lock: read the source, validate each record and stage
what differs from the catalog (staging.py). The catalog database is only read, once, briefly."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

import schemas

from ..catalog.models import Listing
from .items import Issue, Mapped, nul_fields
from .report import Stop, SyncReport
from .staging import Staged

CHECK_EVERY = 100  # records between two looks at the cancel flag (and two progress reports)

Progress = Callable[[dict, str], None]


@dataclass
class Diff:
    """What the read found: every id it saw, the sources of failed records (never withdrawn) and
    the staged rows that are new or differ from the catalog as it was when the read began."""

    staged: Staged
    seen: set[str] = field(default_factory=set)
    failed_sources: set[str] = field(default_factory=set)


def rows(s: Session, cluster: str) -> dict[str, tuple]:
    """id -> (content hash, status, source id, kind) of the cluster's listings, in one read."""
    return {row.id: (row.content_hash, row.status, row.source_id, row.kind) for row in s.exec(
        select(Listing.id, Listing.content_hash, Listing.status, Listing.source_id,
               Listing.kind).where(Listing.cluster == cluster))}


def published(engine: Engine, cluster: str) -> dict[str, tuple]:
    """rows() in a session of its own, closed before the source is read."""
    with Session(engine) as s:
        return rows(s, cluster)


def read(engine: Engine, cluster: str, items: Iterable[Mapped | Issue], report: SyncReport,
         staged: Staged, progress: Progress | None = None,
         cancelled: Callable[[], bool] | None = None) -> Diff:
    """Read every item into staged; a failed record becomes issues, the rest is diffed by hash.
    Raises Stop when cancelled or when not one record could be taken."""
    counts = report.counts
    existing = published(engine, cluster)
    diff = Diff(staged)

    def fail(issues: list[Issue], source_id: str | None) -> None:
        counts["errored"] += 1
        report.issues.extend(issues)
        if source_id:
            diff.failed_sources.add(str(source_id))

    for item in items:
        if cancelled and counts["seen"] % CHECK_EVERY == 0 and cancelled():
            raise Stop("cancelled", "sync.cancelled")
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
        if previous and previous[0] == digest and previous[1] != "withdrawn" \
                and raw_gid not in diff.seen:
            diff.seen.add(raw_gid)
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
        if gid in diff.seen:
            fail([Issue(item.location, f"the id {gid} appears twice in the source; the first was kept",
                        doc["source_id"], "source_id")], None)
            continue
        diff.seen.add(gid)
        previous = existing.get(gid)
        if previous and previous[0] == digest and previous[1] != "withdrawn":
            counts["unchanged"] += 1  # same as stored, but missed the fast path (odd raw id)
            continue
        staged.add({"id": gid, "kind": doc["kind"], "cluster": cluster,
                    "source_id": doc["source_id"], "status": doc.get("status", "active"),
                    "document": doc, "content_hash": digest,
                    "source_updated_at": _date(doc.get("source_updated_at"))})
    if counts["seen"] and counts["errored"] == counts["seen"]:
        # Not one record could be taken: a broken export or mapping, not a quiet source.
        raise Stop("failed", "sync.all_failed", seen=counts["seen"])
    return diff


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
