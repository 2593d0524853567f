"""Korean tokenisation: bigrams with positions, loose spacing, particles, query parsing."""
from __future__ import annotations

import pytest

from clusterhub.search import korean
from clusterhub.search.query import parse


def test_bigrams_of_a_compound():
    assert korean.bigrams("신약개발지원센터") == ["신약", "약개", "개발", "발지", "지원", "원센", "센터"]


def test_bigrams_bridge_plain_spaces_but_not_punctuation_or_lines():
    assert korean.bigrams("독성 시험을") == ["독성", "성시", "시험", "험을"]
    assert korean.bigrams("독성, 시험") == ["독성", "시험"]
    assert korean.bigrams("독성\n시험") == ["독성", "시험"]


def test_latin_and_digits_stay_words_in_korean_text():
    assert korean.bigrams("LC-MS/MS 분석 Orbitrap 480") == ["lc", "ms", "ms", "분석", "orbitrap", "480"]


def test_a_lone_syllable_is_kept():
    assert korean.bigrams("약 (주)") == ["약", "주"]


def test_index_text_is_whitespace_joined_and_normalized():
    decomposed = "\u1112\u1161\u11ab\u1100\u116e\u11a8"      # 한국 in conjoining jamo (NFD)
    assert korean.index_text(decomposed) == "한국"
    assert korean.index_text(None) == ""


@pytest.mark.parametrize("word, stem", [
    ("질량분석기를", "질량분석기"), ("시험을", "시험"), ("센터에서", "센터"), ("세포치료제의", "세포치료제"),
    ("국가", "국가"), ("평가", "평가"), ("를", "를"), ("LC-MS를", "LC-MS"), ("Orbitrap", "Orbitrap"),
    ("독성시험", "독성시험"),
])
def test_strip_particle(word, stem):
    assert korean.strip_particle(word) == stem


def test_parse_splits_words_phrases_and_concepts():
    terms = parse('질량분석기를 "독성 시험" confokal')
    assert [(t.text, t.phrase) for t in terms] == [("질량분석기를", False), ("confokal", False), ("독성 시험", True)] \
        or [(t.text, t.phrase) for t in terms] == [("질량분석기를", False), ("독성 시험", True), ("confokal", False)]


def test_parse_drops_stopwords_unless_nothing_else_is_left():
    assert [t.text for t in parse("질량분석기 및 독성")] == ["질량분석기", "독성"]
    assert [t.text for t in parse("의 및")] == ["의", "및"]


@pytest.mark.parametrize("q", ['"', '""', '"abc', "a:b", "(((", "^~*", "\\", "   ", "!!!"])
def test_parse_never_fails(q):
    parse(q)


def test_phrase_terms_skip_implied_bigrams():
    assert korean.phrase_terms("독성시험") == [(0, "독성"), (2, "시험")]
    assert korean.phrase_terms("질량분석기") == [(0, "질량"), (2, "분석"), (3, "석기")]
    assert korean.phrase_terms("LC-MS 신약") == [(0, "lc"), (1, "ms"), (2, "신약")]


def test_phrase_terms_find_exactly_the_substring(embedded):
    from clusterhub.search.document import index_document
    base = {"kind": "equipment", "cluster": "kmedihub", "region": "daegu", "categories": ["omics"]}
    embedded.upsert([index_document("kmedihub:equipment:A", dict(base, source_id="A", title={"ko": "독성 분석 시험"})),
                     index_document("kmedihub:equipment:B", dict(base, source_id="B", title={"ko": "반복 독성시험"}))])
    from clusterhub.search.contract import SearchRequest
    assert [h.id for h in embedded.search(SearchRequest(q="독성시험")).hits] == ["kmedihub:equipment:B"]


def test_a_number_glued_to_a_counter_syllable_is_one_token():
    assert korean.bigrams("임상 1상 시험 수행") == ["임상", "1", "1상", "상시", "시험", "험수", "수행"]
    assert korean.bigrams("2상 3상") == ["2", "2상", "3", "3상"]
    assert korean.bigrams("4주간 반복") == ["4", "4주", "주간", "간반", "반복"]
    assert korean.phrase_terms("1상") == [(0, "1"), (1, "1상")]


@pytest.mark.parametrize("word, stem", [("1상을", "1상"), ("4주간", "4주간"), ("3상", "3상")])
def test_strip_particle_after_a_number(word, stem):
    assert korean.strip_particle(word) == stem


@pytest.mark.parametrize("q", ["임상 1상", "1상", "1상을", "임상시험 1상", "1상 수행"])
def test_phase_one_finds_the_phase_one_trials(embedded, docs, q):
    """The demo's "임상시험 1상 수행 컨설팅": "1상" alone used to match nothing (the syllable 상
    was only indexed inside the bigram 상수)."""
    from clusterhub.search.contract import SearchRequest

    base = next(d for d in docs if d["visibility"] == "public" and d["kind"] == "service")
    trial = dict(base, id="osong:service:PH1", title_ko="임상시험 1상 수행 컨설팅",
                 title_en="Clinical trial phase 1 conduct consulting", summary_ko="임상시험 1상 수행을 지원합니다.")
    other = dict(base, id="osong:service:PH2", title_ko="임상시험 2상 설계 컨설팅",
                 title_en="Clinical trial phase 2 design consulting", summary_ko="4주 반복투여 후 2상을 설계합니다.")
    embedded.rebuild(docs + [trial, other], "v1")
    found = [h.id for h in embedded.search(SearchRequest(q=q, size=20)).hits]
    assert found and found[0] == "osong:service:PH1", found
    if " " not in q:      # several words may be relaxed, which ranks the 2상 trial below
        assert "osong:service:PH2" not in found
    assert [h.id for h in embedded.search(SearchRequest(q="4주", size=20)).hits].count("osong:service:PH2") == 1
