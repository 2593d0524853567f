"""화순: a data.go.kr-style XML OpenAPI with public-data field names (eqpNm, cmmnUseAt ...)."""
from __future__ import annotations

from ..conventions import TermMap, fee_document, iso_date, parse_flag, parse_year, sharing_scope
from ..conventions.fees import fee_from_columns
from ..conventions.mapping import Table, bilingual_list, integer, links, text_list
from ..conventions.sources import XmlEndpoint
from ..conventions.words import SERVICE_TYPES
from . import ClusterConnector

CODE = "hwasun"

FIELDS = TermMap("categories", {
    "백신": "vaccines", "면역세포치료": "cell_gene_therapy", "비임상": "nonclinical", "백신생산": "manufacturing",
    "실험동물": "laboratory_animals", "분석": "analytical_chemistry", "임상": "clinical", "유전체": "omics",
    "신약": "drug_discovery", "영상": "imaging", "소재": "biomaterials", "의료기기": "medical_devices",
    "인허가": "regulatory_affairs", "디지털": "digital_health"})
CENTRES = TermMap("categories", {"백신 시험생산센터": "vaccines", "면역세포치료 지원센터": "cell_gene_therapy",
                                 "백신 비임상 평가실": "nonclinical"})


def equipment_fee(charge, unit) -> dict:
    return fee_from_columns(charge, None, unit)


def grade(glp, gmp) -> str | None:
    """glpAt / gmpAt are Y/N flags; neither means no regulatory grade is claimed."""
    if glp is not None and parse_flag(glp):
        return "glp"
    if gmp is not None and parse_flag(gmp):
        return "gmp"
    return None


EQUIPMENT = Table("equipment", "equipment", XmlEndpoint("eqpInfo"), "eqpId", (
    ("title.ko", "eqpNm"), ("title.en", "eqpEngNm"),
    ("manufacturer", "mnfcturCmpnyNm"), ("model", "mdlNm"),
    ("year_acquired", "prchsDe", parse_year),
    ("nfec_no", "nfecNo"),
    ("categories", "realmNm", FIELDS.many()),
    ("sharing_scope", "cmmnUseAt", sharing_scope),
    ("fee", ("useChrg", "chrgUnit"), equipment_fee),
    ("center.ko", "chrgDeptNm"),
    ("location.ko", "instlPlc"),
    ("related+", "srvcIdList", links(CODE, "service")),
))

SERVICES = Table("services", "service", XmlEndpoint("srvcInfo"), "srvcId", (
    ("title.ko", "srvcNm"),
    ("categories", "realmNm", FIELDS.many()),
    ("service_type", "srvcTyNm", SERVICE_TYPES),
    ("regulatory_grade", ("glpAt", "gmpAt"), grade),
    ("summary.ko", "srvcCn"),
    ("turnaround_days", "reqreDaycnt", integer),
    ("fee", "useChrg", fee_document),
    ("center.ko", "chrgDeptNm"),
    ("related+", "eqpIdList", links(CODE, "equipment")),
    ("related+", "expertIdList", links(CODE, "expert")),
    ("source_updated_at", "updtDe", iso_date),
))

EXPERTS = Table("experts", "expert", XmlEndpoint("expertInfo"), "expertId", (
    ("name.ko", "nm"), ("title.ko", "nm"),
    ("name.en", "engNm"), ("title.en", "engNm"),
    ("position.ko", "ofcpsNm"),
    ("center.ko", "chrgDeptNm"),
    ("categories", "chrgDeptNm", CENTRES.many()),
    ("expertise", "spcltyRealm", bilingual_list()),
    ("techniques", "hldTchnlgy", text_list()),
    ("related+", "srvcIdList", links(CODE, "service")),
))


class HwasunConnector(ClusterConnector):
    code = CODE
    source_format = "xml_api"
    tables = (EQUIPMENT, SERVICES, EXPERTS)
