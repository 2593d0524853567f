"""The relevance set over the demo federation: recall@10, MRR and zero-result rate of a search as
the page runs it (search service: places and words of intent read from q, relaxed matching)."""
from collections import defaultdict
from pathlib import Path

from sqlmodel import select

from clusterhub import db
from clusterhub.catalog.models import Listing
from clusterhub.search import service
from clusterhub.search.params import SearchParams
from tests.clusterhub.search.relevance.judge import CASES, relevant, score

REPORT = Path(__file__).resolve().parents[4] / "test-artifacts" / "relevance.md"
TARGET = 0.95
MAX_ZERO_RATE = 0.02


def test_relevance_set_recall_at_10(demo_app):
    assert len(CASES) >= 150
    with demo_app.app_context():
        with db.session() as s:
            documents = {r.id: r.document for r in s.exec(select(Listing).where(Listing.status == "active"))}
        lines, recalls, reciprocal, zero = [], [], [], []
        by_class = defaultdict(list)
        for case in CASES:
            judged = relevant(case, documents)
            assert judged, f"case {case['q']!r} judges nothing relevant: fix its predicate"
            result = service.run(SearchParams(q=case["q"], size=10), facets=())
            r, rr = score([h.id for h in result.hits], judged)
            recalls.append(r)
            reciprocal.append(rr)
            by_class[case.get("class", "short")].append(r)
            if not result.total:
                zero.append(case["q"])
            left_out = ", ".join(result.dropped)
            lines.append(f"| {case['q']} | {case.get('class', 'short')} | {len(judged)} | {result.total} "
                         f"| {left_out} | {r:.2f} | {rr:.2f} |")
    mean_recall, mrr = sum(recalls) / len(recalls), sum(reciprocal) / len(reciprocal)
    zero_rate = len(zero) / len(CASES)
    classes = "\n".join(f"| {name} | {len(rs)} | {sum(rs) / len(rs):.3f} |" for name, rs in sorted(by_class.items()))
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        f"# Relevance set ({len(CASES)} queries, embedded engine, through the search service)\n\n"
        f"recall@10 = {mean_recall:.3f}, MRR = {mrr:.3f}, zero-result rate = {zero_rate:.3f} "
        f"(targets: recall@10 ≥ {TARGET}, zero-result rate ≤ {MAX_ZERO_RATE})\n\n"
        f"Zero results: {', '.join(zero) or 'none'}\n\n"
        "| class | queries | recall@10 |\n|---|---|---|\n" + classes + "\n\n"
        "| query | class | relevant | hits | left out | recall@10 | RR |\n|---|---|---|---|---|---|---|\n"
        + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nrelevance: recall@10={mean_recall:.3f} MRR={mrr:.3f} zero={zero_rate:.3f} "
          f"over {len(CASES)} queries ({REPORT})")
    assert mean_recall >= TARGET, f"recall@10 {mean_recall:.3f} < {TARGET}; see {REPORT}"
    assert zero_rate <= MAX_ZERO_RATE, f"zero-result rate {zero_rate:.3f}: {zero}; see {REPORT}"
