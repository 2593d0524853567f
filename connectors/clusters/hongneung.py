"""서울 홍릉: a paged JSON API with Korean values, bilingual name objects and nested links."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_days, parse_year, sharing_scope
from ..conventions.mapping import Table, bilingual_items, links, text_list
from ..conventions.sources import JsonEndpoint
from ..conventions.words import LANGUAGES, SERVICE_TYPES
from . import ClusterConnector

CODE = "hongneung"

FIELDS = TermMap("categories", {
    "임상연구": "clinical", "디지털의료": "digital_health", "신약연구": "drug_discovery", "오믹스": "omics",
    "세포치료": "cell_gene_therapy", "규제과학": "regulatory_affairs", "의료기기": "medical_devices",
    "분석": "analytical_chemistry", "영상": "imaging", "비임상": "nonclinical", "실험동물": "laboratory_animals",
    "생산": "manufacturing", "백신": "vaccines", "소재": "biomaterials"})


def endpoint(path: str) -> JsonEndpoint:
    return JsonEndpoint(path, items_path="items", total_path="page.totalElements", page_param="page",
                        size_param="size", page_size=50, status_path="status", ok_codes=("OK",))


SERVICES = Table("services", "service", endpoint("services"), "id", (
    ("title.ko", "name.ko"), ("title.en", "name.en"),
    ("summary.ko", "summary"),
    ("categories", "categories", FIELDS.many()),
    ("service_type", "serviceType", SERVICE_TYPES),
    ("turnaround_days", "duration", parse_days),
    ("fee", "fee", fee_document),
    ("center.ko", "center"),
    ("related+", "related.equipment", links(CODE, "equipment")),
    ("related+", "related.experts", links(CODE, "expert")),
    ("source_updated_at", "updatedAt", iso_date),
))

EQUIPMENT = Table("equipment", "equipment", endpoint("equipment"), "id", (
    ("title.ko", "name.ko"), ("title.en", "name.en"),
    ("manufacturer", "maker"), ("model", "model"),
    ("year_acquired", "acquiredOn", parse_year),
    ("nfec_no", "nfecNo"),
    ("categories", "categories", FIELDS.many()),
    ("sharing_scope", "shared", sharing_scope),
    ("fee", "fee", fee_document),
    ("center.ko", "center"),
    ("location.ko", "room"),
    ("related+", "related.services", links(CODE, "service")),
    ("source_updated_at", "updatedAt", iso_date),
))

EXPERTS = Table("experts", "expert", endpoint("experts"), "id", (
    ("name.ko", "name.ko"), ("title.ko", "name.ko"),
    ("name.en", "name.en"), ("title.en", "name.en"),
    ("position.ko", "position"),
    ("center.ko", "center"),
    ("expertise", "expertise", bilingual_items),
    ("techniques", "techniques", text_list()),
    ("languages", "languages", LANGUAGES.many()),
    ("categories", "categories", FIELDS.many()),
    ("related+", "related.services", links(CODE, "service")),
))


class HongneungConnector(ClusterConnector):
    code = CODE
    source_format = "json_api"
    tables = (SERVICES, EQUIPMENT, EXPERTS)
