"""Korean words many clusters share for the same codes: languages, service types, certifications."""
from __future__ import annotations

from schemas import vocabularies

from .terms import TermMap

LANGUAGES = TermMap("languages", {"한국어": "ko", "영어": "en", "일본어": "ja", "중국어": "zh",
                                  "ko": "ko", "en": "en", "ja": "ja", "zh": "zh"})
SERVICE_TYPES = TermMap("service_types", {
    "분석": "analysis", "시험": "testing", "평가": "evaluation", "생산·제작": "manufacturing",
    "생산": "manufacturing", "제작": "manufacturing", "컨설팅": "consulting", "교육": "training"})
CERTIFICATIONS = TermMap("certifications", {
    "GLP": "glp", "GMP": "gmp", "KGMP": "kgmp", "ISO 13485": "iso13485", "ISO/IEC 17025": "iso17025",
    "KOLAS": "kolas", "AAALAC": "aaalac", "ISO 9001": "iso9001", "식약처 지정 시험검사기관": "mfds_lab",
    "GCP": "gcp"})
# The national standard classification's own Korean names (국가연구시설장비 표준분류).
EQUIPMENT_CLASSES = TermMap("equipment_classes", {
    t.ko: t.code for t in vocabularies.get("equipment_classes").terms})
