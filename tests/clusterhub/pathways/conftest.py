"""A small federation true to the plan's example: discovery and a smart factory in Daegu, marmosets
and a clinical trial in Osong, and a cheaper, faster discovery service in Songdo."""
from __future__ import annotations

import pytest

from tests.clusterhub.conftest import PASSWORD, make_federation, signed_in, who  # noqa: F401  (shared)
from tests.schemas.samples import service

DAEGU, OSONG, SONGDO = "kmedihub", "kbiohealth", "songdo_siheung"
USERS = {"member": ("member", {"company": "한빛제약"}), "rival": ("member", {"company": "다른바이오"}),
         "daegu": ("operator", {"cluster": DAEGU}), "osong": ("operator", {"cluster": OSONG}),
         "songdo": ("operator", {"cluster": SONGDO}), "curator": ("curator", {})}


def svc(cluster, source_id, ko, en, category, region, *, grade=None, days=60, fee=None, center="센터"):
    doc = service(cluster=cluster, source_id=source_id, title={"ko": ko, "en": en},
                  summary={"ko": ko}, categories=[category], region=region, keywords=[],
                  center={"ko": center}, turnaround_days=days, related=[],
                  fee={"model": "fixed", "min_krw": fee[0], "max_krw": fee[1]} if fee else {"model": "quote"})
    doc.pop("regulatory_grade")
    if grade:
        doc["regulatory_grade"] = grade
    return doc


LISTINGS = {
    DAEGU: [svc(DAEGU, "SV-D1", "후보물질 초고속 스크리닝 (HTS)", "Candidate screening (HTS)", "drug_discovery",
                "daegu", days=90, fee=(20_000_000, 40_000_000), center="신약개발지원센터"),
            svc(DAEGU, "SV-D2", "스마트공장 원료의약품 GMP 생산", "Smart factory GMP API production", "manufacturing",
                "daegu", grade="gmp", days=90, fee=(100_000_000, 300_000_000), center="스마트공장")],
    OSONG: [svc(OSONG, "SV-O1", "마모셋(영장류) 반복투여 독성시험", "Marmoset repeated-dose toxicity",
                "nonclinical", "chungbuk", grade="glp", days=150),
            svc(OSONG, "SV-O2", "임상 1상 임상시험 수행", "Phase 1 clinical trial conduct", "clinical",
                "chungbuk", days=240)],
    SONGDO: [svc(SONGDO, "SV-S1", "후보물질 초고속 스크리닝 (HTS) 위탁", "Candidate screening (HTS) service",
                 "drug_discovery", "incheon", days=30, fee=(5_000_000, 9_000_000)),
             svc(SONGDO, "SV-S2", "의약화학 합성", "Medicinal chemistry synthesis", "drug_discovery",
                 "incheon", days=10, fee=(1_000_000, 2_000_000))],
}
D1, D2, O1, O2, S1, S2 = (f"{DAEGU}:service:SV-D1", f"{DAEGU}:service:SV-D2", f"{OSONG}:service:SV-O1",
                          f"{OSONG}:service:SV-O2", f"{SONGDO}:service:SV-S1", f"{SONGDO}:service:SV-S2")


def make_world(tmp_path, listings=LISTINGS, url=None):
    return make_federation(tmp_path, USERS, listings, "pathways", url)


@pytest.fixture
def world(federation):
    return federation(USERS, LISTINGS, "pathways")
