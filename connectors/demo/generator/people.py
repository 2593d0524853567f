"""Experts of the demo federation: names, positions and expertise areas by domain (work facts only)."""
from __future__ import annotations

import random

from .korean import SYLLABLES, romanize_name

# Surnames weighted roughly by how common they are in Korea.
SURNAME_WEIGHTS = {"김": 21, "이": 15, "박": 8, "최": 5, "정": 5, "강": 2, "조": 2, "윤": 2, "장": 2,
                   "임": 2, "한": 1, "오": 1, "서": 1, "신": 1, "권": 1, "황": 1, "안": 1, "송": 1,
                   "류": 1, "홍": 1, "전": 1, "고": 1, "문": 1, "양": 1, "손": 1, "배": 1, "백": 1,
                   "허": 1, "남": 1, "노": 1}
GIVEN = tuple(SYLLABLES)

POSITIONS = (  # (ko, en, weight)
    ("수석연구원", "Principal Research Scientist", 2), ("책임연구원", "Principal Researcher", 5),
    ("선임연구원", "Senior Researcher", 6), ("연구원", "Researcher", 3), ("팀장", "Team Leader", 2),
    ("전문위원", "Senior Advisor", 1),
)

EXPERTISE = {  # domain -> (ko, en) areas
    "drug": (("의약화학", "Medicinal chemistry"), ("약물동태학", "Pharmacokinetics"),
             ("구조생물학", "Structural biology"), ("약리학", "Pharmacology"),
             ("계산화학", "Computational chemistry"), ("생체시료 분석", "Bioanalysis"),
             ("항체공학", "Antibody engineering")),
    "device": (("의료기기 전기안전", "Medical electrical safety"), ("전자파 적합성", "EMC"),
               ("MRI 안전성", "MRI safety"), ("생체재료", "Biomaterials"), ("의료영상", "Medical imaging"),
               ("의료기기 인허가", "Device regulatory affairs"), ("기구 설계", "Mechanical design"),
               ("의료기기 소프트웨어", "Medical device software")),
    "nonclinical": (("독성학", "Toxicology"), ("수의병리학", "Veterinary pathology"),
                    ("실험동물의학", "Laboratory animal medicine"), ("안전성약리", "Safety pharmacology"),
                    ("영장류 연구", "Primate research"), ("유전독성", "Genetic toxicology")),
    "production": (("공정개발", "Process development"), ("품질관리", "Quality control"),
                   ("품질보증", "Quality assurance"), ("바이오공정", "Bioprocess engineering"),
                   ("제제학", "Pharmaceutics"), ("밸리데이션", "Validation")),
    "cell": (("줄기세포", "Stem cell biology"), ("면역세포치료", "Immune cell therapy"),
             ("세포공학", "Cell engineering")),
    "omics": (("유전체학", "Genomics"), ("단백체학", "Proteomics"), ("대사체학", "Metabolomics"),
              ("생물정보학", "Bioinformatics")),
    "imaging": (("광학 이미징", "Optical imaging"), ("전자현미경", "Electron microscopy"),
                ("영상 분석", "Image analysis")),
    "digital": (("의료 인공지능", "Medical AI"), ("의료데이터 분석", "Health data science"),
                ("디지털치료기기", "Digital therapeutics")),
    "vaccine": (("백신학", "Vaccinology"), ("면역학", "Immunology"), ("바이러스학", "Virology")),
    "clinical": (("임상약리학", "Clinical pharmacology"), ("임상통계", "Biostatistics")),
    "trials": (("임상시험 운영", "Clinical operations"), ("임상약리학", "Clinical pharmacology"),
               ("임상통계", "Biostatistics")),
    "smartfactory": (("공정분석기술", "Process analytical technology"), ("GMP 자동화", "GMP automation")),
    "natural": (("천연물화학", "Natural product chemistry"), ("화장품 과학", "Cosmetic science"),
                ("해양생명공학", "Marine biotechnology")),
    "training": (("교육 운영", "Training"),),
}


def person_name(rng: random.Random, taken: set[str]) -> tuple[str, str]:
    """A Korean name not yet in taken, with its romanisation."""
    surnames = list(SURNAME_WEIGHTS)
    weights = [SURNAME_WEIGHTS[s] for s in surnames]
    while True:
        name = rng.choices(surnames, weights)[0] + "".join(rng.sample(GIVEN, 2))
        if name not in taken:
            taken.add(name)
            return name, romanize_name(name)


def position(rng: random.Random) -> tuple[str, str]:
    """A research position title (ko, en)."""
    choice = rng.choices(POSITIONS, [p[2] for p in POSITIONS])[0]
    return choice[0], choice[1]


def expertise(rng: random.Random, domains: list[str], count: int) -> list[tuple[str, str]]:
    """count expertise areas drawn from the given domains."""
    pool = [area for d in domains for area in EXPERTISE[d]]
    return rng.sample(pool, min(count, len(pool)))


def languages(rng: random.Random) -> list[str]:
    """Working languages: Korean always, English usually, sometimes Japanese or Chinese."""
    langs = ["ko"]
    if rng.random() < 0.7:
        langs.append("en")
    extra = rng.random()
    if extra < 0.05:
        langs.append("ja")
    elif extra < 0.09:
        langs.append("zh")
    return langs

