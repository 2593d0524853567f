"""The Meilisearch backend reading the answers Meilisearch 1.53's OpenAPI document describes."""
from __future__ import annotations

import os
import socket
import uuid

import pytest

from clusterhub.search.contract import (And, BackendError, In, Range, SearchRequest)
from clusterhub.search.document import index_document
from clusterhub.search.meili import MeiliBackend
from clusterhub.search.meili_document import MARK_CLOSE, MARK_OPEN
from clusterhub.search.meili_query import queries, result
from tests.clusterhub.search import openapi_check
from tests.schemas.samples import equipment, expert, service

THESAURUS = [{"terms": ["질량분석기", "mass spectrometer", "LC-MS"]}]


@pytest.fixture
def backend(fake):
    return MeiliBackend(url=fake.url, api_key="admin-key", index="listings", thesaurus=THESAURUS,
                        task_timeout_ms=2000)


def documents():
    return [
        index_document("kmedihub:equipment:EQ-0100", equipment(), updated_at="2025-03-05T10:00:00"),
        index_document("kbiohealth:service:SV-0012", service(), updated_at="2025-01-02"),
        index_document("kbiohealth:expert:EX-007", expert()),
    ]


def _hit(doc: dict, formatted: dict | None = None, score: float = 0.9) -> dict:
    """A hit as the engine returns it: displayed attributes, _formatted, _rankingScore."""
    hit = {k: doc[k] for k in ("id", "document", "title_ko", "summary_ko", "title_en", "summary_en")}
    hit["_formatted"] = dict(hit, **(formatted or {}))
    hit["_rankingScore"] = score
    return hit


# -- search answers -------------------------------------------------------------------------

def test_the_documented_search_example_maps(spec):
    example = spec.example("POST", "/indexes/movies/search", 200)
    response = {"results": [dict(example, indexUid="movies")]}
    assert spec.schema_errors("SearchResults", response) == []
    out = result(SearchRequest(q="american "), response, "meilisearch")
    assert [h.id for h in out.hits] == [2770, 190859]
    assert out.total == 976  # offset mode: the estimate is all there is
    assert out.took_ms == 35 and out.facets == {} and out.backend == "meilisearch"


def test_hits_highlights_totals_and_facets(backend, fake):
    docs = documents()
    docs[0]["title_en"] = "<b>Triple</b> & <mark>quad</mark> mass spectrometer"
    hits = [_hit(docs[0], {"title_ko": f"삼중사중극자 {MARK_OPEN}질량분석{MARK_CLOSE}기",
                           "title_en": f"<b>Triple</b> & <mark>quad</mark> {MARK_OPEN}mass{MARK_CLOSE}"
                                       " spectrometer"}, 0.87),
            _hit(docs[1], score=0.5)]

    def answer(body):
        main, region = body["queries"]
        return {"results": [
            openapi_check.result_for(main, hits, {"kind": {"equipment": 3, "service": 1}}, total=4),
            openapi_check.result_for(region, facets={"region": {"daegu": 2, "busan": 5}}),
        ]}

    fake.search = answer
    request = SearchRequest(q="질량분석", facets=("region", "kind"),
                            filter=In("region", ("daegu", "seoul")))
    out = backend.search(request)
    assert out.total == 4 and out.backend == "meilisearch" and out.took_ms == 4
    first = out.hits[0]
    assert first.id == "kmedihub:equipment:EQ-0100" and first.score == 0.87
    assert first.document == equipment()
    assert first.highlights["title_ko"] == "삼중사중극자 <mark>질량분석</mark>기"
    assert first.highlights["title_en"] == (
        "&lt;b&gt;Triple&lt;/b&gt; &amp; &lt;mark&gt;quad&lt;/mark&gt; <mark>mass</mark> spectrometer")
    assert "summary_en" not in first.highlights  # empty text has nothing to show
    assert [(f.value, f.count) for f in out.facets["region"]] == [("busan", 5), ("daegu", 2),
                                                                  ("seoul", 0)]
    assert [(f.value, f.count) for f in out.facets["kind"]] == [("equipment", 3), ("service", 1)]


def test_without_highlight_there_are_no_highlights(backend, fake):
    fake.search = lambda body: {"results": [openapi_check.result_for(
        body["queries"][0], [{k: v for k, v in _hit(documents()[2]).items() if k != "_formatted"}])]}
    out = backend.search(SearchRequest(q="약동학", highlight=False))
    assert out.hits[0].highlights == {} and out.hits[0].id == "kbiohealth:expert:EX-007"


def test_facet_stats_and_estimated_totals():
    request = SearchRequest(facets=("region",))
    body = queries("listings", request)
    part = openapi_check.result_for({k: v for k, v in body[0].items()
                                     if k not in ("page", "hitsPerPage")}, total=7)
    part["facetStats"] = {"updated_at_ts": {"min": 1.7e9, "max": 1.8e9},
                          "fee_min_krw": {"min": 0, "max": 120000}}
    out = result(request, {"results": [part]}, "meilisearch")
    assert out.total == 7
    assert out.facet_stats == {"updated_at": {"min": 1.7e9, "max": 1.8e9},
                               "fee_min_krw": {"min": 0.0, "max": 120000.0}}
    assert out.facets == {"region": []}


def test_a_short_answer_is_a_backend_error():
    request = SearchRequest(facets=("region",), filter=In("region", ("daegu",)))
    with pytest.raises(BackendError, match="2 queries"):
        result(request, {"results": [openapi_check.result_for({"indexUid": "x"})]}, "meilisearch")


def test_the_fake_checks_its_answers_too(backend, fake):
    fake.search = lambda body: {"results": [{"hits": [], "indexUid": "listings"}]}
    backend.search(SearchRequest(q="x"))
    assert any("processingTimeMs" in p for p in fake.problems)
    fake.problems.clear()


def test_an_engine_error_is_a_backend_error_with_its_message(backend, fake, spec):
    fake.search = lambda body: (401, spec.example("POST", "/multi-search", 401))
    with pytest.raises(BackendError, match="Authorization header is missing"):
        backend.search(SearchRequest(q="x", filter=And((Range("fee_min_krw", gte=1),))))


# -- tasks, stats, keys ---------------------------------------------------------------------

def test_a_failed_task_raises_with_the_engines_message(backend, fake, spec):
    fake.fail["settingsUpdate"] = openapi_check._error(
        spec, "invalid_settings_synonyms", "Invalid value at `.synonyms`: expected an object.")
    with pytest.raises(BackendError) as err:
        backend.rebuild(documents(), "v1")
    assert "expected an object" in str(err.value) and "invalid_settings_synonyms" in str(err.value)
    assert "listings_next" in fake.indexes and "listings" not in fake.indexes
    # The next rebuild clears the leftover first and succeeds.
    assert backend.rebuild(documents(), "v1") == 3
    assert set(fake.indexes) == {"listings", "listings_meta"}


def test_a_failed_document_task_raises(backend, fake, spec):
    backend.rebuild(documents(), "v1")
    fake.fail["documentAdditionOrUpdate"] = openapi_check._error(
        spec, "invalid_document_id", "Document identifier `a:b` is invalid.")
    with pytest.raises(BackendError, match="invalid_document_id"):
        backend.upsert(documents()[:1])


def test_a_task_that_does_not_finish_times_out(fake):
    slow = MeiliBackend(url=fake.url, api_key="admin-key", index="listings", task_timeout_ms=150)
    fake.stuck.add("indexCreation")
    with pytest.raises(BackendError, match="did not finish within 150 ms"):
        slow.upsert(documents())


def test_state_reads_stats_and_the_catalog_version(backend, fake):
    missing = backend.state()
    assert (missing.state, missing.documents, missing.catalog_version) == ("missing", 0, None)
    backend.rebuild(documents(), "2025-03-05.1")
    ready = backend.state()
    assert (ready.backend, ready.state, ready.documents, ready.catalog_version) == \
        ("meilisearch", "ready", 3, "2025-03-05.1")
    backend.set_catalog_version("2025-03-05.2")
    fake.indexing = True
    busy = backend.state()
    assert (busy.state, busy.catalog_version) == ("building", "2025-03-05.2")


def test_the_stamp_is_the_catalog_version_the_index_holds(backend, fake):
    """ETags and the facet cache key on it (issue 18): it moves with every catalog version."""
    backend.rebuild(documents(), "7")
    assert backend.stamp() == "7"
    backend.set_catalog_version("8")
    assert backend.stamp() == "8"


def test_state_without_a_version_document(backend, fake):
    backend.upsert(documents())
    assert backend.state().catalog_version is None and backend.state().documents == 3


def test_state_during_a_first_build(backend, fake):
    fake.indexes["listings_next"] = {"primaryKey": "pk", "docs": {}, "settings": {}}
    assert backend.state().state == "building"


def test_an_unreachable_engine(spec):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again when the block ends: nothing listens
    gone = MeiliBackend(url=f"http://127.0.0.1:{port}", api_key="k", index="listings",
                        search_key="s")
    state = gone.state()
    assert state.state == "error" and "Meilisearch" in state.detail
    with pytest.raises(BackendError):
        gone.search(SearchRequest(q="x"))
    with pytest.raises(BackendError):
        gone.upsert(documents())


def test_documented_keys_with_whole_second_times_do_not_break_key_lookup(backend, fake, spec):
    from meilisearch.models.key import Key

    listed = spec.example("GET", "/keys", 200)["results"][0]
    assert listed["expiresAt"] == "2022-11-12T10:00:00Z"
    with pytest.raises(ValueError):
        Key(**listed)  # the client's own model cannot read it, hence the raw route
    backend.search(SearchRequest(q="x"))
    assert fake.calls[-1].auth == "Bearer search-key-1"


def test_an_expired_search_key_is_replaced(backend, fake):
    fake.keys.append({**fake.keys[0], "name": "clusterhub search: listings", "key": "old",
                      "actions": ["search"], "indexes": ["listings", "listings_next"]})
    backend.search(SearchRequest(q="x"))
    assert fake.calls[-1].auth == "Bearer search-key-2"


# -- a live server (MEILI_URL, MEILI_MASTER_KEY) --------------------------------------------

live = pytest.mark.skipif(
    not os.environ.get("MEILI_URL"),
    reason="set MEILI_URL (and MEILI_MASTER_KEY) to run against a live Meilisearch")


@live
def test_live_settings_rebuild_and_search():
    index = f"clusterhub_smoke_{uuid.uuid4().hex[:8]}"
    b = MeiliBackend(url=os.environ["MEILI_URL"], api_key=os.environ.get("MEILI_MASTER_KEY", ""),
                     index=index, thesaurus=THESAURUS)
    try:
        assert b.rebuild(documents(), "smoke-1") == 3
        assert b.state().catalog_version == "smoke-1"
        out = b.search(SearchRequest(q="mass spectrometer", facets=("kind", "region"),
                                     filter=In("kind", ("equipment", "service"))))
        assert "kmedihub:equipment:EQ-0100" in [h.id for h in out.hits]
        assert {f.value for f in out.facets["kind"]} >= {"equipment", "service"}
        assert b.search(SearchRequest(q="질량분석")).total >= 1
    finally:
        for key in b.admin.http.get("keys?limit=1000").get("results", []):
            if key.get("name") == f"clusterhub search: {index}":
                b.admin.http.delete(f"keys/{key['uid']}")
        for uid in (index, f"{index}_next", f"{index}_meta"):
            try:
                b.admin.delete_index(uid)
            except Exception:  # cleanup is best effort on a shared server
                pass
