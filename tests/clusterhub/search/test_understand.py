"""Reading q: places become filters, kind words select a kind, words of intent leave q."""
import pytest

from clusterhub.search.understand import read


def steers(reading):
    return [(s.word, s.field, s.value) for s in reading.filters]


@pytest.mark.parametrize("q, searched, filters, intents", [
    ("오송 독성시험", "독성시험", [("오송", "cluster", "kbiohealth")], []),
    ("오송 독성시험 비용", "독성시험", [("오송", "cluster", "kbiohealth")], ["비용"]),
    ("KMEDIhub 질량분석기를", "질량분석기를", [("KMEDIhub", "cluster", "kmedihub")], []),
    ("대구에서 MRI", "MRI", [("대구에서", "cluster", "kmedihub")], []),
    ("대구경북 첨단의료복합단지", "", [("대구경북 첨단의료복합단지", "cluster", "kmedihub")], []),
    ("충청북도 세포배양", "세포배양", [("충청북도", "region", "chungbuk")], []),
    ("LC-MS 분석 의뢰", "LC-MS 분석", [("의뢰", "kind", "service")], []),
    ("질량분석기 예약", "질량분석기", [("예약", "kind", "equipment")], []),
    ("GMP 전문가", "GMP", [("전문가", "kind", "expert")], []),
    ("독성시험 가능한 곳", "독성시험", [], ["가능한", "곳"]),
    ("where can I do toxicity test", "toxicity test", [("test", "kind", "service")], ["where", "can", "I", "do"]),
    # a word naming a test or a study hints at services and stays content; a kind word wins over it
    ("원숭이 약효 평가", "원숭이 약효 평가", [("평가", "kind", "service")], []),
    ("CRO 독성", "CRO 독성", [("CRO", "kind", "service")], []),
    ("흡입독성 시험 장비", "흡입독성 시험", [("장비", "kind", "equipment")], []),
    ("독성시험기", "독성시험기", [], []),
    # names of places typed with or without their hyphens and spaces, in mixed script
    ("K-바이오헬스 GMP", "GMP", [("K-바이오헬스", "cluster", "kbiohealth")], []),
    ("KMEDI hub 독성", "독성", [("KMEDI hub", "cluster", "kmedihub")], []),
    ("대구 경북", "", [("대구 경북", "cluster", "kmedihub")], []),
    ("PCR 기계", "PCR", [("기계", "kind", "equipment")], []),
    ("장비 예약", "", [("장비", "kind", "equipment")], ["예약"]),   # one kind; the second word is intent
    # a wider area selects each of its regions
    ("수도권 질량분석기", "질량분석기", [("수도권", "region", "seoul"), ("수도권", "region", "gyeonggi"),
                                      ("수도권", "region", "incheon")], []),
    ("NHP 독성시험 할 수 있는 곳", "NHP 독성시험", [], ["할", "수", "있는", "곳"]),
])
def test_reading(q, searched, filters, intents):
    reading = read(q)
    assert (reading.q, steers(reading), reading.intents) == (searched, filters, intents)


def test_quotes_and_concepts_are_left_alone():
    assert read('"오송 비용"').q == '"오송 비용"' and not read('"오송 비용"').changed
    assert read("세포 배양기").q == "세포 배양기"


def test_hints_are_soft_and_kind_words_are_not():
    assert [s.soft for s in read("원숭이 약효 평가").filters] == [True]
    assert [s.soft for s in read("질량분석기 예약").filters] == [False]


def test_a_three_syllable_loanword_is_never_respelled():
    assert read("바이럴 벡터").corrected == {} and read("바이럴").corrected == {}
