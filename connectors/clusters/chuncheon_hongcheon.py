"""춘천·홍천: CSV saved by Excel as 'CSV UTF-8' (with BOM); dates 2019/3/5, fees 50,000원/시간."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_year, sharing_scope
from ..conventions.mapping import Table, bilingual_list, integer, links, text_list
from ..conventions.sources import CsvFile
from ..conventions.words import SERVICE_TYPES
from . import ClusterConnector

CODE = "chuncheon_hongcheon"

FIELDS = TermMap("categories", {
    "바이오소재": "biomaterials", "천연물의약": "drug_discovery", "백신": "vaccines", "면역세포": "cell_gene_therapy",
    "분석": "analytical_chemistry", "생산": "manufacturing", "오믹스": "omics", "이미징": "imaging",
    "동물실험": "laboratory_animals", "비임상": "nonclinical", "임상": "clinical", "의료기기": "medical_devices",
    "인허가": "regulatory_affairs", "디지털": "digital_health"})
CENTRES = TermMap("categories", {"바이오소재 지원센터": "biomaterials", "백신·면역 연구지원실": "vaccines"})

EQUIPMENT = Table("equipment", "equipment", CsvFile("equipment.csv"), "장비코드", (
    ("title.ko", "장비명"), ("title.en", "영문장비명"),
    ("manufacturer", "제조사"), ("model", "모델"),
    ("year_acquired", "취득일자", parse_year),
    ("nfec_no", "NFEC 등록번호"),
    ("categories", "분야", FIELDS.many()),
    ("sharing_scope", "공동활용", sharing_scope),
    ("fee", "이용료", fee_document),
    ("center.ko", "센터"),
    ("location.ko", "위치"),
    ("related+", "연계서비스", links(CODE, "service")),
    ("source_updated_at", "최종수정", iso_date),
))

SERVICES = Table("services", "service", CsvFile("services.csv"), "서비스코드", (
    ("title.ko", "서비스명"), ("title.en", "영문명"),
    ("categories", "분야", FIELDS.many()),
    ("service_type", "유형", SERVICE_TYPES),
    ("summary.ko", "개요"),
    ("turnaround_days", "기간(일)", integer),
    ("fee", "이용료", fee_document),
    ("center.ko", "센터"),
    ("related+", "장비", links(CODE, "equipment")),
    ("related+", "전문가", links(CODE, "expert")),
    ("source_updated_at", "최종수정", iso_date),
))

EXPERTS = Table("experts", "expert", CsvFile("experts.csv"), "코드", (
    ("name.ko", "성명"), ("title.ko", "성명"),
    ("name.en", "영문성명"), ("title.en", "영문성명"),
    ("center.ko", "센터"),
    ("categories", "센터", CENTRES.many()),
    ("position.ko", "직위"),
    ("expertise", "전문분야", bilingual_list()),
    ("techniques", "기술", text_list()),
    ("related+", "서비스", links(CODE, "service")),
))


class ChuncheonHongcheonConnector(ClusterConnector):
    code = CODE
    source_format = "csv"
    tables = (EQUIPMENT, SERVICES, EXPERTS)
