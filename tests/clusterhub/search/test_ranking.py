"""Experts weighed against services and instruments: a need typed without asking for people
lists the services first; asking for experts (전문가, the expert tab) ranks the experts as they
are; pages stay disjoint. On the demo federation, through the search service and the API."""
from __future__ import annotations

from clusterhub.search import service
from clusterhub.search.params import SearchParams


def kinds(app, **params) -> list[str]:
    with app.test_request_context():
        return [h.document["kind"] for h in service.run(SearchParams(**params), facets=()).hits]


def test_a_need_without_people_lists_the_services_before_the_experts(demo_app):
    # Hwasun's vaccine experts list 백신 among a few fields of expertise; its vaccine services say
    # it in a longer title and summary, which BM25 alone scored lower: four people came first.
    listed = kinds(demo_app, q="화순 백신", size=10)
    assert listed[:6] == ["service"] * 6, listed
    api = demo_app.test_client().get("/api/v1/search?q=화순+백신&size=10").get_json()   # grouped
    assert [h["kind"] for h in api["hits"]][:6] == ["service"] * 6
    assert "expert" in kinds(demo_app, q="화순 백신", size=40)  # the experts are still found


def test_asking_for_experts_ranks_experts(demo_app):
    assert kinds(demo_app, q="백신 전문가", size=5) == ["expert"] * 5
    with demo_app.test_request_context():
        tab = service.run(SearchParams(q="화순 백신", selections={"kind": ("expert",)}, size=5), facets=())
    assert tab.total >= 4 and {h.document["kind"] for h in tab.hits} == {"expert"}


def test_weighed_pages_are_disjoint_and_follow_one_order(demo_app):
    with demo_app.test_request_context():
        ten = [h.id for h in service.run(SearchParams(q="백신", size=10), facets=()).hits]
        pages = [h.id for page in (1, 2)
                 for h in service.run(SearchParams(q="백신", size=5, page=page), facets=()).hits]
    assert pages == ten and len(set(ten)) == 10
