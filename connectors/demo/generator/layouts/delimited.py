"""Clusters that export CSV files: UTF-8, UTF-8 with BOM (Excel's 'CSV UTF-8') and cp949."""
from __future__ import annotations

from ..styles import either, fee, flag, joined, nfec, on_date, refs, value, word, words
from . import Layout, Table, fmt, own_id
from .complexes import CERTS, CLASS_KO, LANG_KO, TYPES_KO

PANGYO_FIELDS = {"digital_health": "디지털헬스", "medical_devices": "의료기기SW", "omics": "바이오데이터",
                 "clinical": "임상연구", "regulatory_affairs": "규제", "drug_discovery": "AI신약",
                 "imaging": "의료영상", "analytical_chemistry": "분석", "cell_gene_therapy": "세포",
                 "manufacturing": "생산", "nonclinical": "비임상", "laboratory_animals": "실험동물",
                 "vaccines": "백신", "biomaterials": "소재"}
PANGYO = Layout("pangyo", "csv", (
    Table("service", "pangyo_services.csv", fmt("PG-S{:03d}"), (
        ("service_id", own_id()), ("서비스명", value("title.0")), ("Service name", value("title.1")),
        ("분야", words("cats", PANGYO_FIELDS, "|")), ("유형", word("service_type", TYPES_KO)),
        ("설명", value("summary.0")), ("Description", value("summary.1")), ("기간(일)", value("days")),
        ("요금", fee("won")), ("관련 장비", refs("equipment", "equipment", "|")),
        ("담당 전문가", refs("expert", "experts", "|")), ("운영", flag("active", "YN")),
        ("updated", on_date("updated", "iso")),
    )),
    Table("equipment", "pangyo_equipment.csv", fmt("PG-E{:03d}"), (
        ("equipment_id", own_id()), ("장비명", value("title.0")), ("Equipment name", value("title.1")),
        ("제조사", value("maker")), ("모델", value("model")), ("도입일", on_date("acquired", "iso")),
        ("NFEC", nfec()), ("분야", words("cats", PANGYO_FIELDS, "|")), ("공동활용", flag("shared", "YN")),
        ("이용료", fee("won")), ("위치", value("location.0")), ("담당", value("centre.ko")),
        ("updated", on_date("updated", "iso")),
    )),
    Table("expert", "pangyo_experts.csv", fmt("PG-X{:03d}"), (
        ("expert_id", own_id()), ("이름", value("name.0")), ("Name", value("name.1")),
        ("소속", value("centre.ko")), ("직책", value("position.0")), ("Position", value("position.1")),
        ("전문분야", joined("expertise", "|", 0)), ("Expertise", joined("expertise", "|", 1)),
        ("기술", joined("techniques", "|")), ("언어", words("languages", {c: c for c in LANG_KO}, "|")),
        ("담당 서비스", refs("service", "services", "|")),
    )),
), {"encoding": "utf-8"})

CHEONAN_FIELDS = {"cell_gene_therapy": "재생의료", "manufacturing": "바이오생산", "medical_devices": "의료기기",
                  "analytical_chemistry": "분석", "drug_discovery": "신약", "vaccines": "백신",
                  "omics": "유전체", "imaging": "이미징", "biomaterials": "소재", "nonclinical": "비임상",
                  "clinical": "임상", "laboratory_animals": "실험동물", "regulatory_affairs": "인허가",
                  "digital_health": "디지털"}
CHEONAN_ASAN = Layout("cheonan_asan", "csv", (
    Table("equipment", "equipment_list.csv", fmt("CA{:05d}"), (
        ("장비ID", own_id()), ("장비명", value("title.0")), ("영문명", value("title.1")),
        ("제조사", value("maker")), ("모델명", value("model")), ("취득일", on_date("acquired", "korean")),
        ("NFEC번호", nfec()), ("장비구분", word("eq_class", CLASS_KO)), ("분야", words("cats", CHEONAN_FIELDS)),
        ("공동활용", flag("shared", "가능")), ("이용요금", fee("won")), ("담당센터", value("centre.ko")),
        ("설치위치", value("location.0")), ("연관서비스", refs("service", "services", ",")),
        ("수정일", on_date("updated", "korean")),
    )),
    Table("service", "service_list.csv", fmt("CAS{:03d}"), (
        ("서비스ID", own_id()), ("서비스명", value("title.0")), ("분야", words("cats", CHEONAN_FIELDS)),
        ("서비스구분", word("service_type", TYPES_KO)), ("내용", value("summary.0")),
        ("소요기간(일)", value("days")), ("이용요금", fee("won")), ("인증", words("certs", CERTS)),
        ("담당센터", value("centre.ko")), ("연관장비", refs("equipment", "equipment", ",")),
        ("담당전문가", refs("expert", "experts", ",")), ("수정일", on_date("updated", "korean")),
    )),
    Table("expert", "expert_list.csv", fmt("CAP{:02d}"), (
        ("전문가ID", own_id()), ("성명", value("name.0")), ("소속", value("centre.ko")),
        ("직위", value("position.0")), ("전문분야", joined("expertise", ", ", 0)),
        ("보유기술", joined("techniques", ", ")), ("담당서비스", refs("service", "services", ",")),
    )),
), {"encoding": "cp949"})

CHUNGJU_FIELDS = {"nonclinical": "비임상", "vaccines": "백신", "biomaterials": "천연물", "laboratory_animals": "실험동물",
                  "analytical_chemistry": "분석", "drug_discovery": "신약", "manufacturing": "생산",
                  "cell_gene_therapy": "세포", "omics": "유전체", "imaging": "영상", "clinical": "임상",
                  "medical_devices": "의료기기", "regulatory_affairs": "인허가", "digital_health": "디지털"}
CHUNGJU = Layout("chungju", "csv", (
    Table("equipment", "chungju_equipment.csv", fmt("CJ-E-{:04d}"), (
        ("장비번호", own_id()), ("장비명", value("title.0")), ("제조사", value("maker")),
        ("모델명", value("model")), ("취득일자", on_date("acquired", "dotted")), ("NFEC", nfec()),
        ("분야", words("cats", CHUNGJU_FIELDS)), ("공동활용여부", flag("shared", "예")),
        ("이용료", fee("manwon")), ("담당부서", value("centre.ko")), ("관련서비스", refs("service", "services")),
    )),
    Table("service", "chungju_services.csv", fmt("CJ-S-{:03d}"), (
        ("서비스번호", own_id()), ("서비스명", value("title.0")), ("분야", words("cats", CHUNGJU_FIELDS)),
        ("유형", word("service_type", TYPES_KO)), ("규제등급", word("grade", {"glp": "GLP", "non_glp": "비GLP", "gmp": "GMP"})),
        ("서비스 설명", value("summary.0")), ("소요기간(일)", value("days")), ("이용료", fee("manwon")),
        ("담당부서", value("centre.ko")), ("사용장비", refs("equipment", "equipment")),
        ("전문가", refs("expert", "experts")), ("최종수정일", on_date("updated", "dotted")),
    )),
    Table("expert", "chungju_experts.csv", fmt("CJ-P-{:02d}"), (
        ("번호", own_id()), ("성명", value("name.0")), ("소속", value("centre.ko")), ("직위", value("position.0")),
        ("전문분야", joined("expertise", ", ", 0)), ("담당서비스", refs("service", "services")),
    )),
), {"encoding": "cp949"})

CHUNCHEON_FIELDS = {"biomaterials": "바이오소재", "drug_discovery": "천연물의약", "vaccines": "백신",
                    "cell_gene_therapy": "면역세포", "analytical_chemistry": "분석", "manufacturing": "생산",
                    "omics": "오믹스", "imaging": "이미징", "laboratory_animals": "동물실험", "nonclinical": "비임상",
                    "clinical": "임상", "medical_devices": "의료기기", "regulatory_affairs": "인허가",
                    "digital_health": "디지털"}
CHUNCHEON_HONGCHEON = Layout("chuncheon_hongcheon", "csv", (
    Table("equipment", "equipment.csv", fmt("CH-{:04d}"), (
        ("장비코드", own_id()), ("장비명", value("title.0")), ("영문장비명", value("title.1")),
        ("제조사", value("maker")), ("모델", value("model")), ("취득일자", on_date("acquired", "slash")),
        ("NFEC 등록번호", nfec()), ("분야", words("cats", CHUNCHEON_FIELDS)), ("공동활용", flag("shared", "OX")),
        ("이용료", fee("won", unit="suffix")), ("센터", value("centre.ko")), ("위치", value("location.0")),
        ("연계서비스", refs("service", "services")), ("최종수정", on_date("updated", "slash")),
    )),
    Table("service", "services.csv", fmt("CH-S{:03d}"), (
        ("서비스코드", own_id()), ("서비스명", value("title.0")), ("영문명", value("title.1")),
        ("분야", words("cats", CHUNCHEON_FIELDS)), ("유형", word("service_type", TYPES_KO)),
        ("개요", value("summary.0")), ("기간(일)", value("days")), ("이용료", fee("won", unit="suffix")),
        ("센터", value("centre.ko")), ("장비", refs("equipment", "equipment")),
        ("전문가", refs("expert", "experts")), ("최종수정", on_date("updated", "slash")),
    )),
    Table("expert", "experts.csv", fmt("CH-P{:02d}"), (
        ("코드", own_id()), ("성명", value("name.0")), ("영문성명", value("name.1")), ("센터", value("centre.ko")),
        ("직위", value("position.0")), ("전문분야", joined("expertise", ", ", 0)),
        ("기술", joined("techniques", ", ")), ("서비스", refs("service", "services")),
    )),
), {"encoding": "utf-8-sig"})

GWANGJU_FIELDS = {"medical_devices": "광의료기기", "imaging": "광영상", "biomaterials": "치과소재",
                  "analytical_chemistry": "분석", "clinical": "임상", "digital_health": "디지털",
                  "nonclinical": "비임상", "regulatory_affairs": "인허가", "drug_discovery": "신약",
                  "manufacturing": "생산", "cell_gene_therapy": "세포", "omics": "유전체",
                  "laboratory_animals": "실험동물", "vaccines": "백신"}
GWANGJU = Layout("gwangju", "csv", (
    Table("equipment", "gwangju_equipment.csv", fmt("GJ{:04d}"), (
        ("장비번호", own_id()), ("장비명", value("title.0")), ("제조사", value("maker")), ("모델명", value("model")),
        ("구입일자", on_date("acquired", "compact")), ("NFEC번호", nfec()), ("분야", words("cats", GWANGJU_FIELDS)),
        ("공동활용", flag("shared", "OX")), ("이용료", fee("manwon")), ("센터", value("centre.ko")),
        ("설치장소", value("location.0")), ("연계서비스", refs("service", "services")),
    )),
    Table("service", "gwangju_services.csv", fmt("GJS{:03d}"), (
        ("서비스번호", own_id()), ("서비스명", value("title.0")), ("분야", words("cats", GWANGJU_FIELDS)),
        ("구분", word("service_type", TYPES_KO)), ("내용", value("summary.0")), ("기간(일)", value("days")),
        ("수수료", fee("manwon")), ("인증", words("certs", CERTS)), ("센터", value("centre.ko")),
        ("장비", refs("equipment", "equipment")), ("담당", refs("expert", "experts")),
        ("수정일자", on_date("updated", "compact")),
    )),
    Table("expert", "gwangju_experts.csv", fmt("GJP{:02d}"), (
        ("번호", own_id()), ("성명", value("name.0")), ("센터", value("centre.ko")), ("직위", value("position.0")),
        ("전문분야", joined("expertise", ", ", 0)), ("담당서비스", refs("service", "services")),
    )),
), {"encoding": "cp949"})

YANGSAN_FIELDS = {"clinical": "임상시험", "medical_devices": "의료기기", "cell_gene_therapy": "재생의료",
                  "digital_health": "스마트헬스", "imaging": "의료영상", "analytical_chemistry": "분석",
                  "regulatory_affairs": "인허가", "drug_discovery": "신약", "manufacturing": "생산",
                  "omics": "유전체", "nonclinical": "비임상", "laboratory_animals": "실험동물",
                  "vaccines": "백신", "biomaterials": "소재"}
YANGSAN_GIMHAE = Layout("yangsan_gimhae", "csv", (
    Table("equipment", "ygh_equipment.csv", fmt("YG-E{:04d}"), (
        ("장비ID", own_id()), ("장비명", value("title.0")), ("영문명", value("title.1")), ("제조사", value("maker")),
        ("모델명", value("model")), ("취득일", on_date("acquired", "iso")), ("NFEC", nfec()),
        ("분야", words("cats", YANGSAN_FIELDS)), ("공동활용여부", flag("shared", "YN")), ("이용료", fee("manwon")),
        ("운영센터", value("centre.ko")), ("위치", value("location.0")), ("관련서비스", refs("service", "services")),
        ("상태", either("active", "정상", "유휴")),
    )),
    Table("service", "ygh_services.csv", fmt("YG-S{:03d}"), (
        ("서비스ID", own_id()), ("서비스명", value("title.0")), ("영문명", value("title.1")),
        ("분야", words("cats", YANGSAN_FIELDS)), ("서비스유형", word("service_type", TYPES_KO)),
        ("설명", value("summary.0")), ("기간(일)", value("days")), ("이용료", fee("manwon")),
        ("인증", words("certs", CERTS)), ("운영센터", value("centre.ko")),
        ("관련장비", refs("equipment", "equipment")), ("담당전문가", refs("expert", "experts")),
        ("수정일", on_date("updated", "iso")),
    )),
    Table("expert", "ygh_experts.csv", fmt("YG-P{:02d}"), (
        ("전문가ID", own_id()), ("성명", value("name.0")), ("영문성명", value("name.1")),
        ("소속", value("centre.ko")), ("직위", value("position.0")), ("전문분야", joined("expertise", ", ", 0)),
        ("보유기술", joined("techniques", ", ")), ("언어", words("languages", LANG_KO)),
        ("담당서비스", refs("service", "services")),
    )),
), {"encoding": "utf-8-sig"})

ULSAN_FIELDS = {"omics": "게놈", "digital_health": "바이오헬스데이터", "analytical_chemistry": "분석",
                "clinical": "정밀의료", "drug_discovery": "신약", "cell_gene_therapy": "세포",
                "imaging": "이미징", "manufacturing": "생산", "laboratory_animals": "실험동물",
                "nonclinical": "비임상", "medical_devices": "의료기기", "vaccines": "백신",
                "biomaterials": "소재", "regulatory_affairs": "인허가"}
ULSAN = Layout("ulsan", "csv", (
    Table("equipment", "ulsan_equipment.csv", fmt("US-E{:03d}"), (
        ("장비번호", own_id()), ("장비명", value("title.0")), ("제조사", value("maker")), ("모델명", value("model")),
        ("취득일", on_date("acquired", "dotted_short")), ("NFEC등록번호", nfec()),
        ("분야", words("cats", ULSAN_FIELDS)), ("공동활용", flag("shared", "가능능")), ("이용료", fee("won")),
        ("설치장소", value("location.0")), ("관련서비스", refs("service", "services")),
    )),
    Table("service", "ulsan_services.csv", fmt("US-S{:03d}"), (
        ("서비스번호", own_id()), ("서비스명", value("title.0")), ("영문명", value("title.1")),
        ("분야", words("cats", ULSAN_FIELDS)), ("유형", word("service_type", TYPES_KO)),
        ("설명", value("summary.0")), ("기간(일)", value("days")), ("이용료", fee("won")),
        ("시료조건", value("samples.0")), ("결과물", value("deliverables.0")),
        ("관련장비", refs("equipment", "equipment")), ("담당", refs("expert", "experts")),
        ("수정일", on_date("updated", "dotted_short")),
    )),
    Table("expert", "ulsan_experts.csv", fmt("US-P{:02d}"), (
        ("번호", own_id()), ("성명", value("name.0")), ("영문성명", value("name.1")), ("직위", value("position.0")),
        ("전문분야", joined("expertise", ", ", 0)), ("기술", joined("techniques", ", ")),
        ("언어", words("languages", LANG_KO)), ("담당서비스", refs("service", "services")),
    )),
), {"encoding": "utf-8"})

LAYOUTS = (PANGYO, CHEONAN_ASAN, CHUNGJU, CHUNCHEON_HONGCHEON, GWANGJU, YANGSAN_GIMHAE, ULSAN)
