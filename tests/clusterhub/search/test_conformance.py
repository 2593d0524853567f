"""One set of cases for every search backend: matching, filters, facets, paging, sort, highlights.

Filter semantics checked here: In matches any value (any element of a list field); Range is
inclusive and a bare date as `lte` covers that whole day; Exists means a value that is not
None, "" or []; IsEmpty is the opposite. Facets are disjunctive, sorted by count then value.
"""
from __future__ import annotations

import re

import pytest

from clusterhub.search.contract import (PUBLIC, And, Exists, In, IsEmpty, Not, Or, Range,
                                        SearchRequest)

def gid(cluster: str, kind: str, sid: str) -> str:
    return f"{cluster}:{kind}:{sid}"


MASS_SPEC = gid("kmedihub", "equipment", "EQ-001")
TRIPLE_QUAD = gid("kbiohealth", "equipment", "EQ-002")
CYTOMETER = gid("daedeok", "equipment", "EQ-003")
CONFOCAL = gid("songdo_siheung", "equipment", "EQ-004")
NMR = gid("wonju", "equipment", "EQ-005")
TOX_REPEAT = gid("kbiohealth", "service", "SV-001")
TOX_SINGLE = gid("kmedihub", "service", "SV-002")
PK = gid("kmedihub", "service", "SV-003")
FACS_SERVICE = gid("kbiohealth", "service", "SV-004")
EFFICACY = gid("kmedihub", "service", "SV-005")
EMC = gid("kmedihub", "service", "SV-007")
CONSULTING = gid("kbiohealth", "service", "SV-010")
PATHOLOGIST = gid("kmedihub", "expert", "EX-001")
PROTEOMICS = gid("kbiohealth", "expert", "EX-002")
HIDDEN = gid("kmedihub", "equipment", "EQ-900")
WITHDRAWN = gid("kbiohealth", "service", "SV-900")
INACTIVE = gid("wonju", "equipment", "EQ-901")
NEVER = {HIDDEN, WITHDRAWN, INACTIVE}


def search(backend, q="", **kw):
    kw.setdefault("size", 100)
    return backend.search(SearchRequest(q=q, **kw))


def found(backend, q, **kw) -> list[str]:
    return [h.id for h in search(backend, q, **kw).hits]


def facet_pairs(result, field):
    return [(v.value, v.count) for v in result.facets[field]]


# --- Korean and English matching ------------------------------------------------------------

@pytest.mark.parametrize("q, expected", [
    ("신약", EFFICACY),             # only inside the centre's name 신약개발지원센터
    ("독성시험", PATHOLOGIST),       # written "독성 시험을"
    ("질량분석", MASS_SPEC),         # inside 질량분석기
    ("효력", EFFICACY),              # two syllables inside 효력평가
    ("질량분석기를", MASS_SPEC),     # with a particle
    ("LC-MS/MS", TRIPLE_QUAD),
    ("Orbitrap", PROTEOMICS),
    ("orbitrap", MASS_SPEC),
])
def test_finds(backend, q, expected):
    assert expected in found(backend, q)


def test_two_syllables_find_every_compound(backend, docs):
    incubators = {d["id"] for d in docs if ":INC-" in d["id"]}
    assert incubators <= set(found(backend, "배양"))


def test_instrument_token_stays_whole(backend):
    ids = found(backend, "LC-MS/MS")
    assert {MASS_SPEC, TRIPLE_QUAD, PK, PROTEOMICS} <= set(ids)
    assert HIDDEN not in ids


def test_typo_tolerance_ranks_the_intended_word_first(backend):
    assert found(backend, "confokal")[0] == CONFOCAL


def test_thesaurus_expands_across_languages(backend):
    # EQ-002 never says "mass spectrometer"; its LC-MS/MS is a synonym.
    assert TRIPLE_QUAD in found(backend, "mass spectrometer")
    ids = found(backend, "유세포분석기")
    # SV-004 says only 유세포분석 / flow cytometry; the user's own word ranks higher.
    assert FACS_SERVICE in ids and CYTOMETER in ids
    assert ids.index(CYTOMETER) < ids.index(FACS_SERVICE)


def test_phrase_requires_adjacent_words(backend):
    loose = found(backend, "fluorescence imaging")
    assert {CONFOCAL, CYTOMETER} <= set(loose)
    phrase = found(backend, '"fluorescence imaging"')
    assert CONFOCAL in phrase and CYTOMETER not in phrase


@pytest.mark.parametrize("q", ['"unbalanced', "a:b", "(LC-MS", "title:^2", "*", "~1", "\\", ")))",
                               "AND OR NOT", "의 를", "\"\"", "!!!", "를"])
def test_any_query_text_is_safe(backend, q):
    result = search(backend, q, facets=("kind",))
    assert result.total >= 0 and not NEVER & {h.id for h in result.hits}


def test_relevance_puts_title_matches_first(backend):
    assert found(backend, "질량분석기")[0] == MASS_SPEC


# --- highlights -----------------------------------------------------------------------------

def _hit(backend, q, listing_id):
    return next(h for h in search(backend, q).hits if h.id == listing_id)


def test_highlights_mark_korean_and_english(backend):
    ko = _hit(backend, "질량분석", MASS_SPEC).highlights["title_ko"]
    assert re.search(r"<mark>[^<]*질량분석[^<]*</mark>", ko)
    assert ko.replace("<mark>", "").replace("</mark>", "") == "질량분석기 (Orbitrap Exploris 480)"
    en = _hit(backend, "confocal", CONFOCAL).highlights["title_en"]
    assert "<mark>Confocal</mark>" in en


def test_highlights_are_escaped(backend):
    hit = _hit(backend, "컨설팅", CONSULTING)
    assert "R&amp;D" in hit.highlights["title_ko"] and "<mark>컨설팅</mark>" in hit.highlights["title_ko"]
    summary = _hit(backend, "상담", CONSULTING).highlights["summary_ko"]
    assert "&lt;무료&gt;" in summary and "<mark>상담</mark>" in summary


def test_hits_carry_the_listing_document(backend, corpus):
    hit = _hit(backend, "Orbitrap", MASS_SPEC)
    assert hit.document == corpus.LISTINGS[0][0]


def test_hits_carry_the_featured_mark(backend):
    result = search(backend, "질량분석")
    marks = {h.id: h.featured for h in result.hits}
    assert marks[MASS_SPEC] is True  # the corpus features its first listing only
    assert len(marks) > 1 and not any(v for k, v in marks.items() if k != MASS_SPEC)


# --- filters and the base filter ------------------------------------------------------------

FILTERS = [
    In("kind", ("service",)),
    In("certifications", ("glp", "kolas")),
    In("manufacturer", ("Thermo Fisher",)),
    Range("fee_min_krw", 30000, 80000),
    Range("year_acquired", gte=2020),
    Range("turnaround_days", lte=30),
    Range("source_updated_at", gte="2024-01-01"),
    Range("source_updated_at", gte="2023-03-15", lte="2024-05-02"),
    Range("updated_at", lte="2025-01-10"),
    Range("updated_at", gte="2025-01-05T00:00:00", lte="2025-01-20T12:00:00"),
    Exists("regulatory_grade"),
    Exists("source_updated_at"),
    IsEmpty("certifications"),
    IsEmpty("fee_min_krw"),
    Not(In("kind", ("equipment",))),
    Or((In("region", ("daegu",)), Range("year_acquired", gte=2022))),
    And((In("kind", ("service",)), Not(Exists("regulatory_grade")))),
]


@pytest.mark.parametrize("node", FILTERS, ids=lambda n: repr(n)[:60])
def test_filters_match_the_oracle(backend, docs, oracle, node):
    request = SearchRequest(filter=node, size=100)
    expected = oracle.ids(docs, request)
    result = backend.search(request)
    assert {h.id for h in result.hits} == expected
    assert result.total == len(expected)


def test_filter_spot_checks(backend):
    assert search(backend, filter=In("kind", ("service",))).total == 12
    assert search(backend, filter=In("certifications", ("glp", "kolas"))).total == 6
    assert search(backend, filter=Range("fee_min_krw", 30000, 80000)).total == 10
    assert search(backend, filter=Exists("regulatory_grade")).total == 4


@pytest.mark.parametrize("node", [
    In("visibility", ("hidden", "withdrawn", "inactive")),
    Not(In("visibility", ("public",))),
    Or((In("visibility", ("hidden",)), In("status", ("withdrawn",)))),
])
def test_base_filter_is_never_dropped(backend, node):
    result = search(backend, filter=node, facets=("kind",))
    assert result.total == 0 and result.hits == []


def test_hidden_withdrawn_and_inactive_never_appear(backend, public_docs):
    browse = search(backend, facets=("kind",))
    assert browse.total == len(public_docs) == 56
    assert sum(v.count for v in browse.facets["kind"]) == 56
    for q in ("질량분석기", "독성시험", "공초점현미경", "Q Exactive"):
        assert not NEVER & set(found(backend, q))


def test_a_wider_base_filter_is_honoured(backend):
    wide = search(backend, base_filter=In("visibility", ("public", "hidden")))
    assert wide.total == 57 and HIDDEN in {h.id for h in wide.hits}


# --- disjunctive facets ---------------------------------------------------------------------

def test_disjunctive_facets_hand_counted(backend):
    result = search(backend, filter=And((In("kind", ("equipment",)), In("region", ("daegu", "chungbuk")))),
                    facets=("kind", "region", "categories", "sharing_scope"))
    assert result.total == 17
    assert facet_pairs(result, "kind") == [("equipment", 17), ("service", 8), ("expert", 2)]
    assert facet_pairs(result, "region") == [("daegu", 9), ("chungbuk", 8), ("daejeon", 8),
                                             ("gangwon", 8), ("incheon", 7)]
    assert facet_pairs(result, "categories") == [
        ("cell_gene_therapy", 8), ("manufacturing", 4), ("analytical_chemistry", 2), ("omics", 2),
        ("imaging", 1), ("laboratory_animals", 1), ("medical_devices", 1), ("nonclinical", 1)]
    assert facet_pairs(result, "sharing_scope") == [("shared", 14), ("exclusive", 3)]


def test_selected_value_shows_at_zero(backend):
    result = search(backend, filter=And((In("kind", ("equipment",)), In("region", ("jeju",)))),
                    facets=("kind", "region"))
    assert result.total == 0
    assert ("jeju", 0) in facet_pairs(result, "region")
    assert facet_pairs(result, "kind") == [("equipment", 0)]


def test_list_field_selection_counts_each_document_once(backend):
    result = search(backend, filter=In("certifications", ("glp", "aaalac")), facets=("certifications", "kind"))
    assert result.total == 4
    assert facet_pairs(result, "kind") == [("equipment", 2), ("service", 2)]
    assert facet_pairs(result, "certifications") == [("iso9001", 6), ("glp", 3), ("kolas", 3),
                                                     ("aaalac", 2), ("gmp", 1), ("iso17025", 1)]


COMPLEX = And((In("kind", ("equipment", "service")), In("region", ("daegu", "daejeon", "incheon")),
               In("cluster", ("kmedihub", "daedeok", "wonju")), In("categories", ("omics", "imaging", "cell_gene_therapy")),
               In("fee_model", ("fixed", "quote")), Range("lead_time_days", gte=1)))


@pytest.mark.parametrize("q_filter", [COMPLEX, And(COMPLEX.items[:2]), In("languages", ("en",)), None])
def test_disjunctive_facets_match_the_oracle(backend, docs, oracle, q_filter):
    request = SearchRequest(filter=q_filter, size=100, facets=(
        "kind", "region", "cluster", "categories", "fee_model", "sharing_scope", "languages", "certifications"))
    result = backend.search(request)
    expected = oracle.facets(docs, request)
    assert {f: facet_pairs(result, f) for f in request.facets} == expected
    assert result.total == len(oracle.ids(docs, request))


def test_facets_follow_the_text_query(backend):
    result = search(backend, "LC-MS/MS", facets=("kind",), filter=In("kind", ("service",)))
    assert result.total == 1
    assert dict(facet_pairs(result, "kind")) == {"equipment": 2, "service": 1, "expert": 1}


# --- paging and sort ------------------------------------------------------------------------

def test_pages_cover_everything_once(backend, public_docs):
    newest_first = [d["id"] for d in sorted(public_docs, key=lambda d: d["updated_at"], reverse=True)]
    seen = []
    for page in range(1, 7):
        result = search(backend, sort="updated", page=page, size=10)
        assert result.total == 56
        seen += [h.id for h in result.hits]
    assert seen == newest_first
    assert search(backend, sort="updated", page=7, size=10).hits == []


def test_sort_by_title(backend, public_docs):
    services = sorted((d for d in public_docs if d["kind"] == "service"), key=lambda d: d["title_sort"])
    result = search(backend, sort="title", filter=In("kind", ("service",)))
    assert [h.id for h in result.hits] == [d["id"] for d in services]
    # "gmp ..." and "r&d ..." sort before Hangul titles
    assert [h.id for h in result.hits[:2]] == [gid("songdo_siheung", "service", "SV-006"), CONSULTING]


def test_sort_by_updated_with_a_query(backend, docs):
    updated = {d["id"]: d["updated_at"] for d in docs}
    ids = found(backend, "분석", sort="updated")
    assert len(ids) > 5
    assert [updated[i] for i in ids] == sorted((updated[i] for i in ids), reverse=True)


def test_page_size_and_total_with_a_query(backend):
    everything = found(backend, "배양")
    first = search(backend, "배양", size=5)
    second = search(backend, "배양", size=5, page=2)
    assert first.total == second.total == len(everything)
    assert [h.id for h in first.hits + second.hits] == everything[:10]
    assert first.backend == backend.name


def test_public_is_the_default_base_filter():
    assert SearchRequest().base_filter == PUBLIC


# --- matching: every word first, then relaxed from the end (contract.MATCHING_STRATEGY) -------

def test_every_word_first_then_the_last_words_left_out(backend):
    # No listing says 견적서 (a quote); all words find nothing, the page is not left empty.
    relaxed = search(backend, "단회투여 독성 견적서", size=10)
    assert TOX_SINGLE in [h.id for h in relaxed.hits]
    assert relaxed.dropped[-1] == "견적서"   # words leave from the end until a page is full
    # One listing fills a page of one: only the last word had to go.
    assert search(backend, "단회투여 독성 견적서", size=1).dropped == ("견적서",)
    assert HIDDEN not in [h.id for h in relaxed.hits] and WITHDRAWN not in [h.id for h in relaxed.hits]


def test_a_word_matching_nothing_is_left_out_first(backend):
    # 견적서 comes first but matches nothing: it goes, 단회투여 독성 stay required.
    result = search(backend, "견적서 단회투여 독성", size=1)
    assert result.dropped == ("견적서",) and found(backend, "견적서 단회투여 독성", size=1) == [TOX_SINGLE]


def test_strict_keeps_every_word_required(backend):
    strict = search(backend, "단회투여 독성 견적서", size=10, strict=True)
    assert strict.total == 0 and strict.dropped == ()


def test_a_full_page_of_every_word_is_not_relaxed(backend):
    result = search(backend, "독성 시험", size=1)
    assert result.total >= 1 and result.dropped == ()


def test_listings_matching_more_words_rank_first(backend):
    # "rats" is in SV-002 and EX-001; only SV-002 also says "acute": it must come first.
    ids = found(backend, "rats acute nonexistentword", size=10)
    assert ids[0] == TOX_SINGLE and PATHOLOGIST in ids


def test_relaxed_facets_count_the_relaxed_hits(backend):
    result = search(backend, "단회투여 독성 견적서", size=10, facets=("kind",))
    assert sum(v.count for v in result.facets["kind"]) == result.total > 0


def test_a_compound_matching_nothing_whole_is_tried_as_its_parts(backend):
    # 단회독성 is how people shorten 단회투여 독성: SV-002 says "단회투여 독성 평가".
    result = search(backend, "단회독성 평가", size=10)
    assert TOX_SINGLE in [h.id for h in result.hits]
    assert "단회독성" not in result.dropped


def test_a_lone_compound_is_tried_as_its_parts_too(backend):
    # A q of one word has no word to leave out, but the compound is still tried as its parts.
    result = search(backend, "단회독성", size=10)
    assert TOX_SINGLE in [h.id for h in result.hits] and result.dropped == ()


# --- identical instruments as one group -----------------------------------------------------

INCUBATORS = "세포배양기"   # 30 units: 10 groups of 3 (one maker and model in one centre each)


def test_identical_instruments_are_one_group_across_pages(backend):
    """Ungrouped, the units of a model lie on several pages; grouped, page 1 holds each group
    once with all its units, and page 2 holds other groups."""
    plain = search(backend, INCUBATORS, size=4, sort="title")
    assert [h.id[-2:] for h in plain.hits] == ["00", "01", "02", "03"] and plain.total == 30
    first = search(backend, INCUBATORS, size=4, sort="title", group=True)
    second = search(backend, INCUBATORS, size=4, sort="title", group=True, page=2)
    assert [h.id[-2:] for h in first.hits] == ["00", "01", "02", "03"]
    lead = first.hits[0]
    assert lead.members == (lead.id, lead.id[:-2] + "10", lead.id[:-2] + "20")   # pages 3 and 6 ungrouped
    assert all(len(h.members) == 3 and h.members[0] == h.id for h in first.hits)
    assert all(list(h.members[1:]) == sorted(h.members[1:]) for h in first.hits)   # then by id
    assert [h.id[-2:] for h in second.hits] == ["04", "05", "06", "07"]
    assert not {m for h in first.hits for m in h.members} & {m for h in second.hits for m in h.members}
    # The total counts listings, total_groups the cards; facet counts stay per listing.
    assert (first.total, first.total_groups) == (30, 10)


def test_grouped_pages_by_relevance_show_every_unit_once(backend):
    seen = []
    for page in (1, 2, 3):
        result = search(backend, INCUBATORS, size=4, group=True, page=page, facets=("kind", "cluster"))
        assert result.facets["kind"] == search(backend, INCUBATORS, facets=("kind",)).facets["kind"]
        seen += [m for h in result.hits for m in h.members]
    assert len(seen) == len(set(seen)) == 30


def test_services_stand_alone_in_a_grouped_result(backend):
    result = search(backend, "독성", group=True)
    assert result.total_groups == result.total and all(not h.members for h in result.hits)
