"""울산: three UTF-8 CSV files from one genome centre; dates 2019.3.5, yes/no as 가능/불가능."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_year, sharing_scope
from ..conventions.mapping import Table, bilingual_list, integer, links, text_list
from ..conventions.sources import CsvFile
from ..conventions.words import LANGUAGES, SERVICE_TYPES
from . import ClusterConnector

CODE = "ulsan"
# The files name no centre: everything is the genome service centre's.
CENTRE = {"center": {"ko": "게놈 서비스센터", "en": "Genome Service Center"}}

FIELDS = TermMap("categories", {
    "게놈": "omics", "바이오헬스데이터": "digital_health", "분석": "analytical_chemistry", "정밀의료": "clinical",
    "신약": "drug_discovery", "세포": "cell_gene_therapy", "이미징": "imaging", "생산": "manufacturing",
    "실험동물": "laboratory_animals", "비임상": "nonclinical", "의료기기": "medical_devices", "백신": "vaccines",
    "소재": "biomaterials", "인허가": "regulatory_affairs"})

EQUIPMENT = Table("equipment", "equipment", CsvFile("ulsan_equipment.csv"), "장비번호", (
    ("title.ko", "장비명"),
    ("manufacturer", "제조사"), ("model", "모델명"),
    ("year_acquired", "취득일", parse_year),
    ("nfec_no", "NFEC등록번호"),
    ("categories", "분야", FIELDS.many()),
    ("sharing_scope", "공동활용", sharing_scope),
    ("fee", "이용료", fee_document),
    ("location.ko", "설치장소"),
    ("related+", "관련서비스", links(CODE, "service")),
), defaults=CENTRE)

SERVICES = Table("services", "service", CsvFile("ulsan_services.csv"), "서비스번호", (
    ("title.ko", "서비스명"), ("title.en", "영문명"),
    ("categories", "분야", FIELDS.many()),
    ("service_type", "유형", SERVICE_TYPES),
    ("summary.ko", "설명"),
    ("turnaround_days", "기간(일)", integer),
    ("fee", "이용료", fee_document),
    ("sample_requirements.ko", "시료조건"),
    ("deliverables.ko", "결과물"),
    ("related+", "관련장비", links(CODE, "equipment")),
    ("related+", "담당", links(CODE, "expert")),
    ("source_updated_at", "수정일", iso_date),
), defaults=CENTRE)

EXPERTS = Table("experts", "expert", CsvFile("ulsan_experts.csv"), "번호", (
    ("name.ko", "성명"), ("title.ko", "성명"),
    ("name.en", "영문성명"), ("title.en", "영문성명"),
    ("position.ko", "직위"),
    ("expertise", "전문분야", bilingual_list()),
    ("techniques", "기술", text_list()),
    ("languages", "언어", LANGUAGES.many()),
    ("related+", "담당서비스", links(CODE, "service")),
), defaults={**CENTRE, "categories": ["omics"]})


class UlsanConnector(ClusterConnector):
    code = CODE
    source_format = "csv"
    tables = (EQUIPMENT, SERVICES, EXPERTS)
