"""원주 의료기기: an XLSX workbook; equipment fees split over amount, maximum, unit and remark columns."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_days, parse_year, sharing_scope
from ..conventions.fees import fee_from_columns
from ..conventions.mapping import Table, bilingual_list, links, text_list
from ..conventions.sources import XlsxSheet
from ..conventions.words import CERTIFICATIONS, LANGUAGES, SERVICE_TYPES
from . import ClusterConnector

CODE = "wonju"
WORKBOOK = "wonju_medical_device.xlsx"

# Wonju lumps the life-science fields it rarely serves under one word, 바이오.
FIELDS = TermMap("categories", {
    "의료기기": "medical_devices", "의료영상": "imaging", "의료소재": "biomaterials",
    "디지털헬스케어": "digital_health", "비임상": "nonclinical", "임상": "clinical", "인허가": "regulatory_affairs",
    "분석": "analytical_chemistry", "바이오": "cell_gene_therapy", "생산": "manufacturing",
    "동물실험": "laboratory_animals"})
CENTRES = TermMap("categories", {"의료기기 시험평가센터": "medical_devices",
                                 "의료기기 사업화지원센터": "medical_devices"})

EQUIPMENT = Table("equipment", "equipment", XlsxSheet(WORKBOOK, ("장비현황",)), "관리번호", (
    ("title.ko", "장비명"), ("title.en", "장비명(영문)"),
    ("manufacturer", "제작사"), ("model", "모델"),
    ("year_acquired", "도입일", parse_year),
    ("nfec_no", "ZEUS 등록번호"),
    ("equipment_class", "장비분류"),
    ("categories", "분야", FIELDS.many()),
    ("sharing_scope", "공동활용 가능여부", sharing_scope),
    ("fee", ("이용료(원)", "최대 이용료(원)", "요금기준", "비고"), fee_from_columns),
    ("center.ko", "담당부서"),
    ("location.ko", "위치"),
    ("related+", "연계서비스", links(CODE, "service")),
    ("source_updated_at", "갱신일", iso_date),
))

SERVICES = Table("services", "service", XlsxSheet(WORKBOOK, ("시험서비스",)), "시험코드", (
    ("title.ko", "시험항목"), ("title.en", "영문명"),
    ("service_type", "구분", SERVICE_TYPES),
    ("categories", "분야", FIELDS.many()),
    ("summary.ko", "내용"),
    ("certifications", "인증", CERTIFICATIONS.many()),
    ("turnaround_days", "소요기간", parse_days),
    ("fee", "수수료", fee_document),
    ("deliverables.ko", "결과물"),
    ("sample_requirements.ko", "시료"),
    ("related+", "사용장비", links(CODE, "equipment")),
    ("related+", "담당자", links(CODE, "expert")),
    ("source_updated_at", "갱신일", iso_date),
))

EXPERTS = Table("experts", "expert", XlsxSheet(WORKBOOK, ("전문인력",)), "인력번호", (
    ("name.ko", "이름"), ("title.ko", "이름"),
    ("name.en", "Name"), ("title.en", "Name"),
    ("position.ko", "직급"),
    ("center.ko", "소속"),
    ("categories", "소속", CENTRES.many()),
    ("expertise", "전문분야", bilingual_list()),
    ("techniques", "활용기술", text_list()),
    ("languages", "언어", LANGUAGES.many()),
    ("related+", "담당시험", links(CODE, "service")),
))


class WonjuConnector(ClusterConnector):
    code = CODE
    source_format = "xlsx"
    tables = (EQUIPMENT, SERVICES, EXPERTS)
