"""The Meilisearch backend's requests, checked against Meilisearch 1.53's own OpenAPI document."""
from __future__ import annotations

import json
import random
import re
from datetime import datetime, timezone

import pytest

from clusterhub.search import meili, meili_query
from clusterhub.search.contract import (DATE_FIELDS, KEYWORD_FIELDS, NUMERIC_FIELDS, PUBLIC, And,
                                        Exists, In, IsEmpty, Not, Or, Range, SearchError,
                                        SearchRequest)
from clusterhub.search.document import index_document
from clusterhub.search.meili import MeiliBackend
from clusterhub.search.meili_document import doc_key, listing_id, to_meili
from clusterhub.search.meili_filter import FALSE, epoch, quote, to_filter
from clusterhub.search.meili_settings import settings, synonyms
from tests.clusterhub.search import openapi_check
from tests.schemas.samples import equipment, expert, service

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


def documents():
    return [
        index_document("kmedihub:equipment:EQ-0100", equipment(), updated_at="2025-03-05T10:00:00"),
        index_document("kbiohealth:service:SV-0012", service(), updated_at="2025-01-02"),
        index_document("kbiohealth:expert:EX-007", expert(), updated_at=None),
        index_document("kmedihub:equipment:EQ.9_x", equipment(source_id="EQ.9_x"),
                       status="withdrawn"),
    ]


# -- an independent reading of the engine's filter grammar, to check what strings mean ------

def _tokens(text: str) -> list[tuple[str, str]]:
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "\"'":
            # The engine's rule: a backslash takes the next character; only \<quote> unescapes.
            j, escaped = i + 1, False
            while text[j] != c:
                if text[j] == "\\":
                    escaped |= text[j + 1] == c
                    j += 1
                j += 1
            raw = text[i + 1:j]
            out.append(("value", raw.replace("\\" + c, c) if escaped else raw))
            i = j + 1
        elif text.startswith((">=", "<=", "!="), i):
            out.append(("op", text[i:i + 2]))
            i += 2
        elif c in "=<>()[],":
            out.append(("op", c))
            i += 1
        else:
            word = re.match(r"[^\s()\[\],=<>!'\"]+", text[i:]).group()
            out.append(("word", word))
            i += len(word)
    return out


def _listed(value) -> list:
    return [] if value is None else list(value) if isinstance(value, list) else [value]


def _number(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


class _Reader:
    """Recursive descent over OR < AND < NOT < (expression) | condition, as the engine parses."""

    def __init__(self, text: str):
        self.tokens, self.i = _tokens(text), 0

    def peek(self, *words):
        tok = self.tokens[self.i] if self.i < len(self.tokens) else None
        return tok if tok and tok[0] != "value" and tok[1] in words else None

    def take(self, *words):
        tok = self.tokens[self.i]
        assert not words or (tok[0] != "value" and tok[1] in words), (tok, words)
        self.i += 1
        return tok[1]

    def expression(self):
        parts = [self.conjunction()]
        while self.peek("OR"):
            self.take("OR")
            parts.append(self.conjunction())
        return lambda d: any(p(d) for p in parts)

    def conjunction(self):
        parts = [self.negation()]
        while self.peek("AND"):
            self.take("AND")
            parts.append(self.negation())
        return lambda d: all(p(d) for p in parts)

    def negation(self):
        if self.peek("NOT"):
            self.take("NOT")
            inner = self.negation()
            return lambda d: not inner(d)
        if self.peek("("):
            self.take("(")
            inner = self.expression()
            self.take(")")
            return inner
        return self.condition()

    def condition(self):
        field = self.take()
        if self.peek("IN"):
            self.take("IN")
            self.take("[")
            values = [self.take()]
            while self.peek(","):
                self.take(",")
                values.append(self.take())
            self.take("]")
            return lambda d: any(v in values for v in _listed(d.get(field)))
        if self.peek("EXISTS"):
            self.take("EXISTS")
            return lambda d: field in d
        if self.peek("IS"):
            self.take("IS")
            negated = bool(self.peek("NOT")) and bool(self.take("NOT"))
            what = self.take("NULL", "EMPTY")
            test = ((lambda d: field in d and d[field] is None) if what == "NULL"
                    else (lambda d: field in d and d[field] in ("", [], {})))
            return (lambda d: not test(d)) if negated else test
        if self.peek(">=", "<="):
            op, bound = self.take(), float(self.take())
            return lambda d: (_number(d.get(field)) is not None
                              and (_number(d.get(field)) >= bound if op == ">="
                                   else _number(d.get(field)) <= bound))
        low = float(self.take())
        self.take("TO")
        high = float(self.take())
        return lambda d: _number(d.get(field)) is not None and low <= _number(d.get(field)) <= high


def meili_matches(expression: str, doc: dict) -> bool:
    reader = _Reader(expression)
    predicate = reader.expression()
    assert reader.i == len(reader.tokens), f"trailing tokens in {expression!r}"
    return predicate(doc)


def _instant(value, end: bool = False) -> float | None:
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    moment = datetime.fromisoformat(value)
    if end and len(value) == 10:
        moment = moment.replace(hour=23, minute=59, second=59)
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def matches(node, doc: dict) -> bool:
    """What the contract's AST means for one flat document."""
    if isinstance(node, In):
        return any(v in node.values for v in _listed(doc.get(node.field)))
    if isinstance(node, Range):
        dated = node.field in DATE_FIELDS
        value = _instant(doc.get(node.field)) if dated else _number(doc.get(node.field))
        low = _instant(node.gte) if dated else node.gte
        high = _instant(node.lte, end=True) if dated else node.lte
        return (value is not None and (low is None or value >= low)
                and (high is None or value <= high))
    if isinstance(node, (Exists, IsEmpty)):
        present = doc.get(node.field) not in (None, "", [])
        return present if isinstance(node, Exists) else not present
    if isinstance(node, And):
        return all(matches(i, doc) for i in node.items)
    if isinstance(node, Or):
        return any(matches(i, doc) for i in node.items)
    return not matches(node.item, doc)


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
    assert set(filterable) == {*KEYWORD_FIELDS, *NUMERIC_FIELDS, *(f"{d}_ts" for d in DATE_FIELDS)}
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


# -- filters --------------------------------------------------------------------------------

def test_filter_strings():
    assert to_filter(None) is None
    assert to_filter(PUBLIC) == 'visibility IN ["public"]'
    assert to_filter(In("region", ("daegu", "seoul"))) == 'region IN ["daegu", "seoul"]'
    assert to_filter(In("model", (3,))) == 'model IN ["3"]'
    assert to_filter(Range("fee_min_krw", gte=1000, lte=5000.5)) == "fee_min_krw 1000 TO 5000.5"
    assert to_filter(Range("year_acquired", lte=2020)) == "year_acquired <= 2020"
    assert to_filter(Exists("nfec_no")) == \
        "(nfec_no EXISTS AND nfec_no IS NOT NULL AND nfec_no IS NOT EMPTY)"
    assert to_filter(IsEmpty("languages")).startswith("NOT (languages EXISTS")
    assert to_filter(Not(In("kind", ("expert",)))) == 'NOT (kind IN ["expert"])'
    assert to_filter(And((PUBLIC, Or((In("kind", ("service",)), Exists("model")))))) == (
        '(visibility IN ["public"]) AND ((kind IN ["service"]) OR '
        '((model EXISTS AND model IS NOT NULL AND model IS NOT EMPTY)))')


def test_constant_clauses_fold():
    assert to_filter(And(())) is None
    assert to_filter(Or(())) == FALSE
    assert to_filter(Not(Or(()))) is None
    assert to_filter(And((PUBLIC, And(())))) == 'visibility IN ["public"]'
    assert to_filter(And((PUBLIC, Or(())))) == FALSE
    assert to_filter(Or((PUBLIC, Not(Or(()))))) is None


def test_date_ranges_use_epoch_mirrors():
    start = epoch("2025-01-01")
    assert to_filter(Range("updated_at", gte="2025-01-01")) == f"updated_at_ts >= {start}"
    # A bare upper date covers its whole day, as in the embedded engine.
    assert to_filter(Range("source_updated_at", lte="2025-01-01")) == \
        f"source_updated_at_ts <= {start + 86399}"
    assert to_filter(Range("updated_at", lte="2025-01-01T12:00:00+09:00")) == \
        f"updated_at_ts <= {start + 3 * 3600}"
    assert to_filter(Exists("updated_at")).startswith("(updated_at_ts EXISTS")


@pytest.mark.parametrize("node", [
    Range("updated_at", gte="yesterday"), Range("fee_min_krw", gte="lots"),
    Range("fee_min_krw", lte=float("nan")), Range("fee_max_krw", gte=float("inf")),
    Range("year_acquired", gte=True), In("region", ("ok\\",)),
    In("model", ("x\\\"y\\'z",)),
])
def test_untranslatable_filters_raise_search_error(node):
    with pytest.raises(SearchError):
        to_filter(node)


HOSTILE = ['plain', "O'Brien", 'Say "hi"', 'back\\slash', '\\"', "\\'", 'it\'s "both"',
           'public" OR visibility = "hidden', "') OR (kind EXISTS", "[1, 2]", "AND", "NOT",
           "TO", "EXISTS", "a, b", "한글 값", "LC-MS/MS", "tab\tnew\nline", "  spaced  ",
           "\\\\double", "#!$%^&*()"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_read_back_exactly(value):
    literal = quote(value)
    assert meili_matches(f"manufacturer IN [{literal}]", {"manufacturer": value})
    assert not meili_matches(f"manufacturer IN [{literal}]", {"manufacturer": value + "x"})
    assert to_filter(In("manufacturer", (value, "Waters"))) == \
        f'manufacturer IN [{literal}, "Waters"]'


def _docs_for_filters():
    docs = [to_meili(d) for d in documents()]
    for i, value in enumerate(HOSTILE):
        extra = dict(docs[i % len(docs)], id=f"c:x:h{i}", manufacturer=value, model=None,
                     languages=[value] if i % 2 else [], fee_min_krw=i * 1000 or None,
                     region="" if i % 3 == 0 else "daegu",
                     updated_at=f"2024-{1 + i % 12:02d}-15T00:00:00")
        docs.append(to_meili(extra))
    return docs + [to_meili({"id": "c:x:bare", "kind": "service"})]


def _random_filter(rng, depth=0):
    pick = rng.randrange(8 if depth < 3 else 4)
    if pick == 0:
        field = rng.choice(["manufacturer", "languages", "region", "kind", "model"])
        return In(field, tuple(rng.sample(HOSTILE + ["daegu", "equipment", "Waters"], 2)))
    if pick == 1:
        return Range(rng.choice(["fee_min_krw", "year_acquired"]), gte=rng.choice([None, 1000, 2019]),
                     lte=rng.choice([5000, 2020, 1e6]))
    if pick == 2:
        return Range("updated_at", gte=rng.choice(["2024-03-01", None]), lte="2024-08-15")
    if pick == 3:
        return rng.choice([Exists, IsEmpty])(rng.choice(["model", "languages", "region",
                                                         "fee_min_krw", "updated_at", "nfec_no"]))
    if pick in (4, 5):
        kind = And if pick == 4 else Or
        return kind(tuple(_random_filter(rng, depth + 1) for _ in range(rng.randrange(0, 3))))
    return Not(_random_filter(rng, depth + 1))


def test_translation_means_the_same_as_the_ast():
    """Evaluate each expression with a reading of Meilisearch's grammar and compare."""
    rng, docs = random.Random(20250305), _docs_for_filters()
    for _ in range(300):
        node = _random_filter(rng)
        try:
            expression = to_filter(node)
        except SearchError:
            continue
        for doc in docs:
            expected = matches(node, doc)
            got = True if expression is None else meili_matches(expression, doc)
            assert got == expected, (node, expression, doc["id"])


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
    assert {k for k in sent if k not in ("pk", "updated_at_ts", "source_updated_at_ts")} == \
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
    assert by_region == {"indexUid": "listings", "q": "질량분석", "facets": ["region"], "limit": 0,
                         "filter": '(visibility IN ["public"]) AND (categories IN ["drug_discovery"])'
                                   ' AND (fee_min_krw <= 500000)'}
    assert by_category["facets"] == ["categories"] and by_category["limit"] == 0
    assert 'region IN ["daegu", "seoul"]' in by_category["filter"]
    assert "categories" not in by_category["filter"]


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
