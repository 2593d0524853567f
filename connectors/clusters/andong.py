"""안동: an XLSX workbook with dates as YYYYMMDD text and fees in 만원."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_year, sharing_scope
from ..conventions.mapping import Table, active_if, bilingual_list, integer, links, text_list
from ..conventions.sources import XlsxSheet
from ..conventions.words import CERTIFICATIONS, EQUIPMENT_CLASSES, SERVICE_TYPES
from . import ClusterConnector

CODE = "andong"
WORKBOOK = "andong_bio_inventory.xlsx"

FIELDS = TermMap("categories", {
    "백신": "vaccines", "바이오공정": "manufacturing", "천연물소재": "biomaterials", "성분분석": "analytical_chemistry",
    "신약": "drug_discovery", "세포": "cell_gene_therapy", "동물": "laboratory_animals", "유전체": "omics",
    "임상": "clinical", "이미징": "imaging", "비임상": "nonclinical", "의료기기": "medical_devices",
    "인허가": "regulatory_affairs", "디지털": "digital_health"})
GRADES = TermMap("regulatory_grades", {"GLP": "glp", "비GLP": "non_glp", "GMP": "gmp"})
CENTRES = TermMap("categories", {"백신 공정개발센터": "vaccines", "천연물 분석지원실": "biomaterials"})

EQUIPMENT = Table("equipment", "equipment", XlsxSheet(WORKBOOK, ("장비",)), "장비코드", (
    ("title.ko", "장비명"),
    ("manufacturer", "제조사"), ("model", "모델명"),
    ("year_acquired", "취득일자", parse_year),
    ("nfec_no", "NFEC번호"),
    ("equipment_class", "표준분류", EQUIPMENT_CLASSES),
    ("categories", "분야", FIELDS.many()),
    ("sharing_scope", "공동활용", sharing_scope),
    ("fee", "이용료", fee_document),
    ("center.ko", "보유부서"),
    ("location.ko", "설치장소"),
    ("status", "상태", active_if("사용", inactive=("불용", "유휴", "고장", "폐기"))),
    ("related+", "서비스연계", links(CODE, "service")),
))

SERVICES = Table("services", "service", XlsxSheet(WORKBOOK, ("서비스",)), "서비스코드", (
    ("title.ko", "서비스명"),
    ("categories", "분야", FIELDS.many()),
    ("service_type", "유형", SERVICE_TYPES),
    ("regulatory_grade", "GMP/GLP", GRADES),
    ("summary.ko", "설명"),
    ("turnaround_days", "기간(일)", integer),
    ("fee", "수수료", fee_document),
    ("deliverables.ko", "결과물"),
    ("certifications", "인증", CERTIFICATIONS.many()),
    ("related+", "활용장비", links(CODE, "equipment")),
    ("related+", "담당", links(CODE, "expert")),
    ("source_updated_at", "수정일", iso_date),
))

EXPERTS = Table("experts", "expert", XlsxSheet(WORKBOOK, ("인력",)), "번호", (
    ("name.ko", "성명"), ("title.ko", "성명"),
    ("position.ko", "직위"),
    ("center.ko", "부서"),
    ("categories", "부서", CENTRES.many()),
    ("expertise", "전문분야", bilingual_list()),
    ("techniques", "기술", text_list()),
    ("related+", "담당서비스", links(CODE, "service")),
))


class AndongConnector(ClusterConnector):
    code = CODE
    source_format = "xlsx"
    tables = (EQUIPMENT, SERVICES, EXPERTS)
