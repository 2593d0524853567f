"""The value conventions of the clusters' exports: dates, fees, yes/no, durations, own words, links."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from connectors.base import MappingError, SourceRecord
from connectors.conventions import (Fee, TermMap, fee_document, iso_date, parse_date, parse_days,
                                    parse_fee, parse_flag, parse_year, sharing_scope, split_words)
from connectors.conventions.fees import fee_from_columns
from connectors.conventions.mapping import (Table, active_if, bilingual_items, bilingual_pairs,
                                            integer, links, lookup, text_list)


@pytest.mark.parametrize("text", ["2019.03.05", "20190305", "2019-03-05", "2019/3/5", "2019년 3월 5일",
                                  "2019. 3. 5.", "2019년 03월 05일", "2019.3.5", "2019-03-05T09:00:00+09:00",
                                  " 2019-03-05 "])
def test_dates_in_every_cluster_style(text):
    assert parse_date(text) == date(2019, 3, 5)
    assert iso_date(text) == "2019-03-05"


def test_dates_from_spreadsheet_cells():
    assert parse_date(datetime(2019, 3, 5, 14, 0)) == date(2019, 3, 5)
    assert parse_date(date(2019, 3, 5)) == date(2019, 3, 5)


@pytest.mark.parametrize("text,problem", [("2019.02.30", "not a real calendar date"),
                                          ("2019.13.01", "not a real calendar date"),
                                          ("미상", "not understood"), ("03/05/2019", "not understood")])
def test_bad_dates_say_which_value(text, problem):
    with pytest.raises(ValueError, match=problem) as caught:
        parse_date(text)
    assert repr(text) in str(caught.value)


@pytest.mark.parametrize("value,year", [("2019", 2019), (2019, 2019), ("2019년", 2019), ("2019.03", 2019),
                                        ("20190305", 2019), ("2019년 3월 5일", 2019), (datetime(2019, 3, 5), 2019)])
def test_acquisition_years(value, year):
    assert parse_year(value) == year


def test_bad_years():
    with pytest.raises(ValueError, match="out of range"):
        parse_year("1850")
    with pytest.raises(ValueError, match="not a real calendar date"):
        parse_year("2017.02.30")


@pytest.mark.parametrize("text,fee", [
    ("1,200,000원", Fee("fixed", 1_200_000, 1_200_000)),
    ("120만원", Fee("fixed", 1_200_000, 1_200_000)),
    ("1,200만원", Fee("fixed", 12_000_000, 12_000_000)),
    ("1.5억원", Fee("fixed", 150_000_000, 150_000_000)),
    ("1억 5,000만원", Fee("fixed", 150_000_000, 150_000_000)),
    ("50천원", Fee("fixed", 50_000, 50_000)),
    ("50만원~120만원", Fee("fixed", 500_000, 1_200_000)),
    ("50~120만원", Fee("fixed", 500_000, 1_200_000)),
    ("5,000원~2만원", Fee("fixed", 5_000, 20_000)),
    ("100만원 이상", Fee("fixed", 1_000_000, None)),
    ("시간당 5만원", Fee("fixed", 50_000, 50_000, "시간당")),
    ("50,000원/시간", Fee("fixed", 50_000, 50_000, "시간당")),
    ("1일 540,000원", Fee("fixed", 540_000, 540_000, "1일 기준")),
    ("건당 12만원", Fee("fixed", 120_000, 120_000, "건당")),
    ("30만원 (VAT 별도)", Fee("fixed", 300_000, 300_000, "VAT 별도")),
    ("KRW 50,000 per hour", Fee("fixed", 50_000, 50_000, "시간당")),
    ("별도 협의", Fee("quote", note="별도 협의")),
    ("별도협의", Fee("quote", note="별도협의")),
    ("견적 후 결정", Fee("quote", note="견적 후 결정")),
    ("무료", Fee("free")),
    ("0원", Fee("free")),
    (1_200_000, Fee("fixed", 1_200_000, 1_200_000)),
    (0, Fee("free")),
])
def test_fees_in_every_cluster_style(text, fee):
    assert parse_fee(text) == fee


def test_fee_models_come_from_the_vocabulary():
    from schemas import vocabularies
    assert {"free", "fixed", "quote"} == set(vocabularies.get("fee_models").codes)


def test_fee_document_is_the_shared_schema_object():
    assert fee_document("시간당 5만원") == {"model": "fixed", "min_krw": 50_000, "max_krw": 50_000,
                                        "note": {"ko": "시간당"}}
    assert fee_document("별도 협의") == {"model": "quote", "note": {"ko": "별도 협의"}}
    assert parse_fee("12", scale=1000) == Fee("fixed", 12_000, 12_000)


@pytest.mark.parametrize("text", ["USD 1,200", "12만원~3만원", "만원", "120만 달러", "abc", "", True])
def test_bad_fees_say_which_value(text):
    with pytest.raises(ValueError, match="fee"):
        parse_fee(text)


def test_fees_split_over_columns():
    assert fee_from_columns("35000", None, "시간") == {"model": "fixed", "min_krw": 35_000, "max_krw": 35_000,
                                                     "note": {"ko": "시간당"}}
    assert fee_from_columns(30000, 60000, "일")["max_krw"] == 60_000
    assert fee_from_columns(None, None, None, "별도 협의")["model"] == "quote"
    assert fee_from_columns(0) == {"model": "free"}
    with pytest.raises(ValueError, match="fee unit '분'"):
        fee_from_columns("35000", None, "분")
    with pytest.raises(ValueError, match="neither an amount nor a remark"):
        fee_from_columns(None, None, "시간", None)


@pytest.mark.parametrize("yes,no", [("Y", "N"), ("y", "n"), ("예", "아니오"), ("O", "X"), ("가능", "불가"),
                                    ("가능", "불가능"), ("true", "false"), (True, False), (1, 0),
                                    ("공동활용허용가능", "단독활용만 가능")])
def test_yes_no_styles(yes, no):
    assert parse_flag(yes) is True
    assert parse_flag(no) is False
    assert sharing_scope(yes) == "shared"
    assert sharing_scope(no) == "exclusive"


def test_unknown_yes_no_says_which_value():
    with pytest.raises(ValueError, match="'확인중' not understood"):
        parse_flag("확인중")


@pytest.mark.parametrize("value,days", [(30, 30), ("30", 30), ("30일", 30), ("약 30일", 30), ("4주", 28),
                                        ("2개월", 60), ("14일 이내", 14), ("30 days", 30)])
def test_durations(value, days):
    assert parse_days(value) == days


def test_bad_duration():
    with pytest.raises(ValueError, match="duration '한 달쯤'"):
        parse_days("한 달쯤")


FIELDS = TermMap("categories", {"전임상": "nonclinical", "신약개발": "drug_discovery"})


def test_cluster_words_translate_to_codes():
    assert FIELDS("전임상") == "nonclinical"
    assert FIELDS(" 신약개발 ") == "drug_discovery"
    assert FIELDS.many()("신약개발, 전임상") == ["drug_discovery", "nonclinical"]
    assert FIELDS.many()(["전임상", "전임상"]) == ["nonclinical"]
    assert FIELDS.many()("신약개발|전임상") == ["drug_discovery", "nonclinical"]


def test_unknown_word_names_itself_and_the_known_words():
    with pytest.raises(ValueError) as caught:
        FIELDS("융합기타")
    assert "'융합기타'" in str(caught.value) and "전임상" in str(caught.value)


def test_a_term_map_refuses_codes_outside_the_vocabulary():
    with pytest.raises(ValueError, match="no such codes"):
        TermMap("categories", {"약학": "pharmacy"})


def test_lists_and_links():
    assert split_words("LC-MS/MS; HPLC, HPLC") == ["LC-MS/MS", "HPLC"]
    assert text_list()("LC-MS/MS, NMR") == ["LC-MS/MS", "NMR"]
    assert links("kmedihub", "equipment")("KMH-EQ-00001;KMH-EQ-00002") == [
        "kmedihub:equipment:KMH-EQ-00001", "kmedihub:equipment:KMH-EQ-00002"]
    assert links("kbiohealth", "service")([100001, 100002]) == [
        "kbiohealth:service:100001", "kbiohealth:service:100002"]
    assert bilingual_pairs(";")("독성학; 약리학", "Toxicology; Pharmacology") == [
        {"ko": "독성학", "en": "Toxicology"}, {"ko": "약리학", "en": "Pharmacology"}]
    assert bilingual_items([{"kor": "독성학", "eng": "Toxicology"}]) == [{"ko": "독성학", "en": "Toxicology"}]
    assert integer("1,200") == 1200 and integer(30.0) == 30
    status = active_if("운영", inactive=("유휴", "불용"))
    assert status("운영") == "active" and status(" 유휴 ") == "inactive"
    assert lookup({"fee": {"amount": 5}}, "fee.amount") == 5


@pytest.mark.parametrize("value", ["Y", "1", "운영중", ""])
def test_an_unexpected_status_is_an_error_not_inactive(value):
    """A real export that writes Y must not vanish from search as 'inactive' without a word."""
    with pytest.raises(ValueError) as caught:
        active_if("운영", inactive=("유휴",))(value)
    assert "unknown status" in str(caught.value) and "운영 (active) or 유휴 (inactive)" in str(caught.value)


TABLE = Table("equipment", "equipment", None, "장비번호", (
    ("title.ko", "장비명"),
    ("categories", "분야", FIELDS.many()),
    ("year_acquired", "취득일자", parse_year),
    ("related+", "관련서비스", links("kmedihub", "service")),
    ("related+", "담당", links("kmedihub", "expert")),
))


def test_a_table_maps_a_record_into_a_document():
    record = SourceRecord("x.csv, row 2", {"장비번호": "E1", "장비명": " 질량분석기 ", "분야": "신약개발",
                                           "취득일자": "2019.03.05", "관련서비스": "S1", "담당": "-"})
    doc = TABLE.map(record, {"cluster": "kmedihub", "region": "daegu"})
    assert doc == {"cluster": "kmedihub", "region": "daegu", "kind": "equipment", "source_id": "E1",
                   "title": {"ko": "질량분석기"}, "categories": ["drug_discovery"], "year_acquired": 2019,
                   "related": ["kmedihub:service:S1"]}


def test_a_bad_value_is_a_mapping_error_naming_the_column():
    record = SourceRecord("x.csv, row 7", {"장비번호": "E7", "장비명": "현미경", "분야": "융합기타"}, "E7")
    with pytest.raises(MappingError) as caught:
        TABLE.map(record, {})
    error = caught.value
    assert (error.field, error.location, error.source_id) == ("분야", "x.csv, row 7", "E7")
    assert error.message.startswith("categories: unknown categories term '융합기타'")


def test_a_record_without_id_is_a_mapping_error():
    with pytest.raises(MappingError, match="no id in column '장비번호'"):
        TABLE.map(SourceRecord("x.csv, row 3", {"장비명": "현미경"}), {})
