"""Clinical trial services at Osong's new-drug centre (the master plan's example ends
in a clinical trial at Osong); their own domain, so the other clusters' draws stay unchanged."""
from __future__ import annotations

from . import T

CSR = ("임상시험 결과보고서(CSR)", "Clinical study report (CSR)")

TEMPLATES = (
    T("phase1", "trials", "임상 1상 시험 수행: {v}", "Phase 1 clinical trial: {v}",
      "저분자 신약 최초 인체 투여=small-molecule first-in-human|항체 치료제=antibody therapeutic"
      "|세포·유전자치료제=cell and gene therapy",
      "testing", None, (180, 360), None, "lcmsms", "clinical",
      "임상시험실시기관과 연계하여 {v} 임상 1상 시험(임상시험)을 설계·수행합니다. 안전성과 약동학을 평가합니다.",
      "Phase 1 clinical trial of a {v} with partner trial sites: safety and pharmacokinetics.", CSR,
      ("임상시험계획 승인서 및 GMP 임상시료", "IND approval and GMP clinical supply"), "gcp"),
    T("trial_ops", "trials", "임상시험 {v}", "Clinical trial {v}",
      "모니터링(CRA)=monitoring (CRA)|데이터관리=data management|통계 분석=statistical analysis",
      "consulting", None, (90, 240), None, "", "clinical",
      "임상시험의 {v} 업무를 GCP 기준으로 수행합니다.", "{v} of clinical trials under GCP.",
      ("임상시험 업무 보고서", "Clinical trial work report"), None, "gcp"),
    T("ind", "trials", "임상시험계획(IND) {v}", "Investigational new drug (IND) {v}",
      "신청 자료 작성=dossier preparation|식약처 사전상담=MFDS pre-submission meeting",
      "consulting", None, (30, 90), None, "", "clinical regulatory_affairs",
      "임상시험계획 승인을 위한 {v|을} 지원합니다.", "{v} for approval of a clinical trial.",
      ("IND 자료", "IND dossier"), None, "gcp"),
)
