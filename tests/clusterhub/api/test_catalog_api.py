"""The JSON API: search with the page's parameters, listings, clusters, vocabularies, OpenAPI."""
import re

import pytest
from openapi_spec_validator import validate

from tests.clusterhub.web.conftest import catalog_app, web  # noqa: F401  (shared fixtures)


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


def test_listing_clusters_and_vocabularies(web):
    r = web.get("/api/v1/listings/kmedihub:equipment:EQ-001")
    assert r.status_code == 200 and r.json["manufacturer"] == "Thermo Fisher"
    clusters = web.get("/api/v1/clusters").json
    assert len(clusters) == 20 and {"code", "name", "region", "counts"} <= set(clusters[0])
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
