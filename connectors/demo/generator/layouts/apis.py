"""Clusters that publish APIs: paged JSON, data.go.kr XML and the ZEUS equipment list."""
from __future__ import annotations

from ..styles import (const, either, fee, fee_amount, fee_unit, flag, joined, nfec, on_date, refs, value, word,
                      words)
from . import Layout, Table, fmt, own_id
from .complexes import CERTS, CLASS_KO, LANG_KO, TYPES_KO


def _songdo_page(items, page, size, total):
    return {"meta": {"page": page, "per_page": size, "total": total}, "results": items}


def _hongneung_page(items, page, size, total):
    return {"status": "OK", "page": {"number": page, "size": size, "totalElements": total}, "items": items}


SONGDO_FIELDS = {"manufacturing": "Bioprocessing", "analytical_chemistry": "Analytics", "omics": "Omics",
                 "cell_gene_therapy": "Cell & gene therapy", "vaccines": "Vaccines", "drug_discovery": "Discovery",
                 "imaging": "Imaging", "biomaterials": "Materials", "nonclinical": "Preclinical",
                 "laboratory_animals": "Animal facility", "clinical": "Clinical", "medical_devices": "Devices",
                 "digital_health": "Digital", "regulatory_affairs": "Regulatory"}
SONGDO_BASIS = {"시간당": "per hour", "1일": "per day", "건당": "per test", "회당": "per use", "월": "per month",
                "배치당": "per batch"}
SONGDO_PAGING = {"page_param": "page", "size_param": "per_page", "page_size": 50}
SONGDO_SIHEUNG = Layout("songdo_siheung", "json_api", (
    Table("service", "services", fmt("SS-SVC-{:03d}"), (
        ("id", own_id()), ("title_ko", value("title.0")), ("title_en", value("title.1")),
        ("summary_ko", value("summary.0")), ("summary_en", value("summary.1")),
        ("type", value("service_type")), ("grade", word("grade", {"glp": "GLP", "non_glp": "non-GLP", "gmp": "GMP"})),
        ("areas", words("cats", SONGDO_FIELDS, None)), ("turnaround_days", value("days")),
        ("price_krw", fee_amount("min")), ("price_krw_max", fee_amount("max")),
        ("price_basis", lambda r, ctx: {"quote": "on request", "free": "free"}.get(r.fee.model)
         or SONGDO_BASIS.get(r.fee.note, "per service")),
        ("certifications", words("certs", CERTS, None)), ("facility", value("centre.en")),
        ("instrument_ids", refs("equipment", "equipment", None)), ("staff_ids", refs("expert", "experts", None)),
        ("last_modified", on_date("updated", "iso")),
    ), SONGDO_PAGING),
    Table("equipment", "instruments", fmt("SS-INS-{:04d}"), (
        ("id", own_id()), ("name_ko", value("title.0")), ("name_en", value("title.1")),
        ("manufacturer", value("maker")), ("model", value("model")), ("acquired", on_date("acquired", "iso")),
        ("zeus_no", nfec()), ("equipment_class", value("eq_class")), ("areas", words("cats", SONGDO_FIELDS, None)),
        ("open_access", value("shared")), ("price_krw", fee_amount("min")), ("price_krw_max", fee_amount("max")),
        ("price_basis", lambda r, ctx: {"quote": "on request", "free": "free"}.get(r.fee.model)
         or SONGDO_BASIS.get(r.fee.note, "per service")),
        ("facility", value("centre.en")), ("room", value("location.1")),
        ("service_ids", refs("service", "services", None)), ("last_modified", on_date("updated", "iso")),
    ), SONGDO_PAGING),
    Table("expert", "people", fmt("SS-PPL-{:03d}"), (
        ("id", own_id()), ("name_ko", value("name.0")), ("name_en", value("name.1")),
        ("title_en", value("position.1")), ("facility", value("centre.en")),
        ("expertise", lambda r, ctx: [en for _, en in r.expertise]), ("techniques", value("techniques")),
        ("languages", value("languages")), ("areas", words("cats", SONGDO_FIELDS, None)),
        ("service_ids", refs("service", "services", None)),
    ), SONGDO_PAGING),
), {"envelope": _songdo_page})

HONGNEUNG_FIELDS = {"clinical": "임상연구", "digital_health": "디지털의료", "drug_discovery": "신약연구",
                    "omics": "오믹스", "cell_gene_therapy": "세포치료", "regulatory_affairs": "규제과학",
                    "medical_devices": "의료기기", "analytical_chemistry": "분석", "imaging": "영상",
                    "nonclinical": "비임상", "laboratory_animals": "실험동물", "manufacturing": "생산",
                    "vaccines": "백신", "biomaterials": "소재"}
HONGNEUNG_PAGING = {"page_param": "page", "size_param": "size", "page_size": 50}
HONGNEUNG = Layout("hongneung", "json_api", (
    Table("service", "services", fmt("HR-SV-{:03d}"), (
        ("id", own_id()), ("name.ko", value("title.0")), ("name.en", value("title.1")),
        ("summary", value("summary.0")), ("categories", words("cats", HONGNEUNG_FIELDS, None)),
        ("serviceType", word("service_type", TYPES_KO)), ("duration", lambda r, ctx: f"약 {r.days}일"),
        ("fee", fee("manwon")), ("center", value("centre.ko")),
        ("related.equipment", refs("equipment", "equipment", None)),
        ("related.experts", refs("expert", "experts", None)), ("updatedAt", on_date("updated", "slash")),
    ), HONGNEUNG_PAGING),
    Table("equipment", "equipment", fmt("HR-EQ-{:04d}"), (
        ("id", own_id()), ("name.ko", value("title.0")), ("name.en", value("title.1")),
        ("maker", value("maker")), ("model", value("model")), ("acquiredOn", on_date("acquired", "slash")),
        ("nfecNo", nfec()), ("categories", words("cats", HONGNEUNG_FIELDS, None)),
        ("shared", flag("shared", "가능")), ("fee", fee("manwon")), ("center", value("centre.ko")),
        ("room", value("location.0")), ("related.services", refs("service", "services", None)),
        ("updatedAt", on_date("updated", "slash")),
    ), HONGNEUNG_PAGING),
    Table("expert", "experts", fmt("HR-EX-{:03d}"), (
        ("id", own_id()), ("name.ko", value("name.0")), ("name.en", value("name.1")),
        ("position", value("position.0")), ("center", value("centre.ko")),
        ("expertise", lambda r, ctx: [{"ko": ko, "en": en} for ko, en in r.expertise]),
        ("techniques", value("techniques")), ("languages", words("languages", LANG_KO, None)),
        ("categories", words("cats", HONGNEUNG_FIELDS, None)), ("related.services", refs("service", "services", None)),
    ), HONGNEUNG_PAGING),
), {"envelope": _hongneung_page})

XML_PAGING = {"page_size": 100}
UNITS_KO = {"시간당": "시간", "1일": "일", "건당": "건", "회당": "회", "월": "월", "배치당": "배치"}
SEJONG_FIELDS = {"clinical": "임상", "medical_devices": "의료기기", "drug_discovery": "의약품",
                 "regulatory_affairs": "규제과학", "digital_health": "디지털헬스", "analytical_chemistry": "분석",
                 "imaging": "영상", "omics": "유전체", "manufacturing": "생산", "nonclinical": "비임상",
                 "cell_gene_therapy": "세포", "laboratory_animals": "실험동물", "vaccines": "백신",
                 "biomaterials": "소재"}
SEJONG = Layout("sejong", "xml_api", (
    Table("equipment", "getEquipList", fmt("SJ{:05d}"), (
        ("equipNo", own_id()), ("equipNm", value("title.0")), ("equipEngNm", value("title.1")),
        ("mkrNm", value("maker")), ("mdlNm", value("model")), ("acqYmd", on_date("acquired", "compact")),
        ("nfecNo", nfec()), ("stdClsCd", value("eq_class")), ("fldNm", words("cats", SEJONG_FIELDS, ",")),
        ("cmnUseYn", flag("shared", "YN")), ("useFee", fee_amount("min")), ("maxUseFee", fee_amount("max")),
        ("feeUnitNm", fee_unit(UNITS_KO)),
        ("feeRmk", lambda r, ctx: "별도 협의" if r.fee.model == "quote" else None),
        ("instNm", value("centre.ko")), ("relSvcNoList", refs("service", "services", ",")),
        ("lastMdfcnYmd", on_date("updated", "compact")),
    ), XML_PAGING),
    Table("service", "getSvcList", fmt("SJS{:04d}"), (
        ("svcNo", own_id()), ("svcNm", value("title.0")), ("svcEngNm", value("title.1")),
        ("svcSeNm", word("service_type", TYPES_KO)), ("fldNm", words("cats", SEJONG_FIELDS, ",")),
        ("svcCn", value("summary.0")), ("reqPrd", value("days")), ("useFee", fee_amount("min")),
        ("maxUseFee", fee_amount("max")), ("feeRmk", lambda r, ctx: "별도 협의" if r.fee.model == "quote" else None),
        ("instNm", value("centre.ko")), ("relEquipNoList", refs("equipment", "equipment", ",")),
        ("chrgExpertNoList", refs("expert", "experts", ",")), ("lastMdfcnYmd", on_date("updated", "compact")),
    ), XML_PAGING),
    Table("expert", "getExpertList", fmt("SJP{:03d}"), (
        ("expertNo", own_id()), ("expertNm", value("name.0")), ("expertEngNm", value("name.1")),
        ("jbpsNm", value("position.0")), ("instNm", value("centre.ko")),
        ("spcltyFldNm", joined("expertise", ",", 0)), ("chrgSvcNoList", refs("service", "services", ",")),
    ), XML_PAGING),
))

HWASUN_FIELDS = {"vaccines": "백신", "cell_gene_therapy": "면역세포치료", "nonclinical": "비임상",
                 "manufacturing": "백신생산", "laboratory_animals": "실험동물", "analytical_chemistry": "분석",
                 "clinical": "임상", "omics": "유전체", "drug_discovery": "신약", "imaging": "영상",
                 "biomaterials": "소재", "medical_devices": "의료기기", "regulatory_affairs": "인허가",
                 "digital_health": "디지털"}
HWASUN = Layout("hwasun", "xml_api", (
    Table("equipment", "eqpInfo", fmt("HS-E{:04d}"), (
        ("eqpId", own_id()), ("eqpNm", value("title.0")), ("eqpEngNm", value("title.1")),
        ("mnfcturCmpnyNm", value("maker")), ("mdlNm", value("model")), ("prchsDe", on_date("acquired", "iso")),
        ("nfecNo", nfec()), ("realmNm", words("cats", HWASUN_FIELDS, ",")), ("cmmnUseAt", flag("shared", "YN")),
        ("useChrg", fee("won", unit="none")), ("chrgUnit", fee_unit(UNITS_KO)), ("chrgDeptNm", value("centre.ko")),
        ("instlPlc", value("location.0")), ("srvcIdList", refs("service", "services", ",")),
    ), XML_PAGING),
    Table("service", "srvcInfo", fmt("HS-S{:03d}"), (
        ("srvcId", own_id()), ("srvcNm", value("title.0")), ("realmNm", words("cats", HWASUN_FIELDS, ",")),
        ("srvcTyNm", word("service_type", TYPES_KO)),
        ("glpAt", lambda r, ctx: "Y" if r.grade == "glp" else "N"),
        ("gmpAt", lambda r, ctx: "Y" if r.grade == "gmp" else "N"),
        ("srvcCn", value("summary.0")), ("reqreDaycnt", value("days")), ("useChrg", fee("won")),
        ("chrgDeptNm", value("centre.ko")), ("eqpIdList", refs("equipment", "equipment", ",")),
        ("expertIdList", refs("expert", "experts", ",")), ("updtDe", on_date("updated", "iso")),
    ), XML_PAGING),
    Table("expert", "expertInfo", fmt("HS-P{:02d}"), (
        ("expertId", own_id()), ("nm", value("name.0")), ("engNm", value("name.1")), ("ofcpsNm", value("position.0")),
        ("chrgDeptNm", value("centre.ko")), ("spcltyRealm", joined("expertise", ",", 0)),
        ("hldTchnlgy", joined("techniques", ",")), ("srvcIdList", refs("service", "services", ",")),
    ), XML_PAGING),
))

BUSAN_FIELDS = {"biomaterials": "해양바이오", "medical_devices": "의료기기", "clinical": "임상",
                "digital_health": "디지털헬스", "analytical_chemistry": "분석", "regulatory_affairs": "인허가",
                "imaging": "영상", "nonclinical": "비임상", "drug_discovery": "신약", "manufacturing": "생산",
                "cell_gene_therapy": "세포", "omics": "유전체", "laboratory_animals": "실험동물", "vaccines": "백신"}
BUSAN = Layout("busan", "xml_api", (
    Table("equipment", "eqpList", fmt("BS-EQ-{:04d}"), (
        ("eqpNo", own_id()), ("eqpNm", value("title.0")), ("mkrNm", value("maker")), ("mdlNm", value("model")),
        ("acqDt", on_date("acquired", "dotted")), ("nfecNo", nfec()), ("fldNm", words("cats", BUSAN_FIELDS, ",")),
        ("shrUseYn", flag("shared", "가능능")), ("useAmt", fee("won")), ("ctrNm", value("centre.ko")),
        ("lctnNm", value("location.0")), ("srvNoList", refs("service", "services", ",")),
    ), XML_PAGING),
    Table("service", "srvList", fmt("BS-SV-{:03d}"), (
        ("srvNo", own_id()), ("srvNm", value("title.0")), ("srvEngNm", value("title.1")),
        ("fldNm", words("cats", BUSAN_FIELDS, ",")), ("srvSeNm", word("service_type", TYPES_KO)),
        ("srvCn", value("summary.0")), ("prdDay", value("days")), ("useAmt", fee("won")),
        ("ctrNm", value("centre.ko")), ("eqpNoList", refs("equipment", "equipment", ",")),
        ("expNoList", refs("expert", "experts", ",")), ("mdfcnDt", on_date("updated", "dotted")),
    ), XML_PAGING),
    Table("expert", "expList", fmt("BS-EX-{:02d}"), (
        ("expNo", own_id()), ("expNm", value("name.0")), ("jbttlNm", value("position.0")), ("ctrNm", value("centre.ko")),
        ("spcltyNm", joined("expertise", ",", 0)), ("srvNoList", refs("service", "services", ",")),
    ), XML_PAGING),
))

PROGRAMMES = ("바이오의료기술개발사업", "연구개발특구육성사업", "국가연구시설장비고도화사업", "기초연구실지원사업",
              "지역혁신클러스터육성사업", "첨단바이오공동연구장비구축사업")


# The real ZEUS list record (../shared/reference/zeus/equips-list-response.json), field for
# field: registId/registNm (staff) are personal data and stay empty in generated samples. Maker,
# model, acquisition date, class and place are only in the detail answer (details.json).
ZEUS_DETAIL = ("makerNm", "modelNm", "takeDt", "stdClsNm", "installPlaceNm")


def _zeus(code: str, prefix: str, page_size: int) -> Layout:
    return Layout(code, "zeus_api", (
        Table("equipment", "equipment", fmt(prefix + "{:06d}"), (
            ("equipId", own_id()), ("equipCd", const("01")), ("equipNo", nfec()),
            ("fixedAsetNo", lambda r, ctx: f"{r.acquired.year % 100:02d}B{r.seq:05d}C"),
            ("korNm", value("title.0")), ("engNm", value("title.1")),
            ("confirmYn", const("Y")), ("deleteYn", const("N")),
            ("statusCd", const("06")), ("statusNm", const("완료")),
            ("registDt", on_date("acquired", "iso")), ("modifyDt", const(None)),
            ("registId", const(None)),
            ("useScopeCd", either("shared", "2", "1")),
            ("useScopeNm", flag("shared", "zeus")),
            ("idleDisuseCd", either("active", "1", "2")), ("idleDisuseNm", either("active", "활용", "유휴")),
            ("organCd", const(None)), ("organNm", value("centre.ko")),
            ("rndYn", const("Y")),
            ("rndNm", lambda r, ctx: PROGRAMMES[(r.seq * 7 + r.acquired.year) % len(PROGRAMMES)]),
            ("registNm", const(None)), ("apiYn", const("N")), ("orgMgntNo", const(None)),
            ("makerNm", value("maker")), ("modelNm", value("model")), ("takeDt", on_date("acquired", "compact")),
            ("stdClsNm", word("eq_class", CLASS_KO)), ("installPlaceNm", value("location.0")),
        ), {"page_size": page_size, "detail": ZEUS_DETAIL}),
    ))


DAEDEOK = _zeus("daedeok", "Z-DD-", 100)
POHANG = _zeus("pohang", "Z-PH-", 50)

LAYOUTS = (SONGDO_SIHEUNG, HONGNEUNG, SEJONG, HWASUN, BUSAN, DAEDEOK, POHANG)
