"""The conformance corpus: realistic listings of five clusters, written out by hand."""
from __future__ import annotations

from datetime import datetime, timedelta

from clusterhub.catalog.listings import visibility
from clusterhub.catalog.models import ListingFlags
from clusterhub.search.document import index_document

REGION = {"kmedihub": "daegu", "kbiohealth": "chungbuk", "songdo_siheung": "incheon",
          "daedeok": "daejeon", "wonju": "gangwon"}
CENTER = {
    "kmedihub": {"ko": "신약개발지원센터", "en": "New Drug Development Support Center"},
    "kbiohealth": {"ko": "비임상지원센터", "en": "Non-clinical Support Center"},
    "songdo_siheung": {"ko": "바이오공정센터", "en": "Bioprocess Center"},
    "daedeok": {"ko": "공동기기원", "en": "Core Facility"},
    "wonju": {"ko": "의료기기종합지원센터", "en": "Medical Device Support Center"},
}


def _doc(kind, cluster, sid, title, summary=None, description=None, categories=(), **extra):
    doc = {"kind": kind, "source_id": sid, "cluster": cluster, "region": REGION[cluster],
           "center": extra.pop("center", CENTER[cluster]),
           "title": title, "categories": list(categories)}
    if summary:
        doc["summary"] = summary
    if description:
        doc["description"] = description
    doc.update(extra)
    return doc


def ko_en(ko, en):
    return {"ko": ko, "en": en}


# (listing document, status, hidden)
LISTINGS = [
    (_doc("equipment", "kmedihub", "EQ-001", ko_en("질량분석기 (Orbitrap Exploris 480)", "Mass spectrometer (Orbitrap Exploris 480)"),
          ko_en("고분해능 질량분석기로 단백질과 대사체를 분석합니다", "High-resolution Orbitrap mass spectrometer for proteins and metabolites"),
          ko_en("나노 LC와 연결된 질량분석기입니다.", "Coupled to a nano LC system."),
          ("analytical_chemistry", "omics"), keywords=["LC-MS/MS", "proteomics"], manufacturer="Thermo Fisher",
          model="Orbitrap Exploris 480", year_acquired=2021, nfec_no="NFEC-2021-03-000101", equipment_class="EQ0002",
          sharing_scope="shared", fee={"model": "fixed", "min_krw": 50000, "max_krw": 150000},
          booking={"mode": "operator_assisted", "lead_time_days": 7}, source_updated_at="2024-05-02"), "active", False),
    (_doc("equipment", "kbiohealth", "EQ-002", ko_en("삼중사중극자 LC-MS/MS (Triple Quad 6500+)", "Triple quadrupole LC-MS/MS (Triple Quad 6500+)"),
          ko_en("약물 농도 정량에 쓰는 장비", "Quantifies drug levels in plasma"), None,
          ("analytical_chemistry", "nonclinical"), keywords=["정량분석"], manufacturer="Sciex", model="Triple Quad 6500+",
          year_acquired=2019, equipment_class="EQ0002", sharing_scope="shared", certifications=["glp"],
          fee={"model": "fixed", "min_krw": 80000, "max_krw": 200000}, booking={"mode": "operator_assisted", "lead_time_days": 14},
          source_updated_at="2023-11-20"), "active", False),
    (_doc("equipment", "daedeok", "EQ-003", ko_en("유세포분석기 (FACSCanto II)", "Flow cytometer (FACSCanto II)"),
          ko_en("8색 형광 유세포분석기", "Eight-colour fluorescence cytometer, not for imaging"), None, ("cell_gene_therapy",),
          keywords=["FACS", "면역표현형"], manufacturer="BD", model="FACSCanto II", year_acquired=2015,
          equipment_class="EQ0004", sharing_scope="shared", fee={"model": "free"},
          booking={"mode": "self_use", "lead_time_days": 2}, source_updated_at="2022-08-15"), "active", False),
    (_doc("equipment", "songdo_siheung", "EQ-004", ko_en("공초점현미경 (LSM 980)", "Confocal microscope (Zeiss LSM 980)"),
          ko_en("생세포 형광 영상", "Live-cell fluorescence imaging"), None, ("imaging",),
          manufacturer="Zeiss", model="LSM 980", year_acquired=2022, equipment_class="EQ0001", sharing_scope="shared",
          fee={"model": "fixed", "min_krw": 30000, "max_krw": 60000}, booking={"mode": "self_use", "lead_time_days": 3},
          source_updated_at="2024-02-10"), "active", False),
    (_doc("equipment", "wonju", "EQ-005", ko_en("핵자기공명분광기 (Avance NEO 600)", "NMR spectrometer (Avance NEO 600)"),
          ko_en("600 MHz 구조 분석", "600 MHz structure analysis"), None, ("analytical_chemistry", "drug_discovery"),
          manufacturer="Bruker", model="Avance NEO 600", year_acquired=2018, equipment_class="EQ0002",
          sharing_scope="exclusive", fee={"model": "quote"}, booking={"mode": "consult"}), "active", False),
    (_doc("equipment", "kmedihub", "EQ-006", ko_en("차세대염기서열분석기 (NovaSeq 6000)", "Next-generation sequencer (NovaSeq 6000)"),
          ko_en("대용량 유전체 분석", "High-throughput genome sequencing"), None, ("omics",), keywords=["NGS"],
          manufacturer="Illumina", model="NovaSeq 6000", year_acquired=2020, equipment_class="EQ0004",
          sharing_scope="shared", fee={"model": "quote"}, booking={"mode": "operator_assisted", "lead_time_days": 21},
          source_updated_at="2025-01-08"), "active", False),
    (_doc("equipment", "kbiohealth", "EQ-007", ko_en("동물용 MRI (BioSpec 94/30)", "Preclinical MRI (BioSpec 94/30)"),
          ko_en("소동물 영상 평가", "Small-animal imaging"), None, ("imaging", "laboratory_animals"),
          manufacturer="Bruker", model="BioSpec 94/30", year_acquired=2017, equipment_class="EQ0007", certifications=["aaalac"],
          sharing_scope="shared", fee={"model": "fixed", "min_krw": 300000, "max_krw": 500000},
          booking={"mode": "operator_assisted", "lead_time_days": 30}), "active", False),
    (_doc("equipment", "kmedihub", "EQ-008", ko_en("전자파 시험설비", "EMC test chamber"),
          ko_en("의료기기 전자파 내성 시험용 챔버", "Chamber for immunity testing of medical devices"), None, ("medical_devices",),
          keywords=["EMC"], manufacturer="ETS-Lindgren", model="FACT 3", year_acquired=2016, equipment_class="EQ0005",
          center=ko_en("첨단의료기기개발지원센터", "Medical Device Development Center"), sharing_scope="shared",
          certifications=["kolas"], fee={"model": "quote"}, booking={"mode": "consult"}), "active", False),
    (_doc("equipment", "daedeok", "EQ-009", ko_en("투과전자현미경 (JEM-2100F)", "Transmission electron microscope (JEM-2100F)"),
          ko_en("나노입자 구조 관찰", "Imaging of nanoparticles"), None, ("imaging", "biomaterials"), manufacturer="JEOL",
          model="JEM-2100F", year_acquired=2012, equipment_class="EQ0001", sharing_scope="shared",
          fee={"model": "fixed", "min_krw": 120000, "max_krw": 120000}, booking={"mode": "operator_assisted", "lead_time_days": 10},
          source_updated_at="2021-06-30"), "active", False),
    (_doc("equipment", "wonju", "EQ-010", ko_en("3차원 프린터 (J850)", "3D printer (Stratasys J850)"),
          ko_en("의료기기 시제품 제작", "Prototypes of medical devices"), None, ("medical_devices",), manufacturer="Stratasys",
          model="J850", year_acquired=2023, equipment_class="EQ0006", sharing_scope="shared",
          fee={"model": "fixed", "min_krw": 20000, "max_krw": 90000}, booking={"mode": "self_use", "lead_time_days": 1}), "active", False),
    (_doc("service", "kbiohealth", "SV-001", ko_en("반복투여독성시험", "Repeated-dose toxicity study"),
          ko_en("설치류 4주·13주 반복투여", "4- and 13-week studies in rodents"),
          ko_en("GLP 기준에 따라 수행하며 조직병리 판독을 포함합니다.", "Run under GLP with histopathology."),
          ("nonclinical",), service_type="testing", regulatory_grade="glp", certifications=["glp", "aaalac"],
          turnaround_days=90, fee={"model": "quote"}, booking={"mode": "consult"}, source_updated_at="2024-09-01"), "active", False),
    (_doc("service", "kmedihub", "SV-002", ko_en("단회투여 독성 평가", "Single-dose toxicity test"),
          ko_en("랫드 급성 독성", "Acute toxicity in rats"),
          ko_en("시험물질을 한 번 투여하고 2주간 관찰합니다.", "A study of acute toxicity: one dose, two weeks of observation."),
          ("nonclinical",), service_type="testing", regulatory_grade="glp", certifications=["glp"], turnaround_days=30,
          fee={"model": "fixed", "min_krw": 5000000, "max_krw": 9000000}, booking={"mode": "consult"},
          source_updated_at="2023-03-15"), "active", False),
    (_doc("service", "kmedihub", "SV-003", ko_en("약동학 분석", "Pharmacokinetic analysis"),
          ko_en("혈중 약물 농도 분석과 PK 파라미터 산출", "Plasma concentrations and PK parameters"),
          ko_en("LC-MS/MS로 혈장 시료를 정량합니다.", "Plasma samples quantified by LC-MS/MS."),
          ("nonclinical", "drug_discovery"), service_type="analysis", regulatory_grade="non_glp", turnaround_days=21,
          fee={"model": "fixed", "min_krw": 1500000, "max_krw": 3000000}, booking={"mode": "consult"},
          source_updated_at="2024-11-11"), "active", False),
    (_doc("service", "kbiohealth", "SV-004", ko_en("유세포분석 서비스", "Flow cytometry service"),
          ko_en("면역세포 표현형 분석", "Immunophenotyping"), None, ("cell_gene_therapy",), service_type="analysis",
          turnaround_days=7, fee={"model": "fixed", "min_krw": 40000, "max_krw": 80000},
          booking={"mode": "operator_assisted", "lead_time_days": 5}), "active", False),
    (_doc("service", "kmedihub", "SV-005", ko_en("후보물질 효력평가", "Efficacy evaluation of candidates"),
          ko_en("질환동물모델에서 효력을 평가합니다", "In disease models"), None, ("drug_discovery",),
          service_type="evaluation", turnaround_days=60, fee={"model": "quote"}, booking={"mode": "consult"},
          source_updated_at="2024-07-07"), "active", False),
    (_doc("service", "songdo_siheung", "SV-006", ko_en("GMP 위탁생산", "GMP contract manufacturing"),
          ko_en("임상시료 생산", "Clinical supplies"), ko_en("200 L 바이오리액터 2기 운영", "Two 200 L bioreactors."),
          ("manufacturing",), service_type="manufacturing", regulatory_grade="gmp", certifications=["gmp"],
          turnaround_days=120, fee={"model": "quote"}, booking={"mode": "consult"}, source_updated_at="2025-02-01"), "active", False),
    (_doc("service", "kmedihub", "SV-007", ko_en("의료기기 전자파적합성 시험", "Electromagnetic compatibility testing of medical devices"),
          ko_en("IEC 60601-1-2 시험", "Tests to IEC 60601-1-2"), None, ("medical_devices",), service_type="testing",
          center=ko_en("첨단의료기기개발지원센터", "Medical Device Development Center"), certifications=["kolas", "iso17025"],
          turnaround_days=14, fee={"model": "fixed", "min_krw": 2000000, "max_krw": 4000000},
          booking={"mode": "consult"}), "active", False),
    (_doc("service", "wonju", "SV-008", ko_en("생물학적 안전성 평가", "Biocompatibility evaluation"),
          ko_en("ISO 10993 세포독성 등", "ISO 10993 cytotoxicity and more"), None, ("medical_devices",),
          service_type="evaluation", certifications=["kolas"], turnaround_days=45, fee={"model": "quote"},
          booking={"mode": "consult"}, source_updated_at="2023-12-01"), "active", False),
    (_doc("service", "daedeok", "SV-009", ko_en("단백질 구조 분석", "Protein structure analysis"),
          ko_en("NMR과 X선 결정학", "By NMR and X-ray crystallography"), None, ("drug_discovery",), service_type="analysis",
          turnaround_days=40, fee={"model": "quote"}, booking={"mode": "consult"}), "active", False),
    (_doc("service", "kbiohealth", "SV-010", ko_en("R&D·인허가 컨설팅", "R&D and regulatory consulting"),
          ko_en("IND 준비 <무료> 상담", "Free <IND> preparation advice"), None, ("regulatory_affairs",),
          service_type="consulting", fee={"model": "free"}, booking={"mode": "consult"}), "active", False),
    (_doc("service", "kmedihub", "SV-011", ko_en("실험동물 교육", "Laboratory animal training"),
          ko_en("동물실험 기본 교육", "Basic course"), None, ("laboratory_animals",), service_type="training",
          turnaround_days=3, fee={"model": "fixed", "min_krw": 100000, "max_krw": 100000},
          booking={"mode": "self_use", "lead_time_days": 14}), "active", False),
    (_doc("service", "daedeok", "SV-012", ko_en("차세대 염기서열 분석 서비스", "Sequencing service"),
          ko_en("전장 유전체와 RNA 분석", "Whole genomes and RNA"), None, ("omics",), service_type="analysis",
          turnaround_days=28, fee={"model": "quote"}, booking={"mode": "consult"}, source_updated_at="2024-10-10"), "active", False),
    (_doc("expert", "kmedihub", "EX-001", ko_en("독성병리 전문가", "Toxicologic pathology expert"), None,
          ko_en("랫드와 비글견의 독성 시험을 20년간 수행했습니다.", "Twenty years of studies in rats and dogs."),
          ("nonclinical",), name={"ko": "김민준", "en": "Minjun Kim"}, position=ko_en("책임연구원", "Principal researcher"),
          techniques=["histopathology"], languages=["ko", "en"]), "active", False),
    (_doc("expert", "kbiohealth", "EX-002", ko_en("단백체 분석 전문가", "Proteomics expert"), None, None, ("omics",),
          name={"ko": "이서연", "en": "Seoyeon Lee"}, techniques=["LC-MS/MS", "Orbitrap"], languages=["ko", "en", "ja"]),
          "active", False),
    (_doc("expert", "daedeok", "EX-003", ko_en("세포치료제 공정개발 전문가", "Cell therapy process expert"), None, None,
          ("cell_gene_therapy",), name={"ko": "박지훈"}, techniques=["FACS"], languages=["ko"]), "active", False),
    (_doc("expert", "songdo_siheung", "EX-004", ko_en("의료기기 인허가 전문가", "Medical device approval expert"), None, None,
          ("regulatory_affairs", "medical_devices"), name={"ko": "최하은"}, languages=["ko", "zh"]), "active", False),
    # Never shown: hidden by a curator, withdrawn at the source, inactive.
    (_doc("equipment", "kmedihub", "EQ-900", ko_en("질량분석기 (Q Exactive HF)", "Mass spectrometer (Q Exactive HF)"), None, None,
          ("omics",), keywords=["LC-MS/MS"], model="Q Exactive HF", year_acquired=2016, fee={"model": "free"}), "active", True),
    (_doc("service", "kbiohealth", "SV-900", ko_en("독성시험 (종료)", "Toxicity testing (closed)"), None, None,
          ("nonclinical",), service_type="testing", regulatory_grade="glp", certifications=["glp"]), "withdrawn", False),
    (_doc("equipment", "wonju", "EQ-901", ko_en("공초점현미경 (구형)", "Confocal microscope (old)"), None, None,
          ("imaging",), year_acquired=2005, status="inactive"), "inactive", False),
]

# Thirty CO2 incubators spread evenly over the five clusters: easy counts for facets and paging.
_CLUSTERS = list(REGION)
for n in range(30):
    cluster = _CLUSTERS[n % 5]
    LISTINGS.append((_doc(
        "equipment", cluster, f"INC-{n:02d}", ko_en(f"CO2 세포배양기 {n:02d}", f"CO2 incubator {n:02d}"),
        ko_en("동물세포 배양용", "For mammalian cell culture"), None, ("cell_gene_therapy",) if n % 3 else ("manufacturing",),
        manufacturer="Eppendorf" if n % 2 else "Thermo Fisher", model="CellXpert C170" if n % 2 else "Heracell VIOS 160i",
        year_acquired=2010 + n % 10, equipment_class="EQ0004", sharing_scope="shared" if n % 4 else "exclusive",
        certifications=["iso9001"] if n % 5 == 0 else [],
        fee={"model": "fixed", "min_krw": 10000 * (n + 1), "max_krw": 10000 * (n + 1) + 5000},
        booking={"mode": "self_use", "lead_time_days": n % 7}), "active", False))

BASE_TIME = datetime(2025, 1, 1, 9, 0, 0)


def index_docs() -> list[dict]:
    """The index documents, with distinct updated_at times one day apart; the first is featured."""
    out = []
    for i, (doc, status, hidden) in enumerate(LISTINGS):
        gid = f"{doc['cluster']}:{doc['kind']}:{doc['source_id']}"
        flags = ListingFlags(listing_id=gid, hidden=hidden)
        out.append(index_document(gid, doc, status=status, visibility=visibility(status, flags),
                                  updated_at=BASE_TIME + timedelta(days=i, minutes=7 * i),
                                  featured=i == 0))
    return out
