"""인천 송도·경기 시흥: a paged JSON API in English (snake_case fields, JSON booleans and lists)."""
from __future__ import annotations

from ..conventions import Fee, TermMap, iso_date, parse_year, sharing_scope
from ..conventions.mapping import Table, bilingual_list, integer, links, text_list
from ..conventions.sources import JsonEndpoint
from ..conventions.words import CERTIFICATIONS, LANGUAGES
from . import ClusterConnector

CODE = "songdo_siheung"

AREAS = TermMap("categories", {
    "Bioprocessing": "manufacturing", "Analytics": "analytical_chemistry", "Omics": "omics",
    "Cell & gene therapy": "cell_gene_therapy", "Vaccines": "vaccines", "Discovery": "drug_discovery",
    "Imaging": "imaging", "Materials": "biomaterials", "Preclinical": "nonclinical",
    "Animal facility": "laboratory_animals", "Clinical": "clinical", "Devices": "medical_devices",
    "Digital": "digital_health", "Regulatory": "regulatory_affairs"})
TYPES = TermMap("service_types", {t: t for t in ("analysis", "testing", "evaluation", "manufacturing",
                                                "consulting", "training")})
GRADES = TermMap("regulatory_grades", {"GLP": "glp", "non-GLP": "non_glp", "GMP": "gmp"})
BASIS = {"per hour": "시간당", "per day": "1일 기준", "per test": "건당", "per use": "회당",
         "per month": "월 기준", "per batch": "배치당", "per service": None}
PRICE = ("price_krw", "price_krw_max", "price_basis")


def price(amount, maximum, basis) -> dict:
    """price_krw (and price_krw_max) with a basis: 'per hour' ..., 'on request' or 'free'."""
    if basis == "free":
        return Fee("free").as_document()
    if basis == "on request":
        return Fee("quote", note="별도 협의").as_document()
    if basis not in BASIS:
        raise ValueError(f"price basis {basis!r} not understood; expected free, on request or "
                         f"{', '.join(BASIS)}")
    low = integer(amount)
    return Fee("fixed", low, integer(maximum) if maximum is not None else low, BASIS[basis]).as_document()


def endpoint(path: str) -> JsonEndpoint:
    return JsonEndpoint(path, items_path="results", total_path="meta.total", page_param="page",
                        size_param="per_page", page_size=50)


SERVICES = Table("services", "service", endpoint("services"), "id", (
    ("title.ko", "title_ko"), ("title.en", "title_en"),
    ("summary.ko", "summary_ko"), ("summary.en", "summary_en"),
    ("service_type", "type", TYPES),
    ("regulatory_grade", "grade", GRADES),
    ("categories", "areas", AREAS.many()),
    ("turnaround_days", "turnaround_days", integer),
    ("fee", PRICE, price),
    ("certifications", "certifications", CERTIFICATIONS.many()),
    ("center.en", "facility"),
    ("related+", "instrument_ids", links(CODE, "equipment")),
    ("related+", "staff_ids", links(CODE, "expert")),
    ("source_updated_at", "last_modified", iso_date),
))

INSTRUMENTS = Table("instruments", "equipment", endpoint("instruments"), "id", (
    ("title.ko", "name_ko"), ("title.en", "name_en"),
    ("manufacturer", "manufacturer"), ("model", "model"),
    ("year_acquired", "acquired", parse_year),
    ("nfec_no", "zeus_no"),
    ("equipment_class", "equipment_class"),
    ("categories", "areas", AREAS.many()),
    ("sharing_scope", "open_access", sharing_scope),
    ("fee", PRICE, price),
    ("center.en", "facility"),
    ("location.en", "room"),
    ("related+", "service_ids", links(CODE, "service")),
    ("source_updated_at", "last_modified", iso_date),
))

PEOPLE = Table("people", "expert", endpoint("people"), "id", (
    ("name.ko", "name_ko"), ("title.ko", "name_ko"),
    ("name.en", "name_en"), ("title.en", "name_en"),
    ("position.en", "title_en"),
    ("center.en", "facility"),
    ("expertise", "expertise", bilingual_list("en")),
    ("techniques", "techniques", text_list()),
    ("languages", "languages", LANGUAGES.many()),
    ("categories", "areas", AREAS.many()),
    ("related+", "service_ids", links(CODE, "service")),
))


class SongdoSiheungConnector(ClusterConnector):
    code = CODE
    source_format = "json_api"
    tables = (SERVICES, INSTRUMENTS, PEOPLE)
