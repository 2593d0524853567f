"""The JSON API: search with the page's parameters, listings, clusters, vocabularies, OpenAPI."""
import re

import pytest
from openapi_spec_validator import validate

from tests.clusterhub.web.conftest import catalog_app, web  # noqa: F401  (shared fixtures)
from schemas import load_clusters


def test_search_returns_hits_facets_and_paging(web):
    r = web.get("/api/v1/search?q=세포배양기&cluster=kmedihub&cluster=wonju&size=3")
    assert r.status_code == 200
    body = r.json
    assert set(body) >= {"hits", "total", "page", "size", "facets"}
    assert body["size"] == 3 and len(body["hits"]) == 3 and body["total"] == 12
    hit = body["hits"][0]
    assert set(hit) >= {"id", "kind", "cluster", "title", "highlights"}
    assert hit["cluster"] in ("kmedihub", "wonju")
    clusters = {f["value"]: f["count"] for f in body["facets"]["cluster"]}
    assert clusters["daedeok"] == 6  # disjunctive: other clusters still counted


@pytest.mark.parametrize("query, path", [
    ("size=101", "size"), ("page=zero", "page"), ("colour=red", "colour"),
    ("sort=price", "sort"), ("region=mars", "region"),
])
def test_bad_parameters_are_422_in_the_one_error_shape(web, query, path):
    r = web.get(f"/api/v1/search?{query}")
    assert r.status_code == 422
    assert set(r.json) == {"code", "status", "message", "errors"}
    assert [e["path"] for e in r.json["errors"]] == [path]


def test_search_says_what_it_read_from_q_and_what_it_left_out(web):
    body = web.get("/api/v1/search?q=오송+독성시험+비용").get_json()
    assert body["understood"] == {"q": "독성시험", "strict": False, "widened": [], "filters": [
        {"word": "오송", "field": "cluster", "value": "kbiohealth", "soft": False}]}
    assert body["dropped"] == ["비용"]
    assert "kbiohealth:service:SV-001" in [h["id"] for h in body["hits"]]
    assert {h["cluster"] for h in body["hits"]} == {"kbiohealth"}
    strict = web.get("/api/v1/search?q=오송+독성시험+비용&strict=1").get_json()
    assert strict["total"] == 0 and strict["dropped"] == []
    assert strict["understood"] == {"q": "오송 독성시험 비용", "strict": True, "filters": [], "widened": []}


def test_listing_clusters_and_vocabularies(web):
    r = web.get("/api/v1/listings/kmedihub:equipment:EQ-001")
    assert r.status_code == 200 and r.json["manufacturer"] == "Thermo Fisher"
    clusters = web.get("/api/v1/clusters").json
    assert len(clusters) == len(load_clusters()) and {"code", "name", "region", "counts"} <= set(clusters[0])
    vocab = web.get("/api/v1/vocabularies").json
    assert len(vocab["regions"]["terms"]) == 17


def test_openapi_document_is_valid_and_lists_every_api_route(web, catalog_app):
    doc = web.get("/api/v1/openapi.json").json
    validate(doc)
    documented = set(doc["paths"])
    for rule in catalog_app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.rule != "/api/v1/openapi.json":
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            assert path in documented, f"{rule.rule} is not in the OpenAPI document"


@pytest.mark.parametrize("query", [
    {}, {"q": "질량분석기"}, {"q": "대구 질량분석 비용"}, {"q": "분석", "cluster": "kmedihub", "page": 2},
    {"q": "LC-MS", "kind": "equipment", "strict": 1}, {"q": "없는단어조합 전혀"}, {"sort": "title", "size": 5},
    {"q": "Osong single-dose toxicity"}])     # the last one: understood.elsewhere (optional)
def test_the_search_body_is_exactly_its_schemas_dump(web, query):
    """The view sends the body it builds without dumping it through SearchResponseSchema (the
    profile's cut, issue 18): it must be what the dump would send, field for field."""
    from clusterhub.api.schemas import SearchResponseSchema

    body = web.get("/api/v1/search", query_string=query).json
    assert body == SearchResponseSchema().dump(body)
    assert set(body) == set(SearchResponseSchema().fields)
