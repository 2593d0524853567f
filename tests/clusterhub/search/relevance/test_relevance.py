"""The relevance set over the demo federation: recall@10 and MRR of the default engine."""
from pathlib import Path

from sqlmodel import select

from clusterhub import db, search
from clusterhub.catalog.models import Listing
from clusterhub.search.contract import SearchRequest
from tests.clusterhub.search.relevance.judge import CASES, relevant, score

REPORT = Path(__file__).resolve().parents[4] / "test-artifacts" / "relevance.md"
TARGET = 0.9


def test_relevance_set_recall_at_10(demo_app):
    assert len(CASES) >= 40
    with demo_app.app_context():
        with db.session() as s:
            documents = {r.id: r.document for r in s.exec(select(Listing).where(Listing.status == "active"))}
        lines, recalls, reciprocal = [], [], []
        for case in CASES:
            judged = relevant(case, documents)
            assert judged, f"case {case['q']!r} judges nothing relevant: fix its predicate"
            result = search.backend().search(SearchRequest(q=case["q"], size=10))
            r, rr = score([h.id for h in result.hits], judged)
            recalls.append(r)
            reciprocal.append(rr)
            lines.append(f"| {case['q']} | {len(judged)} | {result.total} | {r:.2f} | {rr:.2f} |")
    mean_recall, mrr = sum(recalls) / len(recalls), sum(reciprocal) / len(reciprocal)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        f"# Relevance set ({len(CASES)} queries, embedded engine)\n\n"
        f"recall@10 = {mean_recall:.3f}, MRR = {mrr:.3f} (target recall@10 ≥ {TARGET})\n\n"
        "| query | relevant | hits | recall@10 | RR |\n|---|---|---|---|---|\n" + "\n".join(lines) + "\n",
        encoding="utf-8")
    print(f"\nrelevance: recall@10={mean_recall:.3f} MRR={mrr:.3f} over {len(CASES)} queries ({REPORT})")
    assert mean_recall >= TARGET, f"recall@10 {mean_recall:.3f} < {TARGET}; see {REPORT}"
