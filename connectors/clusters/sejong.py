"""세종: a data.go.kr-style XML OpenAPI (getEquipList, getSvcList, getExpertList)."""
from __future__ import annotations

from ..conventions import TermMap, iso_date, parse_year, sharing_scope
from ..conventions.fees import fee_from_columns
from ..conventions.mapping import Table, bilingual_list, integer, links
from ..conventions.sources import XmlEndpoint
from ..conventions.words import SERVICE_TYPES
from . import ClusterConnector

CODE = "sejong"

FIELDS = TermMap("categories", {
    "임상": "clinical", "의료기기": "medical_devices", "의약품": "drug_discovery", "규제과학": "regulatory_affairs",
    "디지털헬스": "digital_health", "분석": "analytical_chemistry", "영상": "imaging", "유전체": "omics",
    "생산": "manufacturing", "비임상": "nonclinical", "세포": "cell_gene_therapy",
    "실험동물": "laboratory_animals", "백신": "vaccines", "소재": "biomaterials"})
CENTRES = TermMap("categories", {"바이오헬스 규제과학센터": "regulatory_affairs",
                                 "디지털헬스 실증센터": "digital_health"})


def service_fee(amount, maximum, remark) -> dict:
    return fee_from_columns(amount, maximum, None, remark)


EQUIPMENT = Table("equipment", "equipment", XmlEndpoint("getEquipList"), "equipNo", (
    ("title.ko", "equipNm"), ("title.en", "equipEngNm"),
    ("manufacturer", "mkrNm"), ("model", "mdlNm"),
    ("year_acquired", "acqYmd", parse_year),
    ("nfec_no", "nfecNo"),
    ("equipment_class", "stdClsCd"),
    ("categories", "fldNm", FIELDS.many()),
    ("sharing_scope", "cmnUseYn", sharing_scope),
    ("fee", ("useFee", "maxUseFee", "feeUnitNm", "feeRmk"), fee_from_columns),
    ("center.ko", "instNm"),
    ("related+", "relSvcNoList", links(CODE, "service")),
    ("source_updated_at", "lastMdfcnYmd", iso_date),
))

SERVICES = Table("services", "service", XmlEndpoint("getSvcList"), "svcNo", (
    ("title.ko", "svcNm"), ("title.en", "svcEngNm"),
    ("service_type", "svcSeNm", SERVICE_TYPES),
    ("categories", "fldNm", FIELDS.many()),
    ("summary.ko", "svcCn"),
    ("turnaround_days", "reqPrd", integer),
    ("fee", ("useFee", "maxUseFee", "feeRmk"), service_fee),
    ("center.ko", "instNm"),
    ("related+", "relEquipNoList", links(CODE, "equipment")),
    ("related+", "chrgExpertNoList", links(CODE, "expert")),
    ("source_updated_at", "lastMdfcnYmd", iso_date),
))

EXPERTS = Table("experts", "expert", XmlEndpoint("getExpertList"), "expertNo", (
    ("name.ko", "expertNm"), ("title.ko", "expertNm"),
    ("name.en", "expertEngNm"), ("title.en", "expertEngNm"),
    ("position.ko", "jbpsNm"),
    ("center.ko", "instNm"),
    ("categories", "instNm", CENTRES.many()),
    ("expertise", "spcltyFldNm", bilingual_list()),
    ("related+", "chrgSvcNoList", links(CODE, "service")),
))


class SejongConnector(ClusterConnector):
    code = CODE
    source_format = "xml_api"
    tables = (EQUIPMENT, SERVICES, EXPERTS)
