"""Guesses from common Korean and English column names to fields of the shared schema."""
from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.listing import SCHEMAS

KINDS = ("equipment", "service", "expert")
# Set by the connector, not by a column: never listed as unmapped.
SET_BY_CONNECTOR = {"kind", "source_id", "cluster", "region", "contact"}

ID_NAMES = ("장비번호", "장비코드", "장비id", "관리번호", "자산번호", "서비스번호", "서비스코드", "서비스id",
            "전문가번호", "전문가id", "번호", "연번", "순번", "id", "code", "equipid", "no")


@dataclass(frozen=True)
class Guess:
    path: str                 # schema path ("title.ko", "related+")
    parser: str | None        # the parser's expression in the module, or None for text
    kinds: tuple[str, ...] = KINDS


# (column names, normalised: lower case, no spaces or brackets) -> guess. First match wins.
GUESSES: tuple[tuple[tuple[str, ...], Guess], ...] = (
    (("장비명", "장비명국문", "장비명한글", "국문장비명", "한글명", "국문명", "korNm", "equipNm", "eqpNm"), Guess("title.ko", None)),
    (("서비스명", "서비스명국문", "지원서비스명", "과제명"), Guess("title.ko", None, ("service",))),
    (("영문명", "장비명영문", "영문장비명", "서비스명영문", "engNm", "englishname", "title_en", "equipEngNm", "eqpEngNm"),
     Guess("title.en", None)),
    (("title", "name_ko", "명칭"), Guess("title.ko", None)),
    (("성명", "이름", "전문가명", "전문가", "name"), Guess("name.ko", None, ("expert",))),
    (("제조사", "제작사", "제조회사", "제조업체", "maker", "makerNm", "manufacturer", "mkrNm"),
     Guess("manufacturer", None, ("equipment",))),
    (("모델명", "모델", "model", "modelNm", "mdlNm"), Guess("model", None, ("equipment",))),
    (("취득일자", "취득일", "도입일자", "도입일", "도입년도", "구입일자", "구축일자", "취득년도", "takeDt", "acqYmd", "acqDt"),
     Guess("year_acquired", "parse_year", ("equipment",))),
    (("nfec", "nfec번호", "nfecno", "zeus등록번호", "장비등록번호", "equipNo"),
     Guess("nfec_no", None, ("equipment",))),
    (("분야", "기술분야", "지원분야", "분류", "카테고리", "category", "categories", "fldNm"),
     Guess("categories", "FIELDS.many()")),
    (("표준분류", "장비분류", "국가표준분류", "stdClsNm"),
     Guess("equipment_class", "EQUIPMENT_CLASSES", ("equipment",))),
    (("공동활용여부", "공동활용", "공동활용범위", "활용범위", "useScopeNm", "cmnUseYn"),
     Guess("sharing_scope", "sharing_scope", ("equipment",))),
    (("이용료", "이용요금", "사용료", "수수료", "비용", "요금", "fee", "price", "useFee"), Guess("fee", "fee_document")),
    (("담당부서", "소속", "센터", "부서", "보유기관", "운영기관", "organNm", "department", "instNm"),
     Guess("center.ko", None)),
    (("설치장소", "설치위치", "위치", "장소", "installPlaceNm", "location"),
     Guess("location.ko", None, ("equipment",))),
    (("설명", "서비스설명", "개요", "내용", "주요기능", "용도", "description", "summary"),
     Guess("summary.ko", None)),
    (("유형", "서비스유형", "servicetype"), Guess("service_type", "SERVICE_TYPES", ("service",))),
    (("소요기간", "소요기간일", "처리기간", "소요일수"), Guess("turnaround_days", "parse_days", ("service",))),
    (("직위", "직급", "직책", "position"), Guess("position.ko", None, ("expert",))),
    (("전문분야", "연구분야", "expertise"), Guess("expertise", "bilingual_list()", ("expert",))),
    (("최종수정일", "수정일", "수정일자", "갱신일", "updated", "updatedat", "lastMdfcnYmd"),
     Guess("source_updated_at", "iso_date")),
    (("전화", "전화번호", "연락처", "phone"), Guess("contact.phone", None)),
    (("이메일", "email", "e-mail", "메일"), Guess("contact.email", None)),
    (("홈페이지", "url", "링크", "상세페이지"), Guess("url", None)),
    (("키워드", "keywords"), Guess("keywords", "text_list")),
)
# ZEUS fields with the ZEUS readers' own parsers.
ZEUS = {"equipNo": Guess("nfec_no", "nfec_number"), "idleDisuseNm": Guess("status", "usage_status"),
        "useScopeNm": Guess("sharing_scope", "zeus_scope"),
        "stdClsNm": Guess("equipment_class", "EQUIPMENT_CLASSES")}
# Where each parser comes from, for the module's imports.
IMPORTS = {"parse_year": "..conventions", "parse_days": "..conventions", "iso_date": "..conventions",
           "fee_document": "..conventions", "sharing_scope": "..conventions", "TermMap": "..conventions",
           "bilingual_list": "..conventions.mapping", "text_list": "..conventions.mapping",
           "Table": "..conventions.mapping", "EQUIPMENT_CLASSES": "..conventions.words",
           "SERVICE_TYPES": "..conventions.words", "nfec_number": "..readers.zeus_api",
           "usage_status": "..readers.zeus_api", "class_categories": "..readers.zeus_api",
           "zeus_scope": "..readers.zeus_api"}


def normal(column: str) -> str:
    return re.sub(r"[\s()\[\]_·./]", "", column).casefold()


def guess(column: str, kind: str, zeus: bool = False) -> tuple[int, Guess] | None:
    """The schema field a column probably holds, for this kind, with the rank of its name (0 is
    the likeliest: 분야 before 분류 for categories); None when nothing fits."""
    if zeus and column in ZEUS:
        return 0, ZEUS[column]
    key = normal(column)
    for names, found in GUESSES:
        ranks = [i for i, n in enumerate(names) if normal(n) == key]
        if kind in found.kinds and ranks:
            return ranks[0], found
    return None


def id_column(columns: list[str], kind: str) -> str:
    """The column that most probably holds the record's id (the first column otherwise)."""
    keys = {normal(c): c for c in columns}
    for name in ID_NAMES:
        if normal(name) in keys:
            return keys[normal(name)]
    return columns[0]


def required_fields(kind: str) -> list[str]:
    """The schema fields a mapping of this kind must fill (the connector sets the rest)."""
    schema = SCHEMAS[kind]()
    return [n for n, f in schema.fields.items() if f.required and n not in SET_BY_CONNECTOR]


def schema_fields(kind: str) -> list[str]:
    return [n for n in SCHEMAS[kind]().fields if n not in SET_BY_CONNECTOR]
