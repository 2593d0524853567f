"""포항: structural-biology and materials equipment from the ZEUS equipment list API."""
from __future__ import annotations

from ..conventions import TermMap, parse_year
from ..conventions.mapping import Table
from ..conventions.sources import ZeusEndpoint
from ..conventions.words import EQUIPMENT_CLASSES
from ..readers.zeus_api import class_categories, nfec_number, sharing_scope, usage_status
from . import ClusterConnector

CODE = "pohang"

# ZEUS carries no subject field; Pohang files its classes under its two focus areas.
CLASS_FIELDS = TermMap("categories", {
    "광학·전자영상장비": "imaging", "화합물 전처리·분석장비": "analytical_chemistry",
    "물리적 측정장비": "biomaterials", "생물 시료 전처리·분석장비": "drug_discovery",
    "전기·전자 측정장비": "biomaterials", "기계가공·시험장비": "biomaterials", "보건의료장비": "imaging",
    "생산·공정장비": "manufacturing", "실험동물·사육장비": "laboratory_animals",
    "데이터 처리장비": "digital_health", "환경·안전 장비": "biomaterials", "기타 연구장비": "biomaterials"})

EQUIPMENT = Table("equipment", "equipment", ZeusEndpoint(page_size=50), "equipId", (
    ("nfec_no", "equipNo", nfec_number),
    ("title.ko", "korNm"), ("title.en", "engNm"),
    ("status", "idleDisuseNm", usage_status),
    ("sharing_scope", "useScopeNm", sharing_scope),
    ("center.ko", "organNm"),
    ("manufacturer", "makerNm"), ("model", "modelNm"),
    ("year_acquired", "takeDt", parse_year),
    ("equipment_class", "stdClsNm", EQUIPMENT_CLASSES),
    ("categories", ("stdClsNm", "equipId"), class_categories(CLASS_FIELDS.many())),
    ("location.ko", "installPlaceNm"),
))


class PohangConnector(ClusterConnector):
    code = CODE
    source_format = "zeus_api"
    tables = (EQUIPMENT,)
