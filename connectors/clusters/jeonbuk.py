"""전북: an XLSX workbook with one equipment sheet per centre and bilingual expertise columns."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_flag, parse_year, sharing_scope
from ..conventions.mapping import Table, bilingual_pairs, integer, links, text_list
from ..conventions.sources import XlsxSheet
from ..conventions.words import LANGUAGES, SERVICE_TYPES
from . import ClusterConnector

CODE = "jeonbuk"
WORKBOOK = "jeonbuk_bio.xlsx"

FIELDS = TermMap("categories", {
    "실험동물": "laboratory_animals", "비임상": "nonclinical", "농생명소재": "biomaterials",
    "분석": "analytical_chemistry", "동물백신": "vaccines", "신약": "drug_discovery", "인체적용": "clinical",
    "유전체": "omics", "영상": "imaging", "생산": "manufacturing", "세포": "cell_gene_therapy",
    "의료기기": "medical_devices", "디지털": "digital_health", "인허가": "regulatory_affairs"})
CENTRES = TermMap("categories", {"실험동물 자원센터": "laboratory_animals",
                                 "농생명 바이오소재센터": "biomaterials"})


def glp(value) -> str | None:
    """'GLP 적용' says 예 for GLP studies; 아니오 claims no grade at all."""
    return "glp" if parse_flag(value) else None


EQUIPMENT = Table("equipment", "equipment",
                  XlsxSheet(WORKBOOK, ("장비(실험동물자원센터)", "장비(바이오소재센터)")), "장비번호", (
    ("title.ko", "장비명"), ("title.en", "영문명"),
    ("manufacturer", "제조사"), ("model", "모델명"),
    ("year_acquired", "취득일자", parse_year),
    ("nfec_no", "NFEC 번호"),
    ("categories", "분야", FIELDS.many()),
    ("sharing_scope", "공동활용 여부", sharing_scope),
    ("fee", "이용료", fee_document),
    ("location.ko", "설치장소"),
    ("related+", "관련 서비스", links(CODE, "service")),
    ("source_updated_at", "수정일", iso_date),
))

SERVICES = Table("services", "service", XlsxSheet(WORKBOOK, ("서비스",)), "서비스번호", (
    ("center.ko", "센터"),
    ("title.ko", "서비스명"), ("title.en", "영문 서비스명"),
    ("categories", "분야", FIELDS.many()),
    ("service_type", "서비스 유형", SERVICE_TYPES),
    ("summary.ko", "서비스 내용"),
    ("turnaround_days", "처리기간(일)", integer),
    ("fee", "이용료", fee_document),
    ("regulatory_grade", "GLP 적용", glp),
    ("related+", "사용 장비", links(CODE, "equipment")),
    ("related+", "전문가", links(CODE, "expert")),
    ("source_updated_at", "수정일", iso_date),
))

EXPERTS = Table("experts", "expert", XlsxSheet(WORKBOOK, ("전문가",)), "전문가번호", (
    ("name.ko", "성명"), ("title.ko", "성명"),
    ("name.en", "영문 성명"), ("title.en", "영문 성명"),
    ("center.ko", "센터"),
    ("categories", "센터", CENTRES.many()),
    ("position.ko", "직위"),
    ("expertise", ("전문분야", "Expertise"), bilingual_pairs(";")),
    ("techniques", "보유 기술", text_list(";")),
    ("languages", "사용 언어", LANGUAGES.many()),
    ("related+", "담당 서비스", links(CODE, "service")),
))


class JeonbukConnector(ClusterConnector):
    code = CODE
    source_format = "xlsx"
    tables = (EQUIPMENT, SERVICES, EXPERTS)
