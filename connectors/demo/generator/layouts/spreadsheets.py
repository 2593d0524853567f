"""Clusters that export XLSX workbooks: Wonju, Andong, Jeonbuk and Jeju."""
from __future__ import annotations

from ..styles import (const, either, fee, fee_amount, fee_unit, flag, joined, nfec, on_date, refs,
                      value, word, words)
from . import Layout, Table, fmt, own_id
from .complexes import CERTS, CLASS_KO, LANG_KO, TYPES_KO

WONJU_FIELDS = {"medical_devices": "의료기기", "imaging": "의료영상", "biomaterials": "의료소재",
                "digital_health": "디지털헬스케어", "nonclinical": "비임상", "clinical": "임상",
                "regulatory_affairs": "인허가", "analytical_chemistry": "분석", "cell_gene_therapy": "바이오",
                "drug_discovery": "바이오", "omics": "바이오", "vaccines": "바이오", "manufacturing": "생산",
                "laboratory_animals": "동물실험"}
WONJU = Layout("wonju", "xlsx", (
    Table("equipment", "장비현황", fmt("WJ-{:04d}"), (
        ("관리번호", own_id()), ("장비명", value("title.0")), ("장비명(영문)", value("title.1")),
        ("제작사", value("maker")), ("모델", value("model")), ("도입일", on_date("acquired", "excel")),
        ("ZEUS 등록번호", nfec()), ("장비분류", value("eq_class")), ("분야", words("cats", WONJU_FIELDS)),
        ("공동활용 가능여부", flag("shared", "가능")),
        ("이용료(원)", fee_amount("min")), ("최대 이용료(원)", fee_amount("max")),
        ("요금기준", fee_unit({"시간당": "시간", "1일": "일", "건당": "건", "회당": "회", "월": "월",
                               "배치당": "배치"})),
        ("비고", lambda r, ctx: "별도 협의" if r.fee.model == "quote" else None),
        ("담당부서", value("centre.ko")), ("위치", value("location.0")),
        ("연계서비스", refs("service", "services", ",")), ("갱신일", on_date("updated", "excel")),
    )),
    Table("service", "시험서비스", fmt("WJ-T-{:03d}"), (
        ("시험코드", own_id()), ("시험항목", value("title.0")), ("영문명", value("title.1")),
        ("구분", word("service_type", {**TYPES_KO, "manufacturing": "제작"})),
        ("분야", words("cats", WONJU_FIELDS)), ("내용", value("summary.0")),
        ("인증", words("certs", CERTS)), ("소요기간", lambda r, ctx: f"{r.days}일"),
        ("수수료", fee("won")), ("결과물", value("deliverables.0")), ("시료", value("samples.0")),
        ("사용장비", refs("equipment", "equipment", ",")), ("담당자", refs("expert", "experts", ",")),
        ("갱신일", on_date("updated", "excel")),
    )),
    Table("expert", "전문인력", fmt("WJ-P-{:02d}"), (
        ("인력번호", own_id()), ("이름", value("name.0")), ("Name", value("name.1")),
        ("직급", value("position.0")), ("소속", value("centre.ko")),
        ("전문분야", joined("expertise", ", ", 0)), ("활용기술", joined("techniques", ", ")),
        ("언어", words("languages", LANG_KO)), ("담당시험", refs("service", "services", ",")),
    )),
), {"workbook": "wonju_medical_device.xlsx"})

ANDONG_FIELDS = {"vaccines": "백신", "manufacturing": "바이오공정", "biomaterials": "천연물소재",
                 "analytical_chemistry": "성분분석", "drug_discovery": "신약", "cell_gene_therapy": "세포",
                 "laboratory_animals": "동물", "omics": "유전체", "clinical": "임상", "imaging": "이미징",
                 "nonclinical": "비임상", "medical_devices": "의료기기", "regulatory_affairs": "인허가",
                 "digital_health": "디지털"}
ANDONG = Layout("andong", "xlsx", (
    Table("equipment", "장비", fmt("ADB-E{:04d}"), (
        ("장비코드", own_id()), ("장비명", value("title.0")), ("제조사", value("maker")),
        ("모델명", value("model")), ("취득일자", on_date("acquired", "compact")),
        ("NFEC번호", nfec()), ("표준분류", word("eq_class", CLASS_KO)),
        ("분야", words("cats", ANDONG_FIELDS)), ("공동활용", flag("shared", "YN")),
        ("이용료", fee("manwon")), ("보유부서", value("centre.ko")), ("설치장소", value("location.0")),
        ("상태", either("active", "사용", "불용")), ("서비스연계", refs("service", "services", "/")),
    )),
    Table("service", "서비스", fmt("ADB-S{:03d}"), (
        ("서비스코드", own_id()), ("서비스명", value("title.0")), ("분야", words("cats", ANDONG_FIELDS)),
        ("유형", word("service_type", TYPES_KO)),
        ("GMP/GLP", word("grade", {"glp": "GLP", "non_glp": "비GLP", "gmp": "GMP"})),
        ("설명", value("summary.0")), ("기간(일)", value("days")), ("수수료", fee("manwon")),
        ("결과물", value("deliverables.0")), ("인증", words("certs", CERTS)),
        ("활용장비", refs("equipment", "equipment", "/")), ("담당", refs("expert", "experts", "/")),
        ("수정일", on_date("updated", "compact")),
    )),
    Table("expert", "인력", fmt("ADB-P{:02d}"), (
        ("번호", own_id()), ("성명", value("name.0")), ("직위", value("position.0")),
        ("부서", value("centre.ko")), ("전문분야", joined("expertise", ", ", 0)),
        ("기술", joined("techniques", ", ")), ("담당서비스", refs("service", "services", "/")),
    )),
), {"workbook": "andong_bio_inventory.xlsx"})

JEONBUK_FIELDS = {"laboratory_animals": "실험동물", "nonclinical": "비임상", "biomaterials": "농생명소재",
                  "analytical_chemistry": "분석", "vaccines": "동물백신", "drug_discovery": "신약",
                  "clinical": "인체적용", "omics": "유전체", "imaging": "영상", "manufacturing": "생산",
                  "cell_gene_therapy": "세포", "medical_devices": "의료기기", "digital_health": "디지털",
                  "regulatory_affairs": "인허가"}
JEONBUK = Layout("jeonbuk", "xlsx", (
    Table("equipment", "장비", fmt("JB-EQ-{:04d}"), (
        ("장비번호", own_id()), ("장비명", value("title.0")), ("영문명", value("title.1")),
        ("제조사", value("maker")), ("모델명", value("model")),
        ("취득일자", on_date("acquired", "korean_padded")), ("NFEC 번호", nfec()),
        ("분야", words("cats", JEONBUK_FIELDS)), ("공동활용 여부", flag("shared", "예")),
        ("이용료", fee("won")), ("설치장소", value("location.0")), ("관련 서비스", refs("service", "services")),
        ("수정일", on_date("updated", "korean_padded")),
    ), {"sheets": {"실험동물 자원센터": "장비(실험동물자원센터)", "농생명 바이오소재센터": "장비(바이오소재센터)"}}),
    Table("service", "서비스", fmt("JB-SV-{:03d}"), (
        ("서비스번호", own_id()), ("센터", value("centre.ko")), ("서비스명", value("title.0")),
        ("영문 서비스명", value("title.1")), ("분야", words("cats", JEONBUK_FIELDS)),
        ("서비스 유형", word("service_type", TYPES_KO)), ("서비스 내용", value("summary.0")),
        ("처리기간(일)", value("days")), ("이용료", fee("won")), ("GLP 적용", flag("is_glp", "예")),
        ("사용 장비", refs("equipment", "equipment")), ("전문가", refs("expert", "experts")),
        ("수정일", on_date("updated", "korean_padded")),
    )),
    Table("expert", "전문가", fmt("JB-EX-{:02d}"), (
        ("전문가번호", own_id()), ("성명", value("name.0")), ("영문 성명", value("name.1")),
        ("센터", value("centre.ko")), ("직위", value("position.0")),
        ("전문분야", joined("expertise", "; ", 0)), ("Expertise", joined("expertise", "; ", 1)),
        ("보유 기술", joined("techniques", "; ")), ("사용 언어", words("languages", LANG_KO)),
        ("담당 서비스", refs("service", "services")),
    )),
), {"workbook": "jeonbuk_bio.xlsx"})

JEJU_FIELDS = {"biomaterials": "바이오소재", "analytical_chemistry": "분석", "omics": "유전체",
               "digital_health": "바이오정보", "clinical": "인체적용", "drug_discovery": "천연물신약",
               "imaging": "이미징", "manufacturing": "생산", "cell_gene_therapy": "세포",
               "laboratory_animals": "실험동물", "vaccines": "백신", "nonclinical": "비임상",
               "medical_devices": "의료기기", "regulatory_affairs": "인허가"}
NOTES = ("제주 바이오소재 분석센터 보유장비 및 서비스 (예시 데이터)", "※ 이용료는 부가세 별도입니다.")
JEJU = Layout("jeju", "xlsx", (
    Table("equipment", "장비목록", fmt("JJ-{:04d}"), (
        ("번호", own_id()), ("장비명", value("title.0")), ("장비명(영문)", value("title.1")),
        ("제작사", value("maker")), ("모델명", value("model")), ("취득일", on_date("acquired", "excel")),
        ("NFEC", nfec()), ("분류", word("eq_class", CLASS_KO)), ("분야", words("cats", JEJU_FIELDS)),
        ("공동활용", flag("shared", "OX")), ("이용료", fee("won", quote="별도협의")),
        ("이용방법", word("booking", {"self_use": "직접", "operator_assisted": "의뢰", "consult": "협의"})),
        ("설치위치", value("location.0")), ("연계서비스", refs("service", "services", ",")),
    ), {"notes": NOTES}),
    Table("service", "분석서비스", fmt("JJ-S{:03d}"), (
        ("코드", own_id()), ("서비스명", value("title.0")), ("분야", words("cats", JEJU_FIELDS)),
        ("유형", word("service_type", TYPES_KO)), ("내용", value("summary.0")),
        ("기간(일)", value("days")), ("이용료", fee("won", quote="별도협의")),
        ("장비", refs("equipment", "equipment", ",")), ("담당자", refs("expert", "experts", ",")),
        ("등록일", on_date("updated", "excel")),
    ), {"notes": NOTES}),
    Table("expert", "전문가", fmt("JJ-P{:02d}"), (
        ("코드", own_id()), ("성명", value("name.0")), ("직위", value("position.0")),
        ("전문분야", joined("expertise", ", ", 0)), ("보유기술", joined("techniques", ", ")),
        ("담당서비스", refs("service", "services", ",")), ("소속", const("제주 바이오소재 분석센터")),
    ), {"notes": NOTES}),
), {"workbook": "jeju_bio.xlsx"})

LAYOUTS = (WONJU, ANDONG, JEONBUK, JEJU)
