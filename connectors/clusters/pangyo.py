"""판교: three UTF-8 CSV files with Korean and English columns side by side, lists split by '|'."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_flag, parse_year, sharing_scope
from ..conventions.mapping import Table, bilingual_pairs, integer, links, text_list
from ..conventions.sources import CsvFile
from ..conventions.words import LANGUAGES, SERVICE_TYPES
from . import ClusterConnector

CODE = "pangyo"

FIELDS = TermMap("categories", {
    "디지털헬스": "digital_health", "의료기기SW": "medical_devices", "바이오데이터": "omics", "임상연구": "clinical",
    "규제": "regulatory_affairs", "AI신약": "drug_discovery", "의료영상": "imaging", "분석": "analytical_chemistry",
    "세포": "cell_gene_therapy", "생산": "manufacturing", "비임상": "nonclinical", "실험동물": "laboratory_animals",
    "백신": "vaccines", "소재": "biomaterials"})
CENTRES = TermMap("categories", {"디지털헬스 혁신센터": "digital_health", "바이오 데이터 분석실": "omics"})


def status(value) -> str:
    return "active" if parse_flag(value) else "inactive"


SERVICES = Table("services", "service", CsvFile("pangyo_services.csv"), "service_id", (
    ("title.ko", "서비스명"), ("title.en", "Service name"),
    ("categories", "분야", FIELDS.many()),
    ("service_type", "유형", SERVICE_TYPES),
    ("summary.ko", "설명"), ("summary.en", "Description"),
    ("turnaround_days", "기간(일)", integer),
    ("fee", "요금", fee_document),
    ("related+", "관련 장비", links(CODE, "equipment")),
    ("related+", "담당 전문가", links(CODE, "expert")),
    ("status", "운영", status),
    ("source_updated_at", "updated", iso_date),
))

EQUIPMENT = Table("equipment", "equipment", CsvFile("pangyo_equipment.csv"), "equipment_id", (
    ("title.ko", "장비명"), ("title.en", "Equipment name"),
    ("manufacturer", "제조사"), ("model", "모델"),
    ("year_acquired", "도입일", parse_year),
    ("nfec_no", "NFEC"),
    ("categories", "분야", FIELDS.many()),
    ("sharing_scope", "공동활용", sharing_scope),
    ("fee", "이용료", fee_document),
    ("location.ko", "위치"),
    ("center.ko", "담당"),
    ("source_updated_at", "updated", iso_date),
))

EXPERTS = Table("experts", "expert", CsvFile("pangyo_experts.csv"), "expert_id", (
    ("name.ko", "이름"), ("title.ko", "이름"),
    ("name.en", "Name"), ("title.en", "Name"),
    ("center.ko", "소속"),
    ("categories", "소속", CENTRES.many()),
    ("position.ko", "직책"), ("position.en", "Position"),
    ("expertise", ("전문분야", "Expertise"), bilingual_pairs("|")),
    ("techniques", "기술", text_list("|")),
    ("languages", "언어", LANGUAGES.many()),
    ("related+", "담당 서비스", links(CODE, "service")),
))


class PangyoConnector(ClusterConnector):
    code = CODE
    source_format = "csv"
    tables = (SERVICES, EQUIPMENT, EXPERTS)
