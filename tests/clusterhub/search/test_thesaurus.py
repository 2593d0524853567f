"""The bilingual thesaurus: coverage, symmetry, and the Meilisearch synonyms shape."""
from __future__ import annotations

import pytest

from schemas.thesaurus import Thesaurus, ThesaurusError, normalize


def test_at_least_three_hundred_sourced_concepts(thesaurus):
    assert len(thesaurus) >= 300
    groups = {e["group"] for e in thesaurus.entries}
    assert groups == {"instrument", "service", "species", "regulatory"}
    assert all(e["ko"] and e["en"] for e in thesaurus.entries)
    unsourced = [e["id"] for e in thesaurus.entries if not (e.get("source") or "").strip()]
    assert unsourced == [], f"entries without a source: {unsourced}"


@pytest.mark.parametrize("a, b", [
    ("영장류", "NHP"), ("원숭이", "marmoset"), ("영장류", "cynomolgus monkey"), ("NHP", "마모셋"),
    ("식약처", "MFDS"), ("CRO", "contract research organization"), ("CDMO", "위탁개발생산"),
    ("CMO", "위탁생산기관"), ("PK/PD", "약동약력학"), ("IND", "임상시험계획승인"),
    ("GLP", "good laboratory practice"), ("GMP", "good manufacturing practice"),
    ("mass spec", "질량분석기"), ("CO2 인큐베이터", "세포배양기"), ("LightCycler", "실시간 유전자 증폭기"),
    ("Heracell", "CO2 incubator"), ("랫드", "rat"), ("비글", "beagle"), ("파일럿 생산", "pilot production"),
])
def test_abbreviations_species_and_brands_link_to_their_concept(thesaurus, a, b):
    assert b.casefold() in [t.casefold() for t in thesaurus.expansions(a)]


@pytest.mark.parametrize("a, b", [
    ("질량분석기", "mass spectrometer"), ("질량분석기", "LC-MS"), ("유세포분석기", "flow cytometer"),
    ("유세포분석기", "FACS"), ("공초점현미경", "confocal microscope"), ("핵자기공명", "NMR"),
    ("차세대염기서열분석", "NGS"), ("NGS", "next-generation sequencing"), ("독성시험", "toxicity test"),
    ("독성시험", "toxicology"), ("약동학", "pharmacokinetics"), ("약동학", "PK"), ("전자파적합성", "EMC"),
])
def test_required_pairs_expand_both_ways(thesaurus, a, b):
    assert normalize(b) in {normalize(t) for t in thesaurus.expansions(a)}
    assert normalize(a) in {normalize(t) for t in thesaurus.expansions(b)}


def test_lookup_ignores_case_width_and_korean_spacing(thesaurus):
    assert thesaurus.expansions("차세대 염기서열분석") == thesaurus.expansions("차세대염기서열분석")
    assert thesaurus.expansions("ＦＡＣＳ") == thesaurus.expansions("facs")
    assert thesaurus.expansions("unknown words") == []


def test_expansions_exclude_the_term_itself(thesaurus):
    for term in ("질량분석기", "FACS", "PK"):
        assert normalize(term) not in {normalize(t) for t in thesaurus.expansions(term)}


def test_synonyms_map_every_term_for_meilisearch(thesaurus):
    synonyms = thesaurus.synonyms()
    assert "LC-MS" in synonyms["질량분석기"]
    assert "질량분석기" in synonyms["LC-MS"]
    assert all(isinstance(k, str) and v and all(isinstance(t, str) for t in v) for k, v in synonyms.items())
    assert sum(len(Thesaurus.terms(e)) for e in thesaurus.entries) >= len(synonyms)


@pytest.mark.parametrize("entries", [
    [{"id": "a", "ko": ["하나"]}],
    [{"id": "a", "ko": ["하나"], "en": ["one"]}, {"id": "a", "ko": ["둘"], "en": ["two"]}],
    [{"ko": ["하나"], "en": ["one"]}],
    [{"id": "a", "ko": ["하나"], "en": [""]}],
    [{"id": "a", "ko": ["하나"], "en": ["one"], "narrower": "셋"}],
])
def test_malformed_entries_are_refused(entries):
    with pytest.raises(ThesaurusError):
        Thesaurus(entries)


@pytest.mark.parametrize("broad, narrow", [("쥐", "마우스"), ("쥐", "랫드"), ("개", "비글견"), ("dog", "beagle"),
                                           ("비임상", "독성시험"), ("기능성 평가", "미백")])
def test_broad_words_find_narrower_terms_one_way_only(thesaurus, broad, narrow):
    assert narrow in thesaurus.expansions(broad)
    assert normalize(broad) not in {normalize(t) for t in thesaurus.expansions(narrow)}
    assert narrow in thesaurus.synonyms()[broad]      # Meilisearch's synonyms are one-way too


@pytest.mark.parametrize("typed, term", [("RNAseq", "RNA-seq"), ("LCMS", "질량분석기"), ("PKPD", "PK/PD"),
                                         ("RNA seq", "RNA-seq"), ("cellsorter", "세포분리기")])
def test_terms_are_found_without_their_hyphens_slashes_and_spaces(thesaurus, typed, term):
    assert typed in thesaurus
    assert term in thesaurus.expansions(typed)
