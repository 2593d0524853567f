"""The two advanced medical complexes: Daegu's XLSX workbook and Osong's JSON API."""
from __future__ import annotations

from schemas import vocabularies

from ..styles import (either, fee, fee_amount, fee_model, fee_unit, flag, joined, nfec, on_date,
                      refs, value, word, words)
from . import Layout, Table, fmt, offset, own_id

CLASS_KO = {t.code: t.ko for t in vocabularies.get("equipment_classes").terms}
TYPES_KO = {"analysis": "분석", "testing": "시험", "evaluation": "평가", "manufacturing": "생산·제작",
            "consulting": "컨설팅", "training": "교육"}
LANG_KO = {"ko": "한국어", "en": "영어", "ja": "일본어", "zh": "중국어"}
CERTS = {"glp": "GLP", "gmp": "GMP", "kgmp": "KGMP", "iso13485": "ISO 13485", "iso17025": "ISO/IEC 17025",
         "kolas": "KOLAS", "aaalac": "AAALAC", "iso9001": "ISO 9001", "mfds_lab": "식약처 지정 시험검사기관",
         "gcp": "GCP"}

# Daegu's own category words (its workbook predates the shared taxonomy).
KMEDIHUB_FIELDS = {"drug_discovery": "신약개발", "medical_devices": "의료기기", "nonclinical": "전임상",
                   "laboratory_animals": "실험동물", "manufacturing": "의약생산", "analytical_chemistry": "분석",
                   "omics": "오믹스", "imaging": "영상", "cell_gene_therapy": "세포치료", "vaccines": "백신",
                   "biomaterials": "소재", "digital_health": "디지털헬스", "clinical": "임상",
                   "regulatory_affairs": "인허가"}
KMEDIHUB_BOOKING = {"self_use": "직접사용", "operator_assisted": "의뢰분석", "consult": "상담 후 결정"}

KMEDIHUB = Layout("kmedihub", "xlsx", (
    Table("service", "기술서비스", fmt("KMH-SV-{:03d}"), (
        ("서비스코드", own_id()),
        ("센터", value("centre.ko")),
        ("서비스 정보/서비스명(국문)", value("title.0")),
        ("서비스 정보/서비스명(영문)", value("title.1")),
        ("서비스 정보/분야", words("cats", KMEDIHUB_FIELDS)),
        ("서비스 정보/서비스유형", word("service_type", TYPES_KO)),
        ("서비스 정보/규제등급", word("grade", {"glp": "GLP", "non_glp": "Non-GLP", "gmp": "GMP"})),
        ("서비스 정보/서비스 개요", value("summary.0")),
        ("수행 정보/소요기간(일)", value("days")),
        ("수행 정보/결과물", value("deliverables.0")),
        ("수행 정보/시료 요건", value("samples.0")),
        ("수행 정보/인증", words("certs", CERTS)),
        ("이용 안내/이용료", fee("manwon")),
        ("이용 안내/신청방식", word("booking", KMEDIHUB_BOOKING)),
        ("이용 안내/접수 후 착수(일)", value("lead_days")),
        ("연계/관련장비", refs("equipment", "equipment")),
        ("연계/담당전문가", refs("expert", "experts")),
        ("운영여부", flag("active", "YN")),
        ("최종수정일", on_date("updated", "dotted")),
    ), {"title": "대구경북첨단의료산업진흥재단 기술서비스 현황 (예시 데이터)", "merge": "센터", "grouped": True}),
    Table("equipment", "연구장비", fmt("KMH-EQ-{:05d}"), (
        ("장비번호", own_id()),
        ("담당부서", value("centre.ko")),
        ("장비 기본정보/장비명", value("title.0")),
        ("장비 기본정보/영문장비명", value("title.1")),
        ("장비 기본정보/제조사", value("maker")),
        ("장비 기본정보/모델명", value("model")),
        ("취득 정보/취득일자", on_date("acquired", "excel")),
        ("취득 정보/NFEC 등록번호", nfec()),
        ("분류/표준분류", word("eq_class", CLASS_KO)),
        ("분류/활용분야", words("cats", KMEDIHUB_FIELDS)),
        ("이용 정보/공동활용", flag("shared", "OX")),
        ("이용 정보/이용방식", word("booking", KMEDIHUB_BOOKING)),
        ("이용 정보/이용료", fee("manwon")),
        ("이용 정보/설치장소", value("location.0")),
        ("활용서비스", refs("service", "services")),
        ("상태", either("active", "운영", "유휴")),
        ("최종수정일", on_date("updated", "dotted")),
    ), {"title": "대구경북첨단의료산업진흥재단 연구장비 현황 (예시 데이터)", "merge": "담당부서", "grouped": True}),
    Table("expert", "전문가", fmt("KMH-EX-{:03d}"), (
        ("전문가번호", own_id()),
        ("성명", value("name.0")),
        ("영문성명", value("name.1")),
        ("소속센터", value("centre.ko")),
        ("직위", value("position.0")),
        ("전문분야", joined("expertise", ", ", 0)),
        ("보유기술", joined("techniques", ", ")),
        ("사용언어", words("languages", LANG_KO)),
        ("분야", words("cats", KMEDIHUB_FIELDS)),
        ("담당서비스", refs("service", "services")),
        ("수정일", on_date("updated", "dotted")),
    )),
), {"workbook": "kmedihub_inventory.xlsx"})

# Osong's API uses upper-case codes of its own for categories, types and units.
KBIOHEALTH_FIELDS = {"drug_discovery": "NEW_DRUG", "medical_devices": "MED_DEVICE", "nonclinical": "PRECLINICAL",
                     "laboratory_animals": "LAB_ANIMAL", "manufacturing": "BIO_PRODUCTION",
                     "analytical_chemistry": "ANALYSIS", "omics": "OMICS", "imaging": "IMAGING",
                     "cell_gene_therapy": "CELL_GENE", "vaccines": "VACCINE", "biomaterials": "MATERIAL",
                     "digital_health": "DIGITAL", "clinical": "CLINICAL", "regulatory_affairs": "REGULATORY"}
KBIOHEALTH_CENTRES = {"신약개발지원센터": "NDDC", "첨단의료기기개발지원센터": "MDDC", "비임상지원센터": "NCSC",
                      "바이오의약생산센터": "BPPC"}
KBIOHEALTH_USE = {"self_use": "SELF", "operator_assisted": "ASSIST", "consult": "CONSULT"}
KBIOHEALTH_FEE = (
    ("fee.type", fee_model({"fixed": "PAID", "free": "FREE", "quote": "NEGOTIABLE"})),
    ("fee.amount", fee_amount("min")),
    ("fee.maxAmount", fee_amount("max")),
    ("fee.unit", fee_unit({"시간당": "HOUR", "1일": "DAY", "건당": "CASE", "회당": "USE", "월": "MONTH",
                           "배치당": "BATCH"})),
)
CENTRE_INFO = (
    ("centerInfo.centerCd", word("centre.ko", KBIOHEALTH_CENTRES)),
    ("centerInfo.centerNm", value("centre.ko")),
    ("centerInfo.centerNmEng", value("centre.en")),
)
PAGING = {"page_param": "pageNo", "size_param": "pageSize", "page_size": 100}


def _osong_page(items, page, size, total):
    return {"resultCode": "00", "resultMsg": "정상 처리되었습니다.",
            "data": {"pageNo": page, "pageSize": size, "totalCount": total, "list": items}}


KBIOHEALTH = Layout("kbiohealth", "json_api", (
    Table("service", "services", fmt("KBH-S-{:04d}"), (
        ("svcId", own_id()),
        ("svcNm", value("title.0")),
        ("svcNmEng", value("title.1")),
        ("svcSummary", value("summary.0")),
        ("svcSummaryEng", value("summary.1")),
        ("svcType", word("service_type", {k: k.upper() for k in TYPES_KO})),
        ("regGrade", word("grade", {"glp": "GLP", "non_glp": "NON_GLP", "gmp": "GMP"})),
        ("periodDays", value("days")),
        ("deliverable", value("deliverables.0")),
        ("sampleReq", value("samples.0")),
        ("certList", words("certs", CERTS, None)),
        ("categories", words("cats", KBIOHEALTH_FIELDS, None, unknown="ETC")),
        *KBIOHEALTH_FEE,
        ("reqType", word("booking", KBIOHEALTH_USE)),
        ("leadDays", value("lead_days")),
        *CENTRE_INFO,
        ("relEquipIds", refs("equipment", "equipment", None)),
        ("chargeExpertIds", refs("expert", "experts", None)),
        ("useYn", flag("active", "YN")),
        ("modDt", on_date("updated", "timestamp")),
    ), PAGING),
    Table("equipment", "equipment", offset(100_000), (
        ("equipSeq", own_id()),
        ("equipNmKor", value("title.0")),
        ("equipNmEng", value("title.1")),
        ("makerNm", value("maker")),
        ("modelNm", value("model")),
        ("acqDate", on_date("acquired", "iso")),
        ("zeusNo", nfec()),
        ("stdClass.code", value("eq_class")),
        ("stdClass.name", word("eq_class", CLASS_KO)),
        ("categories", words("cats", KBIOHEALTH_FIELDS, None, unknown="ETC")),
        ("openYn", flag("shared", "YN")),
        ("useType", word("booking", KBIOHEALTH_USE)),
        *KBIOHEALTH_FEE,
        *CENTRE_INFO,
        ("location", value("location.0")),
        ("locationEng", value("location.1")),
        ("status", either("active", "ACTIVE", "IDLE")),
        ("relSvcIds", refs("service", "services", None)),
        ("modDt", on_date("updated", "timestamp")),
    ), PAGING),
    Table("expert", "experts", fmt("KBH-X-{:03d}"), (
        ("expertId", own_id()),
        ("nameKor", value("name.0")),
        ("nameEng", value("name.1")),
        ("positionNm", value("position.0")),
        ("positionNmEng", value("position.1")),
        *CENTRE_INFO,
        ("fields", lambda r, ctx: [{"kor": ko, "eng": en} for ko, en in r.expertise]),
        ("skills", value("techniques")),
        ("langs", words("languages", {c: c.upper() for c in LANG_KO}, None)),
        ("categories", words("cats", KBIOHEALTH_FIELDS, None)),
        ("svcIds", refs("service", "services", None)),
        ("modDt", on_date("updated", "timestamp")),
    ), PAGING),
), {"envelope": _osong_page})

LAYOUTS = (KMEDIHUB, KBIOHEALTH)
