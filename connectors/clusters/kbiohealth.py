"""오송첨단의료복합단지 (KBIOHealth): a paged JSON API with its own upper-case codes."""
from __future__ import annotations

from ..conventions import Fee, TermMap, iso_date, parse_flag, parse_year, sharing_scope
from ..conventions.mapping import Table, active_if, bilingual_items, integer, links, text_list
from ..conventions.sources import JsonEndpoint
from ..conventions.words import CERTIFICATIONS
from . import ClusterConnector

CODE = "kbiohealth"

FIELDS = TermMap("categories", {
    "NEW_DRUG": "drug_discovery", "MED_DEVICE": "medical_devices", "PRECLINICAL": "nonclinical",
    "LAB_ANIMAL": "laboratory_animals", "BIO_PRODUCTION": "manufacturing", "ANALYSIS": "analytical_chemistry",
    "OMICS": "omics", "IMAGING": "imaging", "CELL_GENE": "cell_gene_therapy", "VACCINE": "vaccines",
    "MATERIAL": "biomaterials", "DIGITAL": "digital_health", "CLINICAL": "clinical",
    "REGULATORY": "regulatory_affairs"})
TYPES = TermMap("service_types", {"ANALYSIS": "analysis", "TESTING": "testing", "EVALUATION": "evaluation",
                                  "MANUFACTURING": "manufacturing", "CONSULTING": "consulting",
                                  "TRAINING": "training"})
GRADES = TermMap("regulatory_grades", {"GLP": "glp", "NON_GLP": "non_glp", "GMP": "gmp"})
BOOKING = TermMap("booking_modes", {"SELF": "self_use", "ASSIST": "operator_assisted", "CONSULT": "consult"})
LANGUAGES = TermMap("languages", {"KO": "ko", "EN": "en", "JA": "ja", "ZH": "zh"})
UNITS = {"HOUR": "시간당", "DAY": "1일 기준", "CASE": "건당", "USE": "회당", "MONTH": "월 기준",
         "BATCH": "배치당"}
FEE = ("fee.type", "fee.amount", "fee.maxAmount", "fee.unit")


def fee(kind, amount, maximum, unit) -> dict:
    """fee.type PAID / FREE / NEGOTIABLE with amounts in won and a unit code."""
    if kind == "FREE":
        return Fee("free").as_document()
    if kind == "NEGOTIABLE":
        return Fee("quote", note="별도 협의").as_document()
    if kind != "PAID":
        raise ValueError(f"fee type {kind!r} not understood; expected PAID, FREE or NEGOTIABLE")
    if unit is not None and unit not in UNITS:
        raise ValueError(f"fee unit {unit!r} not understood; expected one of {', '.join(UNITS)}")
    low = integer(amount)
    return Fee("fixed", low, integer(maximum) if maximum is not None else low, UNITS.get(unit)).as_document()


def status(value) -> str:
    return "active" if parse_flag(value) else "inactive"


def endpoint(path: str) -> JsonEndpoint:
    return JsonEndpoint(path, items_path="data.list", total_path="data.totalCount", page_param="pageNo",
                        size_param="pageSize", page_size=100, status_path="resultCode",
                        message_path="resultMsg")


CENTRE = (("center.ko", "centerInfo.centerNm"), ("center.en", "centerInfo.centerNmEng"))

SERVICES = Table("services", "service", endpoint("services"), "svcId", (
    ("title.ko", "svcNm"), ("title.en", "svcNmEng"),
    ("summary.ko", "svcSummary"), ("summary.en", "svcSummaryEng"),
    ("service_type", "svcType", TYPES),
    ("regulatory_grade", "regGrade", GRADES),
    ("turnaround_days", "periodDays", integer),
    ("deliverables.ko", "deliverable"),
    ("sample_requirements.ko", "sampleReq"),
    ("certifications", "certList", CERTIFICATIONS.many()),
    ("categories", "categories", FIELDS.many()),
    ("fee", FEE, fee),
    ("booking.mode", "reqType", BOOKING),
    ("booking.lead_time_days", "leadDays", integer),
    *CENTRE,
    ("related+", "relEquipIds", links(CODE, "equipment")),
    ("related+", "chargeExpertIds", links(CODE, "expert")),
    ("status", "useYn", status),
    ("source_updated_at", "modDt", iso_date),
))

EQUIPMENT = Table("equipment", "equipment", endpoint("equipment"), "equipSeq", (
    ("title.ko", "equipNmKor"), ("title.en", "equipNmEng"),
    ("manufacturer", "makerNm"), ("model", "modelNm"),
    ("year_acquired", "acqDate", parse_year),
    ("nfec_no", "zeusNo"),
    ("equipment_class", "stdClass.code"),
    ("categories", "categories", FIELDS.many()),
    ("sharing_scope", "openYn", sharing_scope),
    ("booking.mode", "useType", BOOKING),
    ("fee", FEE, fee),
    *CENTRE,
    ("location.ko", "location"), ("location.en", "locationEng"),
    ("status", "status", active_if("ACTIVE", inactive=("IDLE", "INACTIVE", "DISPOSED"))),
    ("related+", "relSvcIds", links(CODE, "service")),
    ("source_updated_at", "modDt", iso_date),
))

EXPERTS = Table("experts", "expert", endpoint("experts"), "expertId", (
    ("name.ko", "nameKor"), ("title.ko", "nameKor"),
    ("name.en", "nameEng"), ("title.en", "nameEng"),
    ("position.ko", "positionNm"), ("position.en", "positionNmEng"),
    *CENTRE,
    ("expertise", "fields", bilingual_items),
    ("techniques", "skills", text_list()),
    ("languages", "langs", LANGUAGES.many()),
    ("categories", "categories", FIELDS.many()),
    ("related+", "svcIds", links(CODE, "service")),
    ("source_updated_at", "modDt", iso_date),
))


class KbiohealthConnector(ClusterConnector):
    code = CODE
    source_format = "json_api"
    tables = (SERVICES, EQUIPMENT, EXPERTS)
