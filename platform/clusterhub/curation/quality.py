"""A cluster's freshness and quality score: last good sync's age, error rate, key-field completeness."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from ..catalog import state
from ..models import SyncRun, utcnow
from ..catalog.models import Listing

# The fields a company needs to judge a listing without calling; see docs/quality.md.
KEY_FIELDS = {
    "service": ("summary", "categories", "service_type", "fee", "booking", "contact"),
    "equipment": ("manufacturer", "model", "nfec_no", "equipment_class", "location", "fee"),
    "expert": ("position", "expertise", "techniques", "center"),
}
FRESH_DAYS, STALE_DAYS = 7, 90
WEIGHTS = {"freshness": 0.4, "errors": 0.3, "completeness": 0.3}


@dataclass
class Quality:
    cluster: str
    last_success: datetime | None = None
    age_days: float | None = None
    error_rate: float | None = None      # errored / seen of the latest non-dry run
    completeness: dict[str, float] = field(default_factory=dict)  # kind -> share 0..1
    missing: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> field -> count
    score: int = 0

    @property
    def overall_completeness(self) -> float | None:
        return sum(self.completeness.values()) / len(self.completeness) if self.completeness else None


def _filled(value) -> bool:
    if isinstance(value, dict):
        return any(_filled(v) for v in value.values())
    return value not in (None, "", [], {})


def freshness(age_days: float | None) -> float:
    """1 within a week of the last good sync, falling linearly to 0 at 90 days; 0 if never."""
    if age_days is None:
        return 0.0
    if age_days <= FRESH_DAYS:
        return 1.0
    return max(0.0, 1 - (age_days - FRESH_DAYS) / (STALE_DAYS - FRESH_DAYS))


_CACHE: dict[tuple, tuple[dict, dict]] = {}


def _completeness(session: Session, cluster: str) -> tuple[dict, dict]:
    """Per kind, the share of key fields filled, and the missing counts; cached per catalog version.

    Reading every document of a large cluster takes ~0.7 s (3,672 listings), too slow for a
    public page, and the answer only changes when the catalog version does.
    """
    key = (str(session.get_bind().url), cluster, state.version(session))
    if key in _CACHE:
        return _CACHE[key]
    totals: dict[str, int] = {}
    filled: dict[str, int] = {}
    missing: dict[str, dict[str, int]] = {}
    for kind, doc in session.exec(select(Listing.kind, Listing.document).where(
            Listing.cluster == cluster, Listing.status == "active")):
        keys = KEY_FIELDS.get(kind, ())
        totals[kind] = totals.get(kind, 0) + 1
        gaps = missing.setdefault(kind, dict.fromkeys(keys, 0))
        for field_name in keys:
            if _filled(doc.get(field_name)):
                filled[kind] = filled.get(kind, 0) + 1
            else:
                gaps[field_name] += 1
    shares = {kind: filled.get(kind, 0) / (n * len(KEY_FIELDS[kind])) for kind, n in totals.items()}
    if len(_CACHE) > 500:
        _CACHE.clear()
    _CACHE[key] = (shares, missing)
    return shares, missing


def compute(session: Session, cluster: str, now: datetime | None = None) -> Quality:
    now = now or utcnow()
    q = Quality(cluster)
    real = select(SyncRun).where(SyncRun.cluster == cluster, SyncRun.dry_run == False)  # noqa: E712
    ok = session.exec(real.where(SyncRun.outcome == "succeeded").order_by(SyncRun.id.desc())).first()
    if ok is not None and ok.finished_at is not None:
        q.last_success = ok.finished_at
        q.age_days = (now - ok.finished_at).total_seconds() / 86400
    last = session.exec(real.where(SyncRun.outcome != "running").order_by(SyncRun.id.desc())).first()
    if last is not None and last.seen:
        q.error_rate = last.errored / last.seen
    q.completeness, q.missing = _completeness(session, cluster)
    parts = {"freshness": freshness(q.age_days),
             "errors": 1 - (q.error_rate if q.error_rate is not None else 1.0),
             "completeness": q.overall_completeness or 0.0}
    q.score = round(100 * sum(WEIGHTS[k] * v for k, v in parts.items()))
    return q
