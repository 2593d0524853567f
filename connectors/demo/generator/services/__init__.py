"""Kinds of technical service the demo centres offer, grouped by domain."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    """A kind of service; each variant (species, standard, modality ...) is one catalogue entry."""

    key: str
    domain: str
    ko: str                                   # title, '{v}' is the variant
    en: str
    variants: tuple[tuple[str, str], ...]
    type: str                                 # schemas/vocab/service_types.json
    grade: str | None                         # schemas/vocab/regulatory_grades.json
    days: tuple[int, int]
    fee: tuple[int, int] | None               # KRW per study; None = on quotation
    families: tuple[str, ...]                 # instrument families the service uses
    cats: tuple[str, ...]
    summary: str                              # Korean, '{v|을}' keeps particles right
    summary_en: str
    deliverables: tuple[str, str]
    samples: tuple[str, str] | None = None
    certs: tuple[str, ...] = ()


def T(key, domain, ko, en, variants, type_, grade, days, fee, families, cats, summary,
      summary_en, deliverables, samples=None, certs=""):
    """Compact constructor: variants 'ko=en|ko=en', families/cats/certs space-separated."""
    pairs = tuple(tuple(p.split("=", 1)) for p in variants.split("|")) if variants else (("", ""),)
    return Template(key, domain, ko, en, pairs, type_, grade, days, fee, tuple(families.split()),
                    tuple(cats.split()), summary, summary_en, deliverables, samples,
                    tuple(certs.split()))


REPORT = ("결과 보고서 (국문)", "Study report (Korean)")
REPORT_BI = ("결과 보고서 (국문·영문)", "Study report (Korean and English)")
GLP_REPORT = ("GLP 최종 보고서 및 원자료", "Final GLP report with raw data")


def all_templates() -> tuple[Template, ...]:
    """Every template of every domain."""
    from . import devices, discovery, nonclinical, production, specialties, trials

    return (*discovery.TEMPLATES, *devices.TEMPLATES, *nonclinical.TEMPLATES,
            *production.TEMPLATES, *specialties.TEMPLATES, *production.SMART_FACTORY, *trials.TEMPLATES)
