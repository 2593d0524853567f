"""The Meilisearch backend's requests, checked against Meilisearch 1.53's own OpenAPI document."""
from __future__ import annotations

import json
import re

import pytest

from clusterhub.search import meili, meili_query
from clusterhub.search.contract import (DATE_FIELDS, KEYWORD_FIELDS, NUMERIC_FIELDS, And, In, Range,
                                        SearchRequest)
from clusterhub.search.meili import MeiliBackend
from clusterhub.search.meili_document import doc_key, listing_id
from clusterhub.search.meili_filter import epoch
from clusterhub.search.meili_settings import settings, synonyms
from tests.clusterhub.search import openapi_check
from tests.clusterhub.search.meili_samples import documents

THESAURUS = {"entries": [
    {"terms": ["질량분석기", "mass spectrometer", "LC-MS", "LC-MS/MS"]},
    {"terms": ["유세포분석기", "flow cytometer", "FACS"]},
    {"ko": ["말디토프"], "en": ["MALDI-TOF mass spectrometer"], "abbr": ["MALDI-TOF"]},
]}
SETTINGS = "/indexes/{index_uid}/settings"


@pytest.fixture
def backend(fake):
    return MeiliBackend(url=fake.url, api_key="admin-key", index="listings", thesaurus=THESAURUS,
                        task_timeout_ms=2000)




# -- the checker itself ---------------------------------------------------------------------

def test_checker_rejects_an_unknown_property_and_a_wrong_type(spec):
    assert spec.request_errors("PATCH", "/indexes/x/settings", {"searchableAttributes": ["a"]}) == []
    unknown = spec.request_errors("PATCH", "/indexes/x/settings", {"searchableAttribute": ["a"]})
    assert unknown and "searchableAttribute" in unknown[0]
    nested = spec.request_errors("PATCH", "/indexes/x/settings", {
        "typoTolerance": {"minWordSizeForTypos": {"oneTypo": 5, "threeTypos": 12}}})
    assert nested and "threeTypos" in " ".join(nested)
    wrong = spec.request_errors("PATCH", "/indexes/x/settings", {"pagination": {"maxTotalHits": "many"}})
    assert wrong and "pagination" in wrong[0]
    query = spec.request_errors("POST", "/multi-search", {"queries": [
        {"indexUid": "x", "q": "a", "limit": "ten", "highlight": True}]})
    assert any("limit" in e for e in query) and any("highlight" in e for e in query)


def test_checker_rejects_unknown_query_parameters_and_undocumented_routes(spec):
    assert spec.request_errors("POST", "/indexes/x/documents", [], {"primaryKey": "pk"}) == []
    assert spec.request_errors("POST", "/indexes/x/documents", [], {"primary_key": "pk"})
    with pytest.raises(KeyError):
        spec.template("POST", "/indexes/x/nonsense")
    assert spec.template("POST", "/indexes/x/documents/delete-batch") == \
        "/indexes/{index_uid}/documents/delete-batch"


def test_facets_erratum_is_still_needed_and_narrow(spec):
    # The published document still describes `facets` as {"patterns": [...]}; the engine takes
    # an array (milli's AttributePatterns is serde-transparent). Drop the erratum once fixed.
    assert spec.original["components"]["schemas"]["AttributePatterns"]["type"] == "object"
    good = {"queries": [{"indexUid": "x", "facets": ["region"]}]}
    assert spec.request_errors("POST", "/multi-search", good) == []
    assert spec.request_errors("POST", "/multi-search", {"queries": [
        {"indexUid": "x", "facets": {"patterns": ["region"]}}]})


# -- settings -------------------------------------------------------------------------------

def test_settings_body_is_valid_and_complete(spec):
    body = settings(THESAURUS)
    assert spec.request_errors("PATCH", "/indexes/listings/settings", body) == []
    assert body["searchableAttributes"] == ["title_ko", "title_en", "summary_ko", "summary_en",
                                            "tokens", "body_ko", "body_en"]
    filterable = [a for rule in body["filterableAttributes"] for a in rule["attributePatterns"]]
    assert set(filterable) == {*KEYWORD_FIELDS, *NUMERIC_FIELDS, *(f"{d}_ts" for d in DATE_FIELDS), "group_or_id"}
    ranged = body["filterableAttributes"][1]
    assert ranged["features"]["filter"]["comparison"] is True
    assert set(body["sortableAttributes"]) == {"updated_at_ts", "title_sort"}
    assert {"attributePatterns": ["*_ko"], "locales": ["kor"]} in body["localizedAttributes"]
    assert body["faceting"]["maxValuesPerFacet"] == 100
    assert body["pagination"]["maxTotalHits"] >= 100_000
    assert body["typoTolerance"]["enabled"] is True
    assert set(body["displayedAttributes"]) >= {"id", "document", "title_ko", "summary_en"}


def test_synonyms_link_every_term_of_an_entry_both_ways():
    syn = settings(THESAURUS)["synonyms"]
    assert set(syn["질량분석기"]) == {"mass spectrometer", "LC-MS", "LC-MS/MS"}
    assert "질량분석기" in syn["LC-MS"] and "flow cytometer" in syn["FACS"]
    assert set(syn["MALDI-TOF"]) == {"말디토프", "MALDI-TOF mass spectrometer"}
    assert all(key not in values for key, values in syn.items())


def test_dictionary_keeps_instrument_tokens_whole():
    words = settings(THESAURUS)["dictionary"]
    assert {"LC-MS/MS", "LC-MS", "MALDI-TOF", "Orbitrap"} <= set(words)
    assert not any(" " in w for w in words)


def test_settings_from_the_shared_thesaurus_are_valid(spec):
    thesaurus_module = pytest.importorskip("schemas.thesaurus")
    shipped = thesaurus_module.Thesaurus.load()
    raw = json.loads(thesaurus_module.THESAURUS_FILE.read_text(encoding="utf-8"))
    body = settings(shipped)
    assert spec.request_errors("PATCH", "/indexes/listings/settings", body) == []
    assert len(body["synonyms"]) >= 100
    assert "mass spectrometer" in body["synonyms"]["질량분석기"]
    assert "LC-MS/MS" in body["dictionary"]
    # The object and its raw entries give the same dictionary; synonyms come from the object.
    assert settings(raw)["dictionary"] == body["dictionary"]
    assert spec.request_errors("PATCH", "/indexes/listings/settings", {"synonyms": synonyms(raw)}) == []


# -- documents ------------------------------------------------------------------------------

def test_document_keys_are_valid_meilisearch_ids_and_reversible():
    for lid in ["kmedihub:equipment:EQ-0001", "a_b:service:x.y_z-1", "c:expert:" + "." * 120]:
        key = doc_key(lid)
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,511}", key)
        assert listing_id(key) == lid
    assert doc_key("a:b") != doc_key("a_b") != doc_key("a.b")


def test_documents_add_and_delete_requests(backend, fake, spec, monkeypatch):
    monkeypatch.setattr(meili, "BATCH", 3)
    backend.upsert(documents())
    adds = fake.bodies("POST", "/indexes/{index_uid}/documents")
    assert [len(b) for b in adds] == [3, 1]
    sent = adds[0][0]
    assert sent["pk"] == doc_key(sent["id"]) and sent["id"] == "kmedihub:equipment:EQ-0100"
    assert sent["updated_at_ts"] == epoch("2025-03-05T10:00:00")
    assert adds[0][2]["updated_at_ts"] is None
    assert {k for k in sent if k not in ("pk", "group_or_id", "updated_at_ts", "source_updated_at_ts")} == \
        set(documents()[0])
    for body in adds:
        assert all(re.fullmatch(r"[A-Za-z0-9_-]{1,511}", d["pk"]) for d in body)
    # The live index did not exist: it was created with its settings before any document.
    routes = [(c.method, spec.template(c.method, c.path)) for c in fake.calls
              if c.method != "GET"]
    assert routes[:3] == [("POST", "/indexes"), ("PATCH", SETTINGS),
                          ("POST", "/indexes/{index_uid}/documents")]
    assert fake.bodies("POST", "/indexes") == [{"primaryKey": "pk", "uid": "listings"}]

    backend.delete(["kmedihub:equipment:EQ.9_x", "kbiohealth:expert:EX-007"])
    deleted = fake.bodies("POST", "/indexes/{index_uid}/documents/delete-batch")
    assert deleted == [[doc_key("kmedihub:equipment:EQ.9_x"), doc_key("kbiohealth:expert:EX-007")]]
    assert len(fake.indexes["listings"]["docs"]) == 2
    backend.delete([])
    assert len(fake.bodies("POST", "/indexes/{index_uid}/documents/delete-batch")) == 1


# -- search ---------------------------------------------------------------------------------

def _request(**over):
    base = dict(q="질량분석", facets=("region", "kind", "categories"), sort="updated", page=2, size=10,
                filter=And((In("region", ("daegu", "seoul")), In("categories", ("drug_discovery",)),
                            Range("fee_min_krw", lte=500000))))
    base.update(over)
    return SearchRequest(**base)


def test_disjunctive_facets_are_one_multi_search(backend, fake):
    backend.search(_request())
    bodies = fake.bodies("POST", "/multi-search")
    assert len(bodies) == 1
    main, by_region, by_category = bodies[0]["queries"]
    assert main["indexUid"] == "listings" and main["q"] == "질량분석"
    assert (main["page"], main["hitsPerPage"]) == (2, 10)
    assert main["facets"] == ["kind"]  # refined fields get their own query
    assert main["sort"] == ["updated_at_ts:desc"]
    assert main["filter"] == ('(visibility IN ["public"]) AND (region IN ["daegu", "seoul"]) AND '
                              '(categories IN ["drug_discovery"]) AND (fee_min_krw <= 500000)')
    assert "limit" not in main and main["attributesToHighlight"]
    assert main["matchingStrategy"] == "all"  # every word first (contract: MATCHING_STRATEGY)
    assert by_region == {"indexUid": "listings", "q": "질량분석", "facets": ["region"], "limit": 0,
                         "matchingStrategy": "all", "filter": '(visibility IN ["public"]) AND (categories IN ["drug_discovery"])'
                                   ' AND (fee_min_krw <= 500000)'}
    assert by_category["facets"] == ["categories"] and by_category["limit"] == 0
    assert 'region IN ["daegu", "seoul"]' in by_category["filter"]
    assert "categories" not in by_category["filter"]


def test_fewer_than_a_page_asks_again_with_the_relaxed_strategy(backend, fake, spec):
    """Both backends match the same way: all words; then words matching nothing move to the
    end and Meilisearch's `last` leaves words out from the end (contract.MATCHING_STRATEGY)."""
    seen = []

    def part(query, hits, total):
        return {"indexUid": "listings", "hits": hits, "query": query["q"], "processingTimeMs": 1,
                "totalHits": total, "page": 1, "hitsPerPage": 20, "totalPages": 1}

    def answer(body):
        seen.append(body)
        out = []
        for query in body["queries"]:
            if query.get("limit") == 0:           # one word's count
                out.append(part(query, [], 0 if query["q"] == "견적서" else 5))
            elif query["matchingStrategy"] == "last":
                out.append(part(query, [{"id": "a", "document": {}, "_rankingScoreDetails": {"words": {
                    "order": 0, "matchingWords": 2, "maxMatchingWords": 3, "score": 0.6}}}], 1))
            else:
                out.append(part(query, [], 0))
        return {"results": out}
    fake.search = answer
    result = backend.search(SearchRequest(q="영장류 견적서 독성"))
    strict, counts, relaxed = (b["queries"] for b in seen)
    assert strict[0]["matchingStrategy"] == "all" and "showRankingScoreDetails" not in strict[0]
    assert [(q["q"], q["limit"]) for q in counts] == [("영장류", 0), ("견적서", 0), ("독성", 0)]
    assert relaxed[0]["q"] == "영장류 독성 견적서"        # the word matching nothing goes last
    assert relaxed[0]["matchingStrategy"] == "last" and relaxed[0]["showRankingScoreDetails"] is True
    assert result.dropped == ("견적서",) and [h.id for h in result.hits] == ["a"]
    for body in seen:
        assert spec.request_errors("POST", "/multi-search", body) == []
    seen.clear()
    assert backend.search(SearchRequest(q="영장류 견적서 독성", strict=True)).dropped == ()
    assert len(seen) == 1 and seen[0]["queries"][0]["matchingStrategy"] == "all"
    seen.clear()
    backend.search(SearchRequest(q="영장류"))   # one word: nothing to leave out
    assert len(seen) == 1


def test_broad_words_naming_no_concept_are_left_out_before_concepts(backend, fake, spec):
    """As the embedded engine orders them (relax.reorder): 신약 and 후보물질 match a page or more
    and name no thesaurus concept, so `last` leaves them out before 독성 평가; a rare word
    (CRISPR, fewer listings than a page) keeps its place."""
    seen = []
    counts = {"신약": 2023, "후보물질": 62, "독성": 300, "평가": 900, "CRISPR": 2, "마우스": 127}

    def answer(body):
        seen.append(body)
        out = [{"indexUid": "listings", "hits": [], "query": q["q"], "processingTimeMs": 1,
                "totalHits": counts.get(q["q"], 0) if q.get("limit") == 0 else 0, "page": 1,
                "hitsPerPage": 20, "totalPages": 0} for q in body["queries"]]
        return {"results": out}
    fake.search = answer
    backend.search(SearchRequest(q="신약 후보물질 독성 평가"))
    assert seen[-1]["queries"][0]["q"] == "독성 평가 신약 후보물질"
    backend.search(SearchRequest(q="CRISPR 마우스"))
    assert seen[-1]["queries"][0]["q"] == "CRISPR 마우스"
    for body in seen:
        assert spec.request_errors("POST", "/multi-search", body) == []


def test_each_query_is_also_a_valid_single_index_search(spec):
    for query in meili_query.queries("listings", _request()):
        body = {k: v for k, v in query.items() if k != "indexUid"}
        assert spec.request_errors("POST", "/indexes/listings/search", body) == []


def test_search_without_selection_is_a_single_query(backend, fake, spec):
    backend.search(SearchRequest(q="", facets=("region",), sort="title", highlight=False))
    backend.search(SearchRequest(q="LC-MS/MS", base_filter=And(())))
    first, second = fake.bodies("POST", "/multi-search")
    assert len(first["queries"]) == 1
    assert first["queries"][0]["sort"] == ["title_sort:asc"]
    assert "attributesToHighlight" not in first["queries"][0]
    assert "filter" not in second["queries"][0] and "sort" not in second["queries"][0]
    assert second["queries"][0]["highlightPreTag"] != "<mark>"  # see meili_document.MARK_OPEN
    backend.search(SearchRequest(q="  ", facets=("kind",)))
    assert "attributesToHighlight" not in fake.bodies("POST", "/multi-search")[-1]["queries"][0]
    for body in (first, second):
        assert spec.request_errors("POST", "/multi-search", body) == []


def test_searches_use_a_search_only_key(backend, fake, spec):
    backend.search(_request())
    backend.search(_request(page=1))
    created = fake.bodies("POST", "/keys")
    assert created == [backend.key_request()]
    assert spec.request_errors("POST", "/keys", created[0]) == []
    assert created[0]["actions"] == ["search"]
    assert created[0]["indexes"] == ["listings", "listings_next"]
    searches = [c for c in fake.calls if c.path == "/multi-search"]
    assert {c.auth for c in searches} == {"Bearer search-key-1"}
    assert {c.auth for c in fake.calls if c.path == "/keys"} == {"Bearer admin-key"}
    # Another process finds the key instead of creating a second one.
    other = MeiliBackend(url=fake.url, api_key="admin-key", index="listings")
    other.search(_request())
    assert len(fake.bodies("POST", "/keys")) == 1
    given = MeiliBackend(url=fake.url, api_key="admin-key", index="listings", search_key="given")
    given.search(_request())
    assert fake.calls[-1].auth == "Bearer given" and len(fake.bodies("GET", "/keys")) == 2


# -- lifecycle ------------------------------------------------------------------------------

def test_rebuild_builds_beside_and_swaps(backend, fake, spec):
    assert backend.rebuild(documents(), "v1") == 4
    assert fake.bodies("POST", "/swap-indexes") == [[{"indexes": ["listings_next", "listings"],
                                                      "rename": True}]]
    assert set(fake.indexes) == {"listings", "listings_meta"}
    assert backend.rebuild(documents()[:2], "v2") == 2
    assert fake.bodies("POST", "/swap-indexes")[1] == [{"indexes": ["listings_next", "listings"]}]
    assert set(fake.indexes) == {"listings", "listings_meta"}
    assert len(fake.indexes["listings"]["docs"]) == 2
    settings_bodies = fake.bodies("PATCH", SETTINGS)
    assert len(settings_bodies) == 2 and settings_bodies[0] == settings(THESAURUS)
    deletions = [c.path for c in fake.calls if c.method == "DELETE"]
    assert deletions == ["/indexes/listings_next"]
    meta = fake.bodies("POST", "/indexes/{index_uid}/documents")[-1]
    assert meta[0]["catalog_version"] == "v2" and meta[0]["pk"] == "catalog"
    for call in fake.calls:
        assert spec.request_errors(call.method, call.path, call.body, call.query) == []


def test_update_synonyms_patches_only_synonyms(backend, fake):
    backend.update_synonyms(THESAURUS)  # no index yet: nothing is sent (and nothing created)
    assert fake.bodies("PATCH", SETTINGS) == [] and "listings" not in fake.indexes
    backend.rebuild(documents(), "v1")
    backend.update_synonyms({"entries": [{"terms": ["원심분리기", "centrifuge"]}]})
    last = fake.bodies("PATCH", SETTINGS)[-1]
    assert last == {"synonyms": {"원심분리기": ["centrifuge"], "centrifuge": ["원심분리기"]}}


def test_every_recorded_request_was_checked(backend, fake):
    """The fake validates each request as it arrives; a bad one would show in fake.problems."""
    backend.rebuild(documents(), "v1")
    backend.rebuild(documents(), "v1")
    backend.upsert(documents()[:1])
    backend.delete(["kbiohealth:expert:EX-007"])
    backend.search(_request())
    backend.set_catalog_version("v1+1")
    backend.update_synonyms(THESAURUS)
    kinds = {(c.method, openapi_check.api().template(c.method, c.path)) for c in fake.calls}
    assert {("PATCH", SETTINGS), ("POST", "/multi-search"), ("POST", "/keys"),
            ("POST", "/swap-indexes"), ("POST", "/indexes"), ("DELETE", "/indexes/{index_uid}"),
            ("POST", "/indexes/{index_uid}/documents"),
            ("POST", "/indexes/{index_uid}/documents/delete-batch")} <= kinds
    # And a request the engine would refuse is caught by that same check.
    import requests
    requests.patch(f"{fake.url}/indexes/listings/settings", json={"rankingRule": []}, timeout=5)
    assert any("rankingRule" in p for p in fake.problems)
    fake.problems.clear()


def test_a_grouped_search_pages_by_distinct_groups_and_lists_their_units(backend, fake, spec):
    """Grouping (search/grouping.py) in Meilisearch: the page query asks for one hit per group
    (`distinct` on a filterable attribute), a `hitsPerPage: 0` query without it gives the total and
    facet counts per listing, and one more query lists the units of the page's groups."""
    unit = {"kind": "equipment", "cluster": "daedeok", "center": {"ko": "공동기기원"},
            "manufacturer": "Waters", "model": "Xevo G2-XS QTof"}
    key = "daedeok|공동기기원|waters|xevo g2-xs qtof"
    seen = []

    def part(query, hits, total):
        return {"indexUid": "listings", "hits": hits, "query": query["q"], "processingTimeMs": 1,
                "totalHits": total, "page": 1, "hitsPerPage": 20, "totalPages": 1}

    def answer(body):
        seen.append(body)
        out = []
        for query in body["queries"]:
            if query.get("distinct"):
                out.append(part(query, [{"id": "u1", "document": unit, "group_or_id": key},
                                        {"id": "s1", "document": {"kind": "service"}, "group_or_id": "s1"}], 2))
            elif query.get("hitsPerPage") == 0:
                out.append({**part(query, [], 6), "facetDistribution": {"kind": {"equipment": 5, "service": 1}}})
            else:
                out.append(part(query, [{"id": i, "group_or_id": key} for i in ("u3", "u1", "u2", "u4", "u5")], 5))
        return {"results": out}
    fake.search = answer
    result = backend.search(SearchRequest(q="Xevo", facets=("kind",), group=True))
    page, members = seen
    main, listings = page["queries"]
    assert main["distinct"] == "group_or_id" and "facets" not in main
    assert (listings["hitsPerPage"], listings["facets"]) == (0, ["kind"]) and "distinct" not in listings
    assert members["queries"][0]["filter"] == f'(visibility IN ["public"]) AND (group IN ["{key}"])'
    assert members["queries"][0]["attributesToRetrieve"] == ["id", "group_or_id"]
    assert (result.total, result.total_groups) == (6, 2)
    assert result.hits[0].members == ("u1", "u2", "u3", "u4", "u5") and result.hits[1].members == ()  # lead, then by id
    assert [(v.value, v.count) for v in result.facets["kind"]] == [("equipment", 5), ("service", 1)]
    for body in seen:
        assert spec.request_errors("POST", "/multi-search", body) == []


def test_the_distinct_attribute_is_filterable_and_shown():
    body = settings(THESAURUS)
    assert any("group_or_id" in f["attributePatterns"] for f in body["filterableAttributes"])
    assert "group_or_id" in body["displayedAttributes"]
