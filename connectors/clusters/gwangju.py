"""광주: three cp949 CSV files; dates YYYYMMDD, fees in 만원, yes/no as O/X."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_year, sharing_scope
from ..conventions.mapping import Table, bilingual_list, integer, links
from ..conventions.sources import CsvFile
from ..conventions.words import CERTIFICATIONS, SERVICE_TYPES
from . import ClusterConnector

CODE = "gwangju"

FIELDS = TermMap("categories", {
    "광의료기기": "medical_devices", "광영상": "imaging", "치과소재": "biomaterials", "분석": "analytical_chemistry",
    "임상": "clinical", "디지털": "digital_health", "비임상": "nonclinical", "인허가": "regulatory_affairs",
    "신약": "drug_discovery", "생산": "manufacturing", "세포": "cell_gene_therapy", "유전체": "omics",
    "실험동물": "laboratory_animals", "백신": "vaccines"})
CENTRES = TermMap("categories", {"광의료기기 지원센터": "medical_devices", "치과의료기기 지원센터": "medical_devices"})

EQUIPMENT = Table("equipment", "equipment", CsvFile("gwangju_equipment.csv"), "장비번호", (
    ("title.ko", "장비명"),
    ("manufacturer", "제조사"), ("model", "모델명"),
    ("year_acquired", "구입일자", parse_year),
    ("nfec_no", "NFEC번호"),
    ("categories", "분야", FIELDS.many()),
    ("sharing_scope", "공동활용", sharing_scope),
    ("fee", "이용료", fee_document),
    ("center.ko", "센터"),
    ("location.ko", "설치장소"),
    ("related+", "연계서비스", links(CODE, "service")),
))

SERVICES = Table("services", "service", CsvFile("gwangju_services.csv"), "서비스번호", (
    ("title.ko", "서비스명"),
    ("categories", "분야", FIELDS.many()),
    ("service_type", "구분", SERVICE_TYPES),
    ("summary.ko", "내용"),
    ("turnaround_days", "기간(일)", integer),
    ("fee", "수수료", fee_document),
    ("certifications", "인증", CERTIFICATIONS.many()),
    ("center.ko", "센터"),
    ("related+", "장비", links(CODE, "equipment")),
    ("related+", "담당", links(CODE, "expert")),
    ("source_updated_at", "수정일자", iso_date),
))

EXPERTS = Table("experts", "expert", CsvFile("gwangju_experts.csv"), "번호", (
    ("name.ko", "성명"), ("title.ko", "성명"),
    ("center.ko", "센터"),
    ("categories", "센터", CENTRES.many()),
    ("position.ko", "직위"),
    ("expertise", "전문분야", bilingual_list()),
    ("related+", "담당서비스", links(CODE, "service")),
))


class GwangjuConnector(ClusterConnector):
    code = CODE
    source_format = "csv"
    tables = (EQUIPMENT, SERVICES, EXPERTS)
