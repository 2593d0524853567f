"""대덕 연구개발특구: equipment registered in ZEUS, read from the ZEUS equipment list API."""
from __future__ import annotations

from ..conventions import TermMap, parse_year
from ..conventions.mapping import Table
from ..conventions.sources import ZeusEndpoint
from ..conventions.words import EQUIPMENT_CLASSES
from ..readers.zeus_api import class_categories, nfec_number, sharing_scope, usage_status
from . import ClusterConnector

CODE = "daedeok"

# ZEUS carries no subject field; the cluster files each national class under one category.
CLASS_FIELDS = TermMap("categories", {
    "광학·전자영상장비": "imaging", "화합물 전처리·분석장비": "analytical_chemistry",
    "물리적 측정장비": "analytical_chemistry", "생물 시료 전처리·분석장비": "omics",
    "전기·전자 측정장비": "medical_devices", "기계가공·시험장비": "medical_devices",
    "보건의료장비": "imaging", "생산·공정장비": "manufacturing", "실험동물·사육장비": "laboratory_animals",
    "데이터 처리장비": "digital_health", "환경·안전 장비": "drug_discovery", "기타 연구장비": "drug_discovery"})


def programme(name: str) -> str:
    return f"{name} 지원으로 도입한 장비입니다."


EQUIPMENT = Table("equipment", "equipment", ZeusEndpoint(page_size=100), "equipId", (
    ("nfec_no", "equipNo", nfec_number),
    ("title.ko", "korNm"), ("title.en", "engNm"),
    ("status", "idleDisuseNm", usage_status),
    ("sharing_scope", "useScopeNm", sharing_scope),
    ("center.ko", "organNm"),
    ("description.ko", "rndNm", programme),
    ("manufacturer", "makerNm"), ("model", "modelNm"),
    ("year_acquired", "takeDt", parse_year),
    ("equipment_class", "stdClsNm", EQUIPMENT_CLASSES),
    ("categories", ("stdClsNm", "equipId"), class_categories(CLASS_FIELDS.many())),
    ("location.ko", "installPlaceNm"),
))


class DaedeokConnector(ClusterConnector):
    code = CODE
    source_format = "zeus_api"
    tables = (EQUIPMENT,)
