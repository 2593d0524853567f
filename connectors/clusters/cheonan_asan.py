"""천안·아산: three cp949 CSV files exported from Excel; dates written as 2019년 3월 5일."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_year, sharing_scope
from ..conventions.mapping import Table, bilingual_list, integer, links, text_list
from ..conventions.sources import CsvFile
from ..conventions.words import CERTIFICATIONS, EQUIPMENT_CLASSES, SERVICE_TYPES
from . import ClusterConnector

CODE = "cheonan_asan"

FIELDS = TermMap("categories", {
    "재생의료": "cell_gene_therapy", "바이오생산": "manufacturing", "의료기기": "medical_devices",
    "분석": "analytical_chemistry", "신약": "drug_discovery", "백신": "vaccines", "유전체": "omics",
    "이미징": "imaging", "소재": "biomaterials", "비임상": "nonclinical", "임상": "clinical",
    "실험동물": "laboratory_animals", "인허가": "regulatory_affairs", "디지털": "digital_health"})
CENTRES = TermMap("categories", {"재생의료 지원센터": "cell_gene_therapy", "의료기기 시험지원실": "medical_devices"})

EQUIPMENT = Table("equipment", "equipment", CsvFile("equipment_list.csv"), "장비ID", (
    ("title.ko", "장비명"), ("title.en", "영문명"),
    ("manufacturer", "제조사"), ("model", "모델명"),
    ("year_acquired", "취득일", parse_year),
    ("nfec_no", "NFEC번호"),
    ("equipment_class", "장비구분", EQUIPMENT_CLASSES),
    ("categories", "분야", FIELDS.many()),
    ("sharing_scope", "공동활용", sharing_scope),
    ("fee", "이용요금", fee_document),
    ("center.ko", "담당센터"),
    ("location.ko", "설치위치"),
    ("related+", "연관서비스", links(CODE, "service")),
    ("source_updated_at", "수정일", iso_date),
))

SERVICES = Table("services", "service", CsvFile("service_list.csv"), "서비스ID", (
    ("title.ko", "서비스명"),
    ("categories", "분야", FIELDS.many()),
    ("service_type", "서비스구분", SERVICE_TYPES),
    ("summary.ko", "내용"),
    ("turnaround_days", "소요기간(일)", integer),
    ("fee", "이용요금", fee_document),
    ("certifications", "인증", CERTIFICATIONS.many()),
    ("center.ko", "담당센터"),
    ("related+", "연관장비", links(CODE, "equipment")),
    ("related+", "담당전문가", links(CODE, "expert")),
    ("source_updated_at", "수정일", iso_date),
))

EXPERTS = Table("experts", "expert", CsvFile("expert_list.csv"), "전문가ID", (
    ("name.ko", "성명"), ("title.ko", "성명"),
    ("center.ko", "소속"),
    ("categories", "소속", CENTRES.many()),
    ("position.ko", "직위"),
    ("expertise", "전문분야", bilingual_list()),
    ("techniques", "보유기술", text_list()),
    ("related+", "담당서비스", links(CODE, "service")),
))


class CheonanAsanConnector(ClusterConnector):
    code = CODE
    source_format = "csv"
    tables = (EQUIPMENT, SERVICES, EXPERTS)
