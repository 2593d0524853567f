"""Cluster records: loading the federation's data file and reading it back."""
from __future__ import annotations

from sqlmodel import Session, select

from schemas import load_clusters

from ..models import utcnow

from .models import Cluster


def load_records(session: Session) -> tuple[int, int]:
    """Insert or refresh the 20 cluster records from schemas/clusters.json; return (added, updated)."""
    existing = {c.code: c for c in session.exec(select(Cluster))}
    added = updated = 0
    for record in load_clusters():
        row = existing.get(record["code"])
        if row is None:
            session.add(Cluster(code=record["code"], region=record["region"], record=record))
            added += 1
        elif row.record != record or row.region != record["region"]:
            row.record, row.region, row.updated_at = record, record["region"], utcnow()
            session.add(row)
            updated += 1
    return added, updated


def all_clusters(session: Session) -> list[Cluster]:
    return list(session.exec(select(Cluster).order_by(Cluster.code)))


def get(session: Session, code: str) -> Cluster | None:
    return session.get(Cluster, code)
