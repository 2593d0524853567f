"""제주: an XLSX workbook whose sheets open with two note rows above the header."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_year, sharing_scope
from ..conventions.mapping import Table, bilingual_list, integer, links, text_list
from ..conventions.sources import XlsxSheet
from ..conventions.words import EQUIPMENT_CLASSES, SERVICE_TYPES
from . import ClusterConnector

CODE = "jeju"
WORKBOOK = "jeju_bio.xlsx"

FIELDS = TermMap("categories", {
    "바이오소재": "biomaterials", "분석": "analytical_chemistry", "유전체": "omics", "바이오정보": "digital_health",
    "인체적용": "clinical", "천연물신약": "drug_discovery", "이미징": "imaging", "생산": "manufacturing",
    "세포": "cell_gene_therapy", "실험동물": "laboratory_animals", "백신": "vaccines", "비임상": "nonclinical",
    "의료기기": "medical_devices", "인허가": "regulatory_affairs"})
BOOKING = TermMap("booking_modes", {"직접": "self_use", "의뢰": "operator_assisted", "협의": "consult"})
CENTRES = TermMap("categories", {"제주 바이오소재 분석센터": "biomaterials"})


def sheet(name: str) -> XlsxSheet:
    # Rows 1-2 hold the workbook's title and a VAT note; the header is row 3.
    return XlsxSheet(WORKBOOK, (name,), header_row=3)


EQUIPMENT = Table("equipment", "equipment", sheet("장비목록"), "번호", (
    ("title.ko", "장비명"), ("title.en", "장비명(영문)"),
    ("manufacturer", "제작사"), ("model", "모델명"),
    ("year_acquired", "취득일", parse_year),
    ("nfec_no", "NFEC"),
    ("equipment_class", "분류", EQUIPMENT_CLASSES),
    ("categories", "분야", FIELDS.many()),
    ("sharing_scope", "공동활용", sharing_scope),
    ("fee", "이용료", fee_document),
    ("booking.mode", "이용방법", BOOKING),
    ("location.ko", "설치위치"),
    ("related+", "연계서비스", links(CODE, "service")),
), defaults={"center": {"ko": "제주 바이오소재 분석센터"}})

SERVICES = Table("services", "service", sheet("분석서비스"), "코드", (
    ("title.ko", "서비스명"),
    ("categories", "분야", FIELDS.many()),
    ("service_type", "유형", SERVICE_TYPES),
    ("summary.ko", "내용"),
    ("turnaround_days", "기간(일)", integer),
    ("fee", "이용료", fee_document),
    ("related+", "장비", links(CODE, "equipment")),
    ("related+", "담당자", links(CODE, "expert")),
    ("source_updated_at", "등록일", iso_date),
), defaults={"center": {"ko": "제주 바이오소재 분석센터"}})

EXPERTS = Table("experts", "expert", sheet("전문가"), "코드", (
    ("name.ko", "성명"), ("title.ko", "성명"),
    ("position.ko", "직위"),
    ("expertise", "전문분야", bilingual_list()),
    ("techniques", "보유기술", text_list()),
    ("related+", "담당서비스", links(CODE, "service")),
    ("center.ko", "소속"),
    ("categories", "소속", CENTRES.many()),
))


class JejuConnector(ClusterConnector):
    code = CODE
    source_format = "xlsx"
    tables = (EQUIPMENT, SERVICES, EXPERTS)
