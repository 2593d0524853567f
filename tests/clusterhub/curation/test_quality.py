"""The freshness and quality score: its parts, computed from runs and documents."""
from datetime import timedelta

from clusterhub import db
from clusterhub.curation import quality
from clusterhub.models import utcnow
from tests.clusterhub.curation.conftest import docs, sync


def test_freshness_falls_from_one_week_to_ninety_days():
    assert quality.freshness(None) == 0 and quality.freshness(3) == 1
    assert quality.freshness(48.5) == 0.5 and quality.freshness(120) == 0


def test_score_of_a_fresh_complete_cluster_and_after_it_ages(curated):
    with curated.app_context(), db.session() as s:
        q = quality.compute(s, "kmedihub")
        later = quality.compute(s, "kmedihub", now=utcnow() + timedelta(days=48.5))
        empty = quality.compute(s, "jeju")
    assert q.error_rate == 0 and q.completeness == {"equipment": 1.0} and q.score == 100
    assert later.score == 80  # freshness 0.5 costs 20 of its 40 points
    assert empty.score == 0 and empty.last_success is None


def test_missing_key_fields_lower_completeness_after_a_sync(curated):
    sparse, twin = docs()
    for key in ("nfec_no", "location", "model"):
        del sparse[key]
    sync(curated, [sparse, twin])
    with curated.app_context(), db.session() as s:
        q = quality.compute(s, "kmedihub")
    # one of two instruments lacks 3 of its 6 key fields (the twin keeps them)
    assert q.completeness == {"equipment": 0.75} and q.missing["equipment"]["model"] == 1
    assert q.score == round(100 * (0.4 + 0.3 + 0.3 * 0.75))


def test_records_that_fail_raise_the_error_rate(curated):
    bad, twin = docs(fee={"model": "barter"})
    sync(curated, [bad, twin])
    with curated.app_context(), db.session() as s:
        q = quality.compute(s, "kmedihub")
    assert q.error_rate == 0.5 and q.score == round(100 * (0.4 + 0.3 * 0.5 + 0.3))
