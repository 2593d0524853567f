"""The plan of the demo federation: each cluster's centres, their domains and sizes, and flaws."""
# The two advanced medical complexes follow the 5th master plan: Daegu offers 102 kinds of service
# and Osong 216, and together they hold about 5,900 pieces of equipment. The other clusters are
# smaller and their centre names are illustrative, not the clusters' real organisation charts.
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CentrePlan:
    """A centre: its services per domain, equipment and expert counts, and its building."""

    ko: str
    en: str
    services: dict[str, int]      # domain -> number of services (0 still steers the equipment mix)
    equipment: int
    experts: int
    building: tuple[str, str]


@dataclass(frozen=True)
class ClusterPlan:
    code: str
    centres: tuple[CentrePlan, ...]
    # (kind, flaw): deliberately broken records, so a sync's per-record issues show something.
    flaws: tuple[tuple[str, str], ...] = ()
    registered: bool = False      # every piece of equipment has a ZEUS number (ZEUS sources)


def C(ko, en, services, equipment, experts, building=("연구동", "Research Building")):
    return CentrePlan(ko, en, services, equipment, experts, building)


PLANS: tuple[ClusterPlan, ...] = (
    ClusterPlan("kmedihub", (
        C("신약개발지원센터", "New Drug Development Center", {"drug": 28}, 900, 12,
          ("신약개발지원센터동", "New Drug Development Center Bldg.")),
        C("첨단의료기기개발지원센터", "Medical Device Development Center", {"device": 30}, 700, 12,
          ("첨단의료기기개발지원센터동", "Medical Device Development Center Bldg.")),
        C("실험동물센터", "Laboratory Animal Center", {"nonclinical": 22}, 400, 9,
          ("실험동물센터동", "Laboratory Animal Center Bldg.")),
        # The master plan's smart factory is the production centre's: 6 of its 22 services.
        C("의약생산센터", "Pharmaceutical Production Center", {"production": 16, "smartfactory": 6}, 500, 9,
          ("의약생산센터동", "Pharmaceutical Production Center Bldg.")),
    ), flaws=(("equipment", "unknown_category"), ("equipment", "bad_date"),
              ("service", "unknown_category"))),
    ClusterPlan("kbiohealth", (
        # Clinical trials (the plan's example ends in one at Osong) through the drug centre: 8 of 56.
        C("신약개발지원센터", "New Drug Development Center", {"drug": 48, "trials": 8}, 1100, 15,
          ("신약개발지원센터", "New Drug Development Center")),
        C("첨단의료기기개발지원센터", "Medical Device Development Center", {"device": 56}, 900, 14,
          ("첨단의료기기개발지원센터", "Medical Device Development Center")),
        C("비임상지원센터", "Non-clinical Support Center", {"nonclinical": 52}, 700, 14,
          ("비임상지원센터", "Non-clinical Support Center")),
        C("바이오의약생산센터", "Biopharmaceutical Production Center", {"production": 52}, 700, 13,
          ("바이오의약생산센터", "Biopharmaceutical Production Center")),
    ), flaws=(("equipment", "bad_nfec"), ("equipment", "unknown_category"),
              ("service", "missing_title"))),
    ClusterPlan("songdo_siheung", (
        C("바이오공정지원센터", "Bioprocess Support Center", {"production": 22}, 250, 12),
        C("바이오의약품 분석센터", "Biologics Analytics Center", {"omics": 10, "cell": 8}, 170, 13),
    )),
    ClusterPlan("pangyo", (
        C("디지털헬스 혁신센터", "Digital Health Innovation Center", {"digital": 7, "device": 6}, 90, 18),
        C("바이오 데이터 분석실", "Bio Data Analytics Lab", {"omics": 8, "clinical": 4}, 60, 12),
    )),
    ClusterPlan("hongneung", (
        C("임상연구 지원센터", "Clinical Research Support Center", {"clinical": 5, "digital": 5}, 70, 15),
        C("바이오의료 연구지원센터", "Biomedical Research Support Center",
          {"drug": 10, "omics": 5, "cell": 5}, 150, 20),
    )),
    ClusterPlan("daedeok", (
        C("대덕특구 바이오 공동장비센터", "Daedeok Bio Core Facility",
          {"omics": 0, "imaging": 0, "drug": 0}, 450, 0),
        C("대전 바이오헬스 융합연구원", "Daejeon Bio-Health Convergence Institute",
          {"drug": 0, "cell": 0, "production": 0}, 350, 0),
    ), flaws=(("equipment", "bad_scope"),), registered=True),
    ClusterPlan("cheonan_asan", (
        C("재생의료 지원센터", "Regenerative Medicine Support Center", {"cell": 10, "production": 6}, 140, 8),
        C("의료기기 시험지원실", "Medical Device Testing Lab", {"device": 4}, 60, 4),
    ), flaws=(("equipment", "bad_date"),)),
    ClusterPlan("sejong", (
        C("바이오헬스 규제과학센터", "Bio-Health Regulatory Science Center",
          {"clinical": 4, "device": 3, "drug": 3}, 60, 6),
        C("디지털헬스 실증센터", "Digital Health Testbed", {"digital": 5}, 60, 4),
    )),
    ClusterPlan("chungju", (
        C("바이오헬스 비임상센터", "Bio-Health Non-clinical Center", {"nonclinical": 8, "vaccine": 4}, 100, 6),
        C("천연물 소재 분석실", "Natural Materials Analysis Lab", {"natural": 6}, 60, 4),
    )),
    ClusterPlan("wonju", (
        C("의료기기 시험평가센터", "Medical Device Testing Center", {"device": 30}, 260, 13),
        C("의료기기 사업화지원센터", "Medical Device Commercialisation Center",
          {"device": 10, "digital": 5}, 120, 7),
    )),
    ClusterPlan("chuncheon_hongcheon", (
        C("바이오소재 지원센터", "Biomaterials Support Center", {"natural": 8, "drug": 6}, 120, 7),
        C("백신·면역 연구지원실", "Vaccine and Immunology Lab", {"vaccine": 4, "cell": 4}, 70, 5),
    )),
    ClusterPlan("hwasun", (
        C("백신 시험생산센터", "Vaccine Pilot Production Center", {"vaccine": 11}, 130, 7),
        C("면역세포치료 지원센터", "Immune Cell Therapy Support Center", {"cell": 8}, 70, 4),
        C("백신 비임상 평가실", "Vaccine Non-clinical Lab", {"nonclinical": 9}, 60, 4),
    ), flaws=(("equipment", "bad_flag"),)),
    ClusterPlan("andong", (
        C("백신 공정개발센터", "Vaccine Process Development Center", {"vaccine": 8, "production": 8}, 130, 7),
        C("천연물 분석지원실", "Natural Product Analysis Lab", {"natural": 4}, 50, 3),
    )),
    ClusterPlan("pohang", (
        C("포항 구조생물학 공동연구센터", "Pohang Structural Biology Core", {"imaging": 0, "drug": 0}, 250, 0),
        C("포항 바이오소재 분석센터", "Pohang Biomaterials Analysis Center", {"natural": 0, "omics": 0}, 200, 0),
    ), flaws=(("equipment", "bad_nfec"),), registered=True),
    ClusterPlan("busan", (
        C("해양바이오 소재센터", "Marine Bio-Materials Center", {"natural": 8}, 90, 5),
        C("의료기기 임상지원센터", "Medical Device Clinical Support Center",
          {"device": 10, "clinical": 3, "digital": 3}, 140, 9),
    )),
    ClusterPlan("gwangju", (
        C("광의료기기 지원센터", "Optical Medical Device Center", {"device": 14, "imaging": 4}, 150, 7),
        C("치과의료기기 지원센터", "Dental Device Center", {"device": 6, "natural": 2}, 90, 5),
    ), flaws=(("service", "bad_fee"),)),
    ClusterPlan("jeonbuk", (
        C("실험동물 자원센터", "Laboratory Animal Resource Center", {"nonclinical": 10}, 100, 6),
        C("농생명 바이오소재센터", "Agri-Bio Materials Center", {"natural": 8, "vaccine": 4}, 100, 6),
    )),
    ClusterPlan("yangsan_gimhae", (
        C("임상시험 지원센터", "Clinical Trial Support Center", {"clinical": 5, "cell": 5}, 80, 8),
        C("의생명 융합 의료기기센터", "Biomedical Device Convergence Center", {"device": 10, "digital": 4}, 130, 8),
    )),
    ClusterPlan("ulsan", (
        C("게놈 서비스센터", "Genome Service Center", {"omics": 12, "digital": 4}, 170, 10),
    )),
    ClusterPlan("jeju", (
        C("제주 바이오소재 분석센터", "Jeju Biomaterials Analysis Center", {"natural": 10, "omics": 4}, 110, 8),
    )),
)

BY_CODE = {p.code: p for p in PLANS}
