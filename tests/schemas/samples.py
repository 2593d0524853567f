"""Realistic listing documents of each kind for the schema tests."""


def service(**over):
    doc = {
        "kind": "service", "source_id": "SV-0012", "cluster": "kbiohealth",
        "center": {"ko": "비임상지원센터", "en": "Non-clinical Support Center"},
        "title": {"ko": "GLP 반복투여 독성시험", "en": "GLP repeated-dose toxicity study"},
        "summary": {"ko": "설치류를 이용한 4주 반복투여 독성 시험을 수행합니다."},
        "categories": ["nonclinical"], "keywords": ["독성시험", "GLP"], "region": "chungbuk",
        "certifications": ["glp", "aaalac"],
        "fee": {"model": "quote", "note": {"ko": "별도 협의"}},
        "booking": {"mode": "consult", "lead_time_days": 14},
        "contact": {"organization": {"ko": "오송첨단의료산업진흥재단"}, "phone": "043-200-9000",
                    "url": "https://www.kbiohealth.kr"},
        "source_updated_at": "2025-03-05",
        "related": ["kbiohealth:equipment:EQ-0100", "kbiohealth:expert:EX-007"],
        "service_type": "testing", "regulatory_grade": "glp", "turnaround_days": 60,
        "deliverables": {"ko": "최종 시험 보고서(국문/영문)"},
        "sample_requirements": {"ko": "시험물질 50 g 이상"},
    }
    doc.update(over)
    return doc


def equipment(**over):
    doc = {
        "kind": "equipment", "source_id": "EQ-0100", "cluster": "kmedihub",
        "center": {"ko": "신약개발지원센터", "en": "New Drug Development Center"},
        "title": {"ko": "삼중사중극자 질량분석기", "en": "Triple quadrupole mass spectrometer"},
        "categories": ["analytical_chemistry", "drug_discovery"], "keywords": ["LC-MS/MS"],
        "region": "daegu", "fee": {"model": "fixed", "min_krw": 120000, "max_krw": 1200000},
        "booking": {"mode": "operator_assisted", "lead_time_days": 5},
        "manufacturer": "Waters", "model": "Xevo TQ-XS", "year_acquired": 2019,
        "nfec_no": "NFEC-2019-03-123456", "equipment_class": "EQ0002", "sharing_scope": "shared",
        "location": {"ko": "신약개발지원센터 3층 분석실"},
    }
    doc.update(over)
    return doc


def expert(**over):
    doc = {
        "kind": "expert", "source_id": "EX-007", "cluster": "kbiohealth",
        "center": {"ko": "신약개발지원센터"},
        "title": {"ko": "약동학 분석 전문가", "en": "Pharmacokinetics specialist"},
        "categories": ["drug_discovery"], "region": "chungbuk",
        "name": {"ko": "김서연", "en": "Seoyeon Kim"}, "position": {"ko": "책임연구원"},
        "expertise": [{"ko": "약동학(PK)", "en": "Pharmacokinetics"}],
        "techniques": ["LC-MS/MS", "NCA"], "languages": ["ko", "en"],
    }
    doc.update(over)
    return doc
