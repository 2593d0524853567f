"""Spot checks: a native value in each cluster convention and what the connector made of it."""
from __future__ import annotations

import re

import pytest

MANWON = re.compile(r"^([\d,]+)만원$")


def _won(text: str) -> int:
    return int(text.replace(",", ""))


# (cluster, kind, native column, test of the native value, check of (native value, document))
CASES = [
    # Fees: 만원 and 억원, ranges, per-unit prefixes and suffixes, 별도 협의, 무료, split columns.
    ("kmedihub", "service", "이용 안내/이용료", MANWON.match,
     lambda v, d: d["fee"] == {"model": "fixed", "min_krw": _won(v[:-2]) * 10_000,
                               "max_krw": _won(v[:-2]) * 10_000}),
    ("kmedihub", "service", "이용 안내/이용료", lambda v: re.fullmatch(r"[\d.]+억원", v),
     lambda v, d: d["fee"]["min_krw"] == round(float(v[:-2]) * 100_000_000)),
    ("kmedihub", "service", "이용 안내/이용료", lambda v: re.fullmatch(r"[\d,]+만원~[\d,]+만원", v),
     lambda v, d: (d["fee"]["min_krw"], d["fee"]["max_krw"])
     == tuple(_won(p[:-2]) * 10_000 for p in v.split("~"))),
    ("kmedihub", "service", "이용 안내/이용료", lambda v: v == "별도 협의",
     lambda v, d: d["fee"] == {"model": "quote", "note": {"ko": "별도 협의"}}),
    ("kmedihub", "service", "이용 안내/이용료", lambda v: v == "무료",
     lambda v, d: d["fee"] == {"model": "free"}),
    ("kmedihub", "service", "이용 안내/이용료", lambda v: v.startswith("건당 "),
     lambda v, d: d["fee"]["note"] == {"ko": "건당"}),
    ("kmedihub", "equipment", "이용 정보/이용료", lambda v: v.startswith("시간당 "),
     lambda v, d: d["fee"]["note"] == {"ko": "시간당"} and d["fee"]["min_krw"] >= 5_000),
    ("chuncheon_hongcheon", "equipment", "이용료", lambda v: re.fullmatch(r"[\d,]+원~[\d,]+원/시간", v),
     lambda v, d: (d["fee"]["min_krw"], d["fee"]["max_krw"], d["fee"]["note"]["ko"])
     == (*(_won(p.split("원")[0]) for p in v.split("~")), "시간당")),
    ("cheonan_asan", "equipment", "이용요금", lambda v: v.startswith("1일 "),
     lambda v, d: d["fee"]["note"] == {"ko": "1일 기준"} and d["fee"]["min_krw"] == _won(v[3:-1])),
    ("wonju", "equipment", "요금기준", lambda v: v == "시간",
     lambda v, d: d["fee"]["model"] == "fixed" and d["fee"]["note"] == {"ko": "시간당"}),
    ("wonju", "equipment", "비고", lambda v: v == "별도 협의", lambda v, d: d["fee"]["model"] == "quote"),
    ("sejong", "equipment", "feeUnitNm", lambda v: v == "일", lambda v, d: d["fee"]["note"] == {"ko": "1일 기준"}),
    ("songdo_siheung", "equipment", "price_basis", lambda v: v == "per hour",
     lambda v, d: d["fee"]["note"] == {"ko": "시간당"}),
    ("songdo_siheung", "service", "price_basis", lambda v: v == "on request",
     lambda v, d: d["fee"]["model"] == "quote"),
    ("kbiohealth", "equipment", "fee.type", lambda v: v == "NEGOTIABLE", lambda v, d: d["fee"]["model"] == "quote"),
    ("kbiohealth", "service", "fee.type", lambda v: v == "FREE", lambda v, d: d["fee"] == {"model": "free"}),
    # Dates in every style the exports use.
    ("kmedihub", "equipment", "취득 정보/취득일자", lambda v: re.fullmatch(r"\d{4}-\d\d-\d\d", v),
     lambda v, d: d["year_acquired"] == int(v[:4])),
    ("kmedihub", "service", "최종수정일", lambda v: re.fullmatch(r"\d{4}\.\d\d\.\d\d", v),
     lambda v, d: d["source_updated_at"] == v.replace(".", "-")),
    ("cheonan_asan", "equipment", "수정일", lambda v: re.fullmatch(r"\d{4}년 \d{1,2}월 \d{1,2}일", v),
     lambda v, d: d["source_updated_at"] == "{}-{:02d}-{:02d}".format(*map(int, re.findall(r"\d+", v)))),
    ("jeonbuk", "equipment", "수정일", lambda v: re.fullmatch(r"\d{4}년 \d\d월 \d\d일", v),
     lambda v, d: d["source_updated_at"] == "{}-{}-{}".format(*re.findall(r"\d+", v))),
    ("gwangju", "service", "수정일자", lambda v: re.fullmatch(r"\d{8}", v),
     lambda v, d: d["source_updated_at"] == f"{v[:4]}-{v[4:6]}-{v[6:]}"),
    ("chuncheon_hongcheon", "service", "최종수정", lambda v: re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2}", v),
     lambda v, d: d["source_updated_at"] == "{}-{:02d}-{:02d}".format(*map(int, v.split("/")))),
    ("ulsan", "service", "수정일", lambda v: re.fullmatch(r"\d{4}\.\d{1,2}\.\d{1,2}", v),
     lambda v, d: d["source_updated_at"] == "{}-{:02d}-{:02d}".format(*map(int, v.split(".")))),
    ("kbiohealth", "service", "modDt", lambda v: v.endswith("T09:00:00+09:00"),
     lambda v, d: d["source_updated_at"] == v[:10]),
    ("hongneung", "equipment", "acquiredOn", lambda v: "/" in v, lambda v, d: d["year_acquired"] == int(v[:4])),
    # Yes/no styles.
    ("kmedihub", "equipment", "이용 정보/공동활용", lambda v: v == "O", lambda v, d: d["sharing_scope"] == "shared"),
    ("kmedihub", "equipment", "이용 정보/공동활용", lambda v: v == "X",
     lambda v, d: d["sharing_scope"] == "exclusive"),
    ("chungju", "equipment", "공동활용여부", lambda v: v == "예", lambda v, d: d["sharing_scope"] == "shared"),
    ("chungju", "equipment", "공동활용여부", lambda v: v == "아니오",
     lambda v, d: d["sharing_scope"] == "exclusive"),
    ("cheonan_asan", "equipment", "공동활용", lambda v: v == "불가", lambda v, d: d["sharing_scope"] == "exclusive"),
    ("ulsan", "equipment", "공동활용", lambda v: v == "불가능", lambda v, d: d["sharing_scope"] == "exclusive"),
    ("yangsan_gimhae", "equipment", "공동활용여부", lambda v: v == "N",
     lambda v, d: d["sharing_scope"] == "exclusive"),
    ("songdo_siheung", "equipment", "open_access", lambda v: v is True, lambda v, d: d["sharing_scope"] == "shared"),
    ("daedeok", "equipment", "useScopeNm", lambda v: v == "단독활용만 가능",
     lambda v, d: d["sharing_scope"] == "exclusive"),
    ("jeonbuk", "service", "GLP 적용", lambda v: v == "예", lambda v, d: d["regulatory_grade"] == "glp"),
    # Categories and other terms in the clusters' own words.
    ("kmedihub", "equipment", "분류/활용분야", lambda v: v == "전임상", lambda v, d: d["categories"] == ["nonclinical"]),
    ("kbiohealth", "equipment", "categories", lambda v: v == ["PRECLINICAL"],
     lambda v, d: d["categories"] == ["nonclinical"]),
    ("songdo_siheung", "service", "areas", lambda v: "Cell & gene therapy" in v,
     lambda v, d: "cell_gene_therapy" in d["categories"]),
    ("hwasun", "service", "realmNm", lambda v: v.startswith("면역세포치료"),
     lambda v, d: d["categories"][0] == "cell_gene_therapy"),
    ("kmedihub", "equipment", "분류/표준분류", lambda v: v == "화합물 전처리·분석장비",
     lambda v, d: d["equipment_class"] == "EQ0002"),
    ("pohang", "equipment", "stdClsNm", lambda v: v == "광학·전자영상장비",
     lambda v, d: d["equipment_class"] == "EQ0001" and d["categories"] == ["imaging"]),
    ("kmedihub", "service", "서비스 정보/규제등급", lambda v: v == "Non-GLP",
     lambda v, d: d["regulatory_grade"] == "non_glp"),
    ("kmedihub", "expert", "사용언어", lambda v: v == "한국어, 영어", lambda v, d: d["languages"] == ["ko", "en"]),
    ("wonju", "service", "소요기간", lambda v: v.endswith("일"), lambda v, d: d["turnaround_days"] == int(v[:-1])),
    ("hongneung", "service", "duration", lambda v: v.startswith("약 "),
     lambda v, d: d["turnaround_days"] == int(v[2:-1])),
    # Links through the native id columns.
    ("kmedihub", "service", "연계/관련장비", lambda v: ";" in v,
     lambda v, d: {f"kmedihub:equipment:{i}" for i in v.split(";")} <= set(d["related"])),
    ("kbiohealth", "equipment", "relSvcIds", lambda v: len(v) >= 1,
     lambda v, d: {f"kbiohealth:service:{i}" for i in v} <= set(d["related"])),
    ("andong", "service", "활용장비", lambda v: "/" in v,
     lambda v, d: {f"andong:equipment:{i}" for i in v.split("/")} <= set(d["related"])),
]


@pytest.mark.parametrize("code,kind,column,match,check", CASES,
                         ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_native_value_translates(runs, code, kind, column, match, check):
    value, document = runs(code).first(kind, column, lambda v: bool(match(v)))
    assert check(value, document), (value, document)


def test_zeus_programme_becomes_a_korean_description(runs):
    value, document = runs("daedeok").first("equipment", "rndNm", lambda v: True)
    assert document["description"]["ko"] == f"{value} 지원으로 도입한 장비입니다."


def test_an_unknown_category_word_is_an_issue_naming_word_and_column(runs):
    [(record, error)] = [(r, e) for r, e in runs("kmedihub").issues if "기술서비스" in r.location]
    assert error.field == "서비스 정보/분야"
    assert "'융합기타'" in error.message and "신약개발" in error.message
    assert error.source_id == record.source_id
