"""The demo federation generator: the plan's volumes, realistic content and byte-for-byte determinism."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from connectors import demo
from connectors.demo import SAMPLES_DIR
from connectors.demo.generator import generate
from connectors.demo.generator.catalog import DEFAULT_SEED, build
from connectors.demo.generator.korean import fill, romanize_name


@pytest.fixture(scope="module")
def federation():
    return {cluster.code: cluster for cluster in build()}


def _files(root: Path) -> dict[str, bytes]:
    """The generated clusters' files under root; a real cluster's export is not the generator's."""
    return {str(p.relative_to(root)): p.read_bytes() for code in demo.codes()
            for p in sorted((root / code).rglob("*")) if p.is_file()}


def test_regenerating_gives_the_committed_samples_byte_for_byte(tmp_path):
    generate(tmp_path, seed=DEFAULT_SEED)
    fresh, committed = _files(tmp_path), _files(SAMPLES_DIR)
    assert sorted(fresh) == sorted(committed), "run: python -m connectors.demo.generator"
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert not changed, f"stale samples (run: python -m connectors.demo.generator): {changed[:5]}"


def test_another_seed_gives_another_federation():
    first, other = build(DEFAULT_SEED)[0], build(DEFAULT_SEED + 1)[0]
    assert [e.model for e in first.equipment[:20]] != [e.model for e in other.equipment[:20]]


def test_workbooks_carry_fixed_timestamps():
    workbooks = [w for code in demo.codes() for w in (SAMPLES_DIR / code).glob("*.xlsx")]
    assert workbooks
    for workbook in workbooks:
        with zipfile.ZipFile(workbook) as archive:
            assert {info.date_time for info in archive.infolist()} == {(2025, 1, 1, 0, 0, 0)}
            assert b"2025-01-01T00:00:00Z" in archive.read("docProps/core.xml")


def test_volumes_follow_the_master_plan(federation):
    daegu, osong = federation["kmedihub"], federation["kbiohealth"]
    assert len(daegu.services) == 102 and len(osong.services) == 216
    assert len(daegu.equipment) + len(osong.equipment) == 5_900
    assert 20 <= len(daegu.experts) <= 99 and 20 <= len(osong.experts) <= 99
    others = [c for code, c in federation.items() if code not in ("kmedihub", "kbiohealth")]
    assert len(others) == 18
    assert all(len(c.equipment) < len(daegu.equipment) and len(c.services) < 102 for c in others)
    total = sum(len(c.services) + len(c.equipment) + len(c.experts) for c in federation.values())
    assert 10_000 <= total <= 12_000


def test_the_complexes_have_their_real_centres(federation):
    centres = {code: {c.ko for c in federation[code].plan.centres} for code in ("kmedihub", "kbiohealth")}
    assert centres["kmedihub"] == {"신약개발지원센터", "첨단의료기기개발지원센터", "실험동물센터", "의약생산센터"}
    assert centres["kbiohealth"] == {"신약개발지원센터", "첨단의료기기개발지원센터", "비임상지원센터",
                                     "바이오의약생산센터"}


def test_vocabulary_is_realistic(federation):
    models = {(e.maker, e.model) for c in federation.values() for e in c.equipment}
    for wanted in [("Waters", "Xevo TQ-XS"), ("Agilent", "6495C"), ("Thermo Fisher", "Orbitrap Exploris 480"),
                   ("Bruker", "AVANCE NEO 600"), ("Zeiss", "LSM 980"), ("Leica", "STELLARIS 8"),
                   ("BD", "FACSymphony A5"), ("Illumina", "NovaSeq X Plus"), ("Thermo Fisher", "Krios G4"),
                   ("Bruker", "SkyScan 1276"), ("Sartorius", "Biostat STR 200")]:
        assert wanted in models, wanted
    titles = {s.title[0] for c in federation.values() for s in c.services}
    for phrase in ("MRI 안전성", "마모셋", "QbD", "EMC", "초고속 스크리닝", "ADME", "영상 융합", "세포 특성 분석"):
        assert any(phrase in t for t in titles), phrase
    assert all(len({s.title for s in c.services}) == len(c.services) for c in federation.values())


def test_services_are_linked_and_most_equipment_is_registered_in_zeus(federation):
    osong = federation["kbiohealth"]
    assert all(s.equipment or not s.template.families for s in osong.services)
    assert all(s.experts for s in osong.services)
    assert sum(1 for e in osong.equipment if e.nfec) > 0.7 * len(osong.equipment)


def test_flaws_are_few(federation):
    records = [r for c in federation.values() for r in (*c.services, *c.equipment, *c.experts)]
    flawed = [r for r in records if r.flaws]
    assert 5 <= len(flawed) < 0.01 * len(records)


def test_korean_particles_agree_with_the_word():
    assert fill("{v|을} 수행합니다", v="독성 시험") == "독성 시험을 수행합니다"
    assert fill("{v|을} 이용한 분석", v="질량분석기") == "질량분석기를 이용한 분석"
    assert fill("{v|으로} 측정", v="LC-MS/MS") == "LC-MS/MS로 측정"
    assert fill("{v|을} 수행", v="반복투여 독성시험 (GLP)") == "반복투여 독성시험 (GLP)을 수행"
    assert romanize_name("김민준") == "Min-jun Kim"


def test_samples_stay_small():
    size = sum(p.stat().st_size for p in SAMPLES_DIR.rglob("*") if p.is_file())
    assert size < 30 * 2**20


def test_the_plans_example_can_be_found(federation):
    """Issue 13: Daegu's smart-factory production and Osong's clinical trials are in the demo."""
    def titles(code):
        return [(s.title, s.template.cats, s.centre.ko) for s in federation[code].services]

    smart = [t for t in titles("kmedihub") if "스마트공장" in t[0][0] and "smart factory" in t[0][1].lower()]
    assert len(smart) == 6 and all("manufacturing" in cats and centre == "의약생산센터" for _, cats, centre in smart)
    trials = [s for s in federation["kbiohealth"].services if s.template.domain == "trials"]
    assert len(trials) == 8 and all("clinical" in s.template.cats for s in trials)
    assert sum("임상 1상" in s.title[0] for s in trials) == 3
    assert not any("스마트공장" in title[0] for c in federation if c != "kmedihub" for title, _, _ in titles(c))
