"""The relevance sets over the demo federation: recall@10, MRR and zero-result rate of a search as
the page runs it (search service: places and words of intent read from q, relaxed matching).

cases.json is the team's own set (some judgements loosened after seeing answers, see
docs/search.md); heldout.json was written and committed before the engine ever ran it."""
from pathlib import Path

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.catalog.models import Listing
from clusterhub.search import service
from clusterhub.search.params import SearchParams
from tests.clusterhub.search.relevance.judge import load, measure

ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts"
# (file, report, minimum cases, recall@10 floor, zero-result ceiling); floors in docs/search.md
SETS = [("cases.json", "relevance.md", 150, 0.95, 0.02),
        # measured 0.950 and no empty page after the fixes of 2026-12-03 (0.811 and 4 % before)
        ("heldout.json", "relevance-heldout.md", 80, 0.94, 0.01)]


def _search(q: str):
    result = service.run(SearchParams(q=q, size=10), facets=())
    return [h.id for h in result.hits], result.total, result.dropped


@pytest.mark.parametrize("name,report,minimum,target,max_zero", SETS)
def test_relevance_set_recall_at_10(demo_app, name, report, minimum, target, max_zero):
    cases = load(name)
    assert len(cases) >= minimum
    with demo_app.app_context():
        with db.session() as s:
            documents = {r.id: r.document for r in s.exec(select(Listing).where(Listing.status == "active"))}
        m = measure(cases, documents, _search)
    path = ARTIFACTS / report
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(m.report(f"Relevance set {name} ({len(cases)} queries, embedded engine, through the search "
                             "service)", f"targets: recall@10 ≥ {target}, zero-result rate ≤ {max_zero}"),
                    encoding="utf-8")
    print(f"\n{name}: recall@10={m.recall:.3f} MRR={m.mrr:.3f} zero={m.zero_rate:.3f} over {len(cases)} queries ({path})")
    assert m.recall >= target, f"recall@10 {m.recall:.3f} < {target}; see {path}"
    assert m.zero_rate <= max_zero, f"zero-result rate {m.zero_rate:.3f}: {m.zero}; see {path}"
