"""부산: a data.go.kr-style XML OpenAPI (eqpList, srvList, expList) with fees as Korean text."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_year, sharing_scope
from ..conventions.mapping import Table, bilingual_list, integer, links
from ..conventions.sources import XmlEndpoint
from ..conventions.words import SERVICE_TYPES
from . import ClusterConnector

CODE = "busan"

FIELDS = TermMap("categories", {
    "해양바이오": "biomaterials", "의료기기": "medical_devices", "임상": "clinical", "디지털헬스": "digital_health",
    "분석": "analytical_chemistry", "인허가": "regulatory_affairs", "영상": "imaging", "비임상": "nonclinical",
    "신약": "drug_discovery", "생산": "manufacturing", "세포": "cell_gene_therapy", "유전체": "omics",
    "실험동물": "laboratory_animals", "백신": "vaccines"})
CENTRES = TermMap("categories", {"해양바이오 소재센터": "biomaterials", "의료기기 임상지원센터": "medical_devices"})

EQUIPMENT = Table("equipment", "equipment", XmlEndpoint("eqpList"), "eqpNo", (
    ("title.ko", "eqpNm"),
    ("manufacturer", "mkrNm"), ("model", "mdlNm"),
    ("year_acquired", "acqDt", parse_year),
    ("nfec_no", "nfecNo"),
    ("categories", "fldNm", FIELDS.many()),
    ("sharing_scope", "shrUseYn", sharing_scope),
    ("fee", "useAmt", fee_document),
    ("center.ko", "ctrNm"),
    ("location.ko", "lctnNm"),
    ("related+", "srvNoList", links(CODE, "service")),
))

SERVICES = Table("services", "service", XmlEndpoint("srvList"), "srvNo", (
    ("title.ko", "srvNm"), ("title.en", "srvEngNm"),
    ("categories", "fldNm", FIELDS.many()),
    ("service_type", "srvSeNm", SERVICE_TYPES),
    ("summary.ko", "srvCn"),
    ("turnaround_days", "prdDay", integer),
    ("fee", "useAmt", fee_document),
    ("center.ko", "ctrNm"),
    ("related+", "eqpNoList", links(CODE, "equipment")),
    ("related+", "expNoList", links(CODE, "expert")),
    ("source_updated_at", "mdfcnDt", iso_date),
))

EXPERTS = Table("experts", "expert", XmlEndpoint("expList"), "expNo", (
    ("name.ko", "expNm"), ("title.ko", "expNm"),
    ("position.ko", "jbttlNm"),
    ("center.ko", "ctrNm"),
    ("categories", "ctrNm", CENTRES.many()),
    ("expertise", "spcltyNm", bilingual_list()),
    ("related+", "srvNoList", links(CODE, "service")),
))


class BusanConnector(ClusterConnector):
    code = CODE
    source_format = "xml_api"
    tables = (EQUIPMENT, SERVICES, EXPERTS)
