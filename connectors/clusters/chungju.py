"""충주: three cp949 CSV files; dates 2019.03.05, fees in 만원, yes/no as 예/아니오."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_year, sharing_scope
from ..conventions.mapping import Table, bilingual_list, integer, links
from ..conventions.sources import CsvFile
from ..conventions.words import SERVICE_TYPES
from . import ClusterConnector

CODE = "chungju"

FIELDS = TermMap("categories", {
    "비임상": "nonclinical", "백신": "vaccines", "천연물": "biomaterials", "실험동물": "laboratory_animals",
    "분석": "analytical_chemistry", "신약": "drug_discovery", "생산": "manufacturing", "세포": "cell_gene_therapy",
    "유전체": "omics", "영상": "imaging", "임상": "clinical", "의료기기": "medical_devices",
    "인허가": "regulatory_affairs", "디지털": "digital_health"})
GRADES = TermMap("regulatory_grades", {"GLP": "glp", "비GLP": "non_glp", "GMP": "gmp"})
CENTRES = TermMap("categories", {"바이오헬스 비임상센터": "nonclinical", "천연물 소재 분석실": "biomaterials"})

EQUIPMENT = Table("equipment", "equipment", CsvFile("chungju_equipment.csv"), "장비번호", (
    ("title.ko", "장비명"),
    ("manufacturer", "제조사"), ("model", "모델명"),
    ("year_acquired", "취득일자", parse_year),
    ("nfec_no", "NFEC"),
    ("categories", "분야", FIELDS.many()),
    ("sharing_scope", "공동활용여부", sharing_scope),
    ("fee", "이용료", fee_document),
    ("center.ko", "담당부서"),
    ("related+", "관련서비스", links(CODE, "service")),
))

SERVICES = Table("services", "service", CsvFile("chungju_services.csv"), "서비스번호", (
    ("title.ko", "서비스명"),
    ("categories", "분야", FIELDS.many()),
    ("service_type", "유형", SERVICE_TYPES),
    ("regulatory_grade", "규제등급", GRADES),
    ("summary.ko", "서비스 설명"),
    ("turnaround_days", "소요기간(일)", integer),
    ("fee", "이용료", fee_document),
    ("center.ko", "담당부서"),
    ("related+", "사용장비", links(CODE, "equipment")),
    ("related+", "전문가", links(CODE, "expert")),
    ("source_updated_at", "최종수정일", iso_date),
))

EXPERTS = Table("experts", "expert", CsvFile("chungju_experts.csv"), "번호", (
    ("name.ko", "성명"), ("title.ko", "성명"),
    ("center.ko", "소속"),
    ("categories", "소속", CENTRES.many()),
    ("position.ko", "직위"),
    ("expertise", "전문분야", bilingual_list()),
    ("related+", "담당서비스", links(CODE, "service")),
))


class ChungjuConnector(ClusterConnector):
    code = CODE
    source_format = "csv"
    tables = (EQUIPMENT, SERVICES, EXPERTS)
