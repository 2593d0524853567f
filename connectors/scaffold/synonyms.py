"""The names real exports give each schema field, as data, and the normaliser that makes a header
comparable with them.

Real headers carry units and notes in brackets (`수수료(원)`, `금액[원]`, `장비명(국문)`), spacing
and punctuation of their own (`장비 명`, `장비_명`, `Model No.`), alternatives joined by a slash
(`모델명/규격`) and a language marker (`서비스명(영문)`, `영문 장비명`). `header_keys` turns one
header into the keys to look up, likeliest first; `SYNONYMS` lists, per schema field, its names
(likeliest first: 분야 before 분류 for categories)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KINDS = ("equipment", "service", "expert")
EQUIPMENT, SERVICE, EXPERT = ("equipment",), ("service",), ("expert",)


@dataclass(frozen=True)
class Synonyms:
    path: str                     # schema path ("title.ko", "related+")
    parser: str | None            # the parser's expression in the module; None for text
    kinds: tuple[str, ...]
    names: tuple[str, ...]        # as exports write them; compared through `squash`


SYNONYMS: tuple[Synonyms, ...] = (
    Synonyms("title.ko", None, KINDS, ("장비명", "장비명국문", "장비명한글", "국문장비명", "한글장비명", "장비한글명",
                                      "한글명", "국문명", "korNm", "equipNm", "eqpNm", "equipment name",
                                      "instrument name", "instrument")),
    Synonyms("title.ko", None, SERVICE, ("서비스명", "서비스명국문", "지원서비스명", "서비스", "과제명", "시험항목",
                                        "분석항목", "항목명", "service name", "service", "test item")),
    Synonyms("title.en", None, KINDS, ("영문명", "장비명영문", "영문장비명", "장비영문명", "서비스명영문", "engNm",
                                      "english name", "name en", "title en", "equipEngNm", "eqpEngNm")),
    Synonyms("title.ko", None, KINDS, ("title", "name ko", "명칭")),
    Synonyms("name.ko", None, EXPERT, ("성명", "이름", "전문가명", "전문가", "name", "expert")),
    Synonyms("manufacturer", None, EQUIPMENT, ("제조사", "제작사", "제조회사", "제조업체", "제조사명", "제작업체",
                                              "maker", "makerNm", "manufacturer", "mkrNm", "mfr", "brand")),
    Synonyms("model", None, EQUIPMENT, ("모델명", "모델", "모델번호", "model", "model no", "model name",
                                       "model number", "modelNm", "mdlNm")),
    Synonyms("year_acquired", "parse_year", EQUIPMENT, (
        "취득일자", "취득일", "도입일자", "도입일", "도입년도", "도입연도", "구입일자", "구입일", "구축일자",
        "취득년도", "취득연도", "takeDt", "acqYmd", "acqDt", "acquired", "acquisition date",
        "purchase date", "year acquired")),
    Synonyms("nfec_no", None, EQUIPMENT, ("nfec", "nfec번호", "nfec no", "nfec 등록번호", "nfec 장비번호",
                                         "zeus등록번호", "장비등록번호", "등록번호", "equipNo")),
    Synonyms("categories", "FIELDS.many()", KINDS, ("분야", "기술분야", "지원분야", "서비스분야", "분류", "카테고리",
                                                   "category", "categories", "field", "fldNm")),
    Synonyms("equipment_class", "EQUIPMENT_CLASSES", EQUIPMENT, (
        "표준분류", "장비분류", "국가표준분류", "장비표준분류", "stdClsNm", "equipment class")),
    Synonyms("sharing_scope", "sharing_scope", EQUIPMENT, (
        "공동활용여부", "공동활용", "공동활용범위", "활용범위", "공동활용가능여부", "useScopeNm", "cmnUseYn",
        "shared use", "sharing")),
    Synonyms("status", "active_if", KINDS, (
        "사용여부", "상태", "운영상태", "장비상태", "가동상태", "운영여부", "사용유무", "활용상태", "서비스상태",
        "useYn", "status", "state", "in service", "active")),
    Synonyms("fee", "fee_document", KINDS, (
        "이용료", "이용요금", "사용료", "수수료", "가격", "단가", "금액", "비용", "요금", "이용단가", "분석료",
        "시험료", "fee", "fees", "price", "cost", "charge", "rate", "unit price", "useFee")),
    Synonyms("center.ko", None, KINDS, (
        "보유기관", "소속기관", "기관명", "기관", "운영기관", "담당부서", "소속", "센터", "부서", "보유기관명",
        "organNm", "organization", "organisation", "institution", "department", "instNm", "lab",
        "laboratory")),
    Synonyms("location.ko", None, EQUIPMENT, (
        "설치장소", "설치위치", "위치", "장소", "설치장소명", "installPlaceNm", "location", "place", "room")),
    Synonyms("summary.ko", None, KINDS, (
        "설명", "서비스설명", "개요", "내용", "주요기능", "용도", "서비스내용", "장비설명", "description", "summary",
        "details")),
    Synonyms("service_type", "SERVICE_TYPES", SERVICE, (
        "서비스구분", "서비스유형", "유형", "구분", "서비스종류", "지원유형", "service type", "type")),
    Synonyms("turnaround_days", "parse_days", SERVICE, (
        "소요기간", "소요기간일", "처리기간", "소요일수", "turnaround", "turnaround days", "lead time")),
    Synonyms("position.ko", None, EXPERT, ("직위", "직급", "직책", "position", "job title")),
    Synonyms("expertise", "bilingual_list()", EXPERT, ("전문분야", "연구분야", "expertise", "research area")),
    Synonyms("source_updated_at", "iso_date", KINDS, (
        "최종수정일", "수정일", "수정일자", "갱신일", "최종수정일자", "updated", "updated at", "last modified",
        "lastMdfcnYmd")),
    # The organisation's own line and address only: any other phone or e-mail column may be a
    # person's, and personal.py keeps it unmapped.
    Synonyms("contact.phone", None, KINDS, ("대표전화", "대표번호", "대표연락처", "기관전화", "기관연락처",
                                           "센터전화", "센터연락처", "main phone", "office phone")),
    Synonyms("contact.email", None, KINDS, ("대표메일", "대표이메일", "기관메일", "기관이메일", "센터메일",
                                           "센터이메일", "office email", "general email")),
    Synonyms("url", None, KINDS, ("홈페이지", "url", "링크", "상세페이지", "homepage", "website", "link")),
    Synonyms("keywords", "text_list", KINDS, ("키워드", "keywords", "tags", "태그")),
)

# A note in brackets (or a word before or after the name) that says which language a column is in.
LANGUAGES = {"국문": "ko", "한글": "ko", "한국어": "ko", "국": "ko", "kor": "ko", "korean": "ko", "ko": "ko",
             "kr": "ko", "영문": "en", "영어": "en", "영": "en", "eng": "en", "english": "en", "en": "en"}
# Only these are taken as a prefix or suffix without brackets: `영문장비명`, `장비명영문`.
BARE_LANGUAGES = ("국문", "한글", "영문")
_BRACKETS = r"[(\[{<【「〔]([^)\]}>】」〕]*)[)\]}>】」〕]"
_ALTERNATIVES = r"[/|,·;]"


def squash(text: str) -> str:
    """Lower case, full-width folded, no spaces, punctuation or brackets: `Model No.` -> modelno."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", str(text))).casefold()


def header_keys(column: str) -> list[tuple[str, str | None]]:
    """(key, language or None) to look up, likeliest first: the whole header, then without its
    bracketed notes, then each alternative of a slash, then without a language word."""
    text = unicodedata.normalize("NFKC", str(column)).strip()
    notes = re.findall(_BRACKETS, text)
    language = next((LANGUAGES[squash(n)] for n in notes if squash(n) in LANGUAGES), None)
    bare = re.sub(_BRACKETS, " ", text)
    keys = [(squash(text), None), (squash(bare), language)]
    keys += [(squash(part), language) for part in re.split(_ALTERNATIVES, bare)]
    for key, lang in list(keys):
        for word in BARE_LANGUAGES:
            if key != word and (key.startswith(word) or key.endswith(word)):
                rest = key[len(word):] if key.startswith(word) else key[:-len(word)]
                keys.append((rest, lang or LANGUAGES[word]))
    return [k for k in dict.fromkeys(keys) if k[0]]


_INDEX: list[tuple[Synonyms, dict[str, int]]] = [
    (entry, {squash(n): i for i, n in reversed(list(enumerate(entry.names)))}) for entry in SYNONYMS]


def lookup(column: str, kind: str) -> tuple[tuple[int, int], str, str | None] | None:
    """((how far the header had to be stripped, rank of the name), schema path, parser) for the
    field this header names in a record of this kind; None when no field's names fit."""
    for depth, (key, language) in enumerate(header_keys(column)):
        for entry, names in _INDEX:
            if kind in entry.kinds and key in names:
                return (depth, names[key]), _in_language(entry.path, language), entry.parser
    return None


def _in_language(path: str, language: str | None) -> str:
    """`title.ko` becomes `title.en` for a header marked English, and the other way round."""
    if language and re.search(r"\.(ko|en)$", path):
        return path[:-2] + language
    return path
