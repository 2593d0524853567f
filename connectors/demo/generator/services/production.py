"""Manufacturing services (의약생산센터 / 바이오의약생산센터): QbD, GMP production, QC."""
from __future__ import annotations

from . import REPORT, T

BATCH = ("GMP 배치 기록서 및 시험성적서", "GMP batch record and certificate of analysis")

TEMPLATES = (
    T("qbd", "production", "QbD 기반 공정 개발: {v}", "QbD process development: {v}",
      "저분자 원료의약품 합성 공정=small-molecule API synthesis|경구 고형제 제형=oral solid dosage"
      "|주사제 제형=injectable formulation|항체 배양 공정=antibody cell culture|항체 정제 공정=antibody purification",
      "consulting", None, (60, 180), None, "reactor granulator bioreactor akta hplc", "manufacturing",
      "설계기반 품질고도화(QbD) 원칙에 따라 {v|을} 개발합니다. 위험 평가와 실험계획법(DoE)으로 설계 공간을 설정합니다.",
      "{v} developed by QbD, with risk assessment and DoE to set the design space.",
      ("공정 개발 보고서", "Process development report")),
    T("api", "production", "원료의약품(API) GMP 생산: {v}", "GMP API production: {v}",
      "임상 1상 시료=phase 1 clinical supply|비임상 독성 시료=toxicology batches|공정 스케일업=scale-up",
      "manufacturing", "gmp", (60, 150), (80_000_000, 450_000_000), "reactor prep hplc gcms", "manufacturing",
      "GMP 시설에서 원료의약품 {v|을} 생산하고 품질시험을 수행하여 출하합니다.",
      "GMP manufacture of API for {v}, released after QC testing.", BATCH, None, "gmp"),
    T("inject", "production", "주사제 GMP 생산: {v}", "GMP injectable production: {v}",
      "바이알 액상 주사제=liquid vials|동결건조 주사제=lyophilised vials|프리필드 시린지=prefilled syringes",
      "manufacturing", "gmp", (45, 120), (100_000_000, 600_000_000), "fillfinish isolator lyo",
      "manufacturing", "무균 충전 라인에서 {v|을} GMP 기준으로 생산합니다.",
      "GMP aseptic manufacture of {v}.", BATCH, None, "gmp"),
    T("oral", "production", "경구제 GMP 생산: {v}", "GMP oral dosage production: {v}",
      "정제=tablets|캡슐제=capsules|과립제=granules", "manufacturing", "gmp", (45, 90),
      (30_000_000, 150_000_000), "tablet granulator dissolution", "manufacturing",
      "{v|을} 임상시료 규모로 GMP 생산합니다.", "GMP manufacture of {v} at clinical scale.", BATCH,
      None, "gmp"),
    T("cellline", "production", "생산 세포주 개발: {v}", "Cell line development: {v}",
      "CHO 세포주 구축=CHO cell line construction|세포은행(MCB/WCB) 구축=cell banking (MCB/WCB)"
      "|세포주 안정성 평가=cell line stability", "manufacturing", None, (90, 180), None,
      "bioreactor cellcounter sorter", "manufacturing", "바이오의약품 생산을 위한 {v|을} 수행합니다.",
      "{v} for biologics manufacture.", REPORT),
    T("usp", "production", "배양 공정 개발: {v}", "Upstream process development: {v}",
      "유가식 배양 최적화=fed-batch optimisation|관류 배양=perfusion culture|배지 최적화=media optimisation"
      "|200 L 스케일업=200 L scale-up", "consulting", None, (60, 120), None, "bioreactor metabolite cellcounter",
      "manufacturing", "생물반응기를 이용한 {v|을} 통해 생산성과 품질 특성을 개선합니다.",
      "{v} in bioreactors to raise titre and control quality.", ("공정 개발 보고서", "Process development report")),
    T("dsp", "production", "정제 공정 개발: {v}", "Downstream process development: {v}",
      "Protein A 크로마토그래피=Protein A chromatography|바이러스 불활화·제거=viral inactivation and clearance"
      "|한외여과·투석여과=ultrafiltration/diafiltration", "consulting", None, (45, 120), None,
      "akta tff", "manufacturing", "{v} 단계를 설계하고 수율과 불순물 제거율을 평가합니다.",
      "{v} step design with yield and impurity clearance.", ("공정 개발 보고서", "Process development report")),
    T("qc", "production", "품질관리 시험: {v}", "QC testing: {v}",
      "순도 분석 (SEC-HPLC)=purity (SEC-HPLC)|전하 변이체 분석 (icIEF)=charge variants (icIEF)|당쇄 분석=glycan analysis"
      "|잔류 숙주세포 단백질 (HCP)=host-cell protein (HCP)|엔도톡신=endotoxin|무균시험=sterility"
      "|원소불순물 (ICP-MS)=elemental impurities (ICP-MS)|잔류용매 (GC)=residual solvents (GC)",
      "testing", "gmp", (7, 21), (300_000, 3_000_000), "hplc uplc ce icpms gcms", "manufacturing analytical_chemistry",
      "GMP 품질관리 기준에 따라 {v} 시험을 수행하고 시험성적서를 발급합니다.",
      "GMP QC testing for {v} with a certificate of analysis.", ("시험성적서", "Certificate of analysis"),
      ("시험 시료 및 표준품", "Samples and reference standards"), "gmp mfds_lab"),
    T("stab", "production", "안정성 시험 (ICH Q1A): {v}", "Stability testing (ICH Q1A): {v}",
      "장기보존=long-term|가속=accelerated|가혹=stress|광안정성 (ICH Q1B)=photostability (ICH Q1B)",
      "testing", "gmp", (90, 730), (5_000_000, 40_000_000), "stability hplc", "manufacturing",
      "ICH 조건에서 {v} 안정성 시험을 수행하여 유효기간 설정을 지원합니다.",
      "{v} stability studies under ICH conditions.", ("안정성 시험 보고서", "Stability report"), None, "gmp"),
    T("method", "production", "분석법 개발·밸리데이션: {v}", "Analytical method development and validation: {v}",
      "HPLC 순도 시험법=HPLC purity method|생물학적 역가 시험법=potency bioassay|용출 시험법=dissolution method",
      "analysis", "gmp", (30, 90), (5_000_000, 25_000_000), "hplc uplc reader dissolution",
      "manufacturing analytical_chemistry", "{v|을} 개발하고 ICH Q2(R2)에 따라 밸리데이션합니다.",
      "{v} developed and validated to ICH Q2(R2).", ("밸리데이션 보고서", "Validation report"), None, "gmp"),
    T("transfer", "production", "GMP 컨설팅: {v}", "GMP consulting: {v}",
      "기술이전=technology transfer|GMP 문서 체계 구축=GMP documentation|밸리데이션 마스터 플랜=validation master plan",
      "consulting", "gmp", (30, 90), None, "", "manufacturing regulatory_affairs",
      "의약품 생산 시설의 {v|을} 지원합니다.", "Support with {v}.", ("컨설팅 보고서", "Consulting report")),
    T("gmpedu", "production", "GMP 실무 교육: {v}", "GMP training: {v}",
      "GMP 기초=GMP fundamentals|무균 공정 실무=aseptic processing|데이터 완전성=data integrity",
      "training", None, (1, 5), (100_000, 600_000), "", "manufacturing",
      "{v} 과정을 이론과 실습으로 운영합니다.", "{v} course with lectures and practice.",
      ("수료증", "Certificate of completion")),
    T("label", "production", "임상시료 {v}", "Clinical supplies: {v}",
      "포장·표시=packaging and labelling", "manufacturing", "gmp", (14, 30), None, "", "manufacturing clinical",
      "임상시험용 의약품의 {v|을} GMP 기준으로 수행합니다.", "GMP {v} of investigational products.",
      BATCH, None, "gmp"),
    T("lyodev", "production", "동결건조 {v}", "Lyophilisation {v}",
      "사이클 개발=cycle development|제형 스크리닝=formulation screening", "consulting", None, (30, 60),
      (10_000_000, 40_000_000), "lyo dls", "manufacturing", "동결건조 {v|을} 통해 제품 안정성을 확보합니다.",
      "Lyophilisation {v} for a stable product.", REPORT),
    T("similar", "production", "바이오의약품 특성 분석: {v}", "Biologics characterisation: {v}",
      "고차구조 분석=higher-order structure|비교 동등성 분석=comparability and biosimilarity",
      "analysis", None, (30, 60), (10_000_000, 50_000_000), "orbitrap cd dls ce", "manufacturing analytical_chemistry",
      "질량분석기와 분광 장비를 이용한 {v|을} 수행합니다.", "{v} by mass spectrometry and spectroscopy.",
      REPORT),
    T("vector", "production", "바이러스 벡터 생산: {v}", "Viral vector production: {v}",
      "AAV=AAV|렌티바이러스=lentivirus", "manufacturing", "gmp", (60, 120), None,
      "bioreactor ucentri ddpcr isolator", "manufacturing cell_gene_therapy",
      "유전자치료제 개발을 위한 {v} 벡터를 생산하고 역가를 분석합니다.",
      "{v} vector production with titre analysis.", BATCH, None, "gmp"),
    T("lnp", "production", "mRNA-LNP {v}", "mRNA-LNP {v}",
      "제형화=formulation|특성 분석=characterisation", "manufacturing", None, (30, 60), None,
      "dls hplc", "manufacturing vaccines", "mRNA 지질나노입자 {v|을} 수행합니다.",
      "mRNA lipid nanoparticle {v}.", REPORT),
)


# Daegu's smart factory (the master plan's example: candidates from the new-drug centre produced at
# the smart factory): digital batch records and process analytics on GMP lines. Its own domain, so
# adding it left the other clusters' draws unchanged (catalog._pools).
SMART_FACTORY = (
    T("smart_gmp", "smartfactory", "스마트공장 GMP 생산: {v}", "Smart factory GMP production: {v}",
      "저분자 원료의약품(API)=small-molecule API|경구 고형제 연속생산=continuous oral solid dosage"
      "|주사제 무균 충전=aseptic injectable fill|임상 1상 시료 소량 생산=small-batch phase 1 supply",
      "manufacturing", "gmp", (60, 120), (80_000_000, 400_000_000), "reactor tablet fillfinish isolator hplc",
      "manufacturing", "스마트공장의 GMP 라인에서 {v|을} 생산합니다. 공정분석기술(PAT)과 전자 배치 기록으로 품질을 실시간 관리합니다.",
      "GMP manufacture of {v} in the smart factory, with process analytical technology and electronic "
      "batch records.", BATCH, ("원료 및 공정 정보", "Materials and process information"), "gmp"),
    T("smart_pat", "smartfactory", "스마트공장 공정 데이터 분석: {v}", "Smart factory process data analysis: {v}",
      "공정분석기술(PAT) 적용=PAT implementation|디지털 트윈 공정 모사=digital-twin process simulation",
      "consulting", "gmp", (30, 60), (20_000_000, 60_000_000), "hplc", "manufacturing",
      "스마트공장 생산 데이터로 {v|을} 수행하여 기술이전과 스케일업을 지원합니다.",
      "{v} on smart factory production data, for tech transfer and scale-up.",
      ("공정 데이터 분석 보고서", "Process data analysis report"), None, "gmp"),
)
