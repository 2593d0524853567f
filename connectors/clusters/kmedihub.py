"""대구경북첨단의료복합단지 (KMEDIhub): one XLSX workbook, with title rows and two-row headers."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_flag, parse_year, sharing_scope
from ..conventions.mapping import Table, active_if, bilingual_list, integer, links, text_list
from ..conventions.sources import XlsxSheet
from ..conventions.words import CERTIFICATIONS, EQUIPMENT_CLASSES, LANGUAGES, SERVICE_TYPES
from . import ClusterConnector

CODE = "kmedihub"
WORKBOOK = "kmedihub_inventory.xlsx"

# The workbook's 분야 words predate the shared taxonomy.
FIELDS = TermMap("categories", {
    "신약개발": "drug_discovery", "의료기기": "medical_devices", "전임상": "nonclinical",
    "실험동물": "laboratory_animals", "의약생산": "manufacturing", "분석": "analytical_chemistry",
    "오믹스": "omics", "영상": "imaging", "세포치료": "cell_gene_therapy", "백신": "vaccines",
    "소재": "biomaterials", "디지털헬스": "digital_health", "임상": "clinical", "인허가": "regulatory_affairs"})
GRADES = TermMap("regulatory_grades", {"GLP": "glp", "Non-GLP": "non_glp", "GMP": "gmp"})
BOOKING = TermMap("booking_modes", {"직접사용": "self_use", "의뢰분석": "operator_assisted",
                                    "상담 후 결정": "consult"})


def status(value) -> str:
    return "active" if parse_flag(value) else "inactive"


SERVICES = Table("services", "service", XlsxSheet(WORKBOOK, ("기술서비스",), header_row=2, header_rows=2),
                 "서비스코드", (
    ("center.ko", "센터"),
    ("title.ko", "서비스 정보/서비스명(국문)"),
    ("title.en", "서비스 정보/서비스명(영문)"),
    ("categories", "서비스 정보/분야", FIELDS.many()),
    ("service_type", "서비스 정보/서비스유형", SERVICE_TYPES),
    ("regulatory_grade", "서비스 정보/규제등급", GRADES),
    ("summary.ko", "서비스 정보/서비스 개요"),
    ("turnaround_days", "수행 정보/소요기간(일)", integer),
    ("deliverables.ko", "수행 정보/결과물"),
    ("sample_requirements.ko", "수행 정보/시료 요건"),
    ("certifications", "수행 정보/인증", CERTIFICATIONS.many()),
    ("fee", "이용 안내/이용료", fee_document),
    ("booking.mode", "이용 안내/신청방식", BOOKING),
    ("booking.lead_time_days", "이용 안내/접수 후 착수(일)", integer),
    ("related+", "연계/관련장비", links(CODE, "equipment")),
    ("related+", "연계/담당전문가", links(CODE, "expert")),
    ("status", "운영여부", status),
    ("source_updated_at", "최종수정일", iso_date),
))

EQUIPMENT = Table("equipment", "equipment", XlsxSheet(WORKBOOK, ("연구장비",), header_row=2, header_rows=2),
                  "장비번호", (
    ("center.ko", "담당부서"),
    ("title.ko", "장비 기본정보/장비명"),
    ("title.en", "장비 기본정보/영문장비명"),
    ("manufacturer", "장비 기본정보/제조사"),
    ("model", "장비 기본정보/모델명"),
    ("year_acquired", "취득 정보/취득일자", parse_year),
    ("nfec_no", "취득 정보/NFEC 등록번호"),
    ("equipment_class", "분류/표준분류", EQUIPMENT_CLASSES),
    ("categories", "분류/활용분야", FIELDS.many()),
    ("sharing_scope", "이용 정보/공동활용", sharing_scope),
    ("booking.mode", "이용 정보/이용방식", BOOKING),
    ("fee", "이용 정보/이용료", fee_document),
    ("location.ko", "이용 정보/설치장소"),
    ("related+", "활용서비스", links(CODE, "service")),
    ("status", "상태", active_if("운영", inactive=("유휴", "불용", "중지", "폐기"))),
    ("source_updated_at", "최종수정일", iso_date),
))

EXPERTS = Table("experts", "expert", XlsxSheet(WORKBOOK, ("전문가",)), "전문가번호", (
    ("name.ko", "성명"), ("title.ko", "성명"),
    ("name.en", "영문성명"), ("title.en", "영문성명"),
    ("center.ko", "소속센터"),
    ("position.ko", "직위"),
    ("expertise", "전문분야", bilingual_list()),
    ("techniques", "보유기술", text_list()),
    ("languages", "사용언어", LANGUAGES.many()),
    ("categories", "분야", FIELDS.many()),
    ("related+", "담당서비스", links(CODE, "service")),
    ("source_updated_at", "수정일", iso_date),
))


class KmedihubConnector(ClusterConnector):
    code = CODE
    source_format = "xlsx"
    tables = (SERVICES, EQUIPMENT, EXPERTS)
