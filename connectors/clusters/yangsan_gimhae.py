"""경남 양산·김해: CSV UTF-8 with BOM; ISO dates, fees in 만원 with ranges, yes/no as Y/N."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_year, sharing_scope
from ..conventions.mapping import Table, active_if, bilingual_list, integer, links, text_list
from ..conventions.sources import CsvFile
from ..conventions.words import CERTIFICATIONS, LANGUAGES, SERVICE_TYPES
from . import ClusterConnector

CODE = "yangsan_gimhae"

FIELDS = TermMap("categories", {
    "임상시험": "clinical", "의료기기": "medical_devices", "재생의료": "cell_gene_therapy",
    "스마트헬스": "digital_health", "의료영상": "imaging", "분석": "analytical_chemistry",
    "인허가": "regulatory_affairs", "신약": "drug_discovery", "생산": "manufacturing", "유전체": "omics",
    "비임상": "nonclinical", "실험동물": "laboratory_animals", "백신": "vaccines", "소재": "biomaterials"})
CENTRES = TermMap("categories", {"임상시험 지원센터": "clinical", "의생명 융합 의료기기센터": "medical_devices"})

EQUIPMENT = Table("equipment", "equipment", CsvFile("ygh_equipment.csv"), "장비ID", (
    ("title.ko", "장비명"), ("title.en", "영문명"),
    ("manufacturer", "제조사"), ("model", "모델명"),
    ("year_acquired", "취득일", parse_year),
    ("nfec_no", "NFEC"),
    ("categories", "분야", FIELDS.many()),
    ("sharing_scope", "공동활용여부", sharing_scope),
    ("fee", "이용료", fee_document),
    ("center.ko", "운영센터"),
    ("location.ko", "위치"),
    ("related+", "관련서비스", links(CODE, "service")),
    ("status", "상태", active_if("정상", inactive=("유휴", "불용", "고장", "폐기"))),
))

SERVICES = Table("services", "service", CsvFile("ygh_services.csv"), "서비스ID", (
    ("title.ko", "서비스명"), ("title.en", "영문명"),
    ("categories", "분야", FIELDS.many()),
    ("service_type", "서비스유형", SERVICE_TYPES),
    ("summary.ko", "설명"),
    ("turnaround_days", "기간(일)", integer),
    ("fee", "이용료", fee_document),
    ("certifications", "인증", CERTIFICATIONS.many()),
    ("center.ko", "운영센터"),
    ("related+", "관련장비", links(CODE, "equipment")),
    ("related+", "담당전문가", links(CODE, "expert")),
    ("source_updated_at", "수정일", iso_date),
))

EXPERTS = Table("experts", "expert", CsvFile("ygh_experts.csv"), "전문가ID", (
    ("name.ko", "성명"), ("title.ko", "성명"),
    ("name.en", "영문성명"), ("title.en", "영문성명"),
    ("center.ko", "소속"),
    ("categories", "소속", CENTRES.many()),
    ("position.ko", "직위"),
    ("expertise", "전문분야", bilingual_list()),
    ("techniques", "보유기술", text_list()),
    ("languages", "언어", LANGUAGES.many()),
    ("related+", "담당서비스", links(CODE, "service")),
))


class YangsanGimhaeConnector(ClusterConnector):
    code = CODE
    source_format = "csv"
    tables = (EQUIPMENT, SERVICES, EXPERTS)
