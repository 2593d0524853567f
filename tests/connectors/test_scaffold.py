"""`clusterhub connectors new` and `try` on a copy of the repository: a real-style cp949 export with
Korean headers becomes a connector module, a registry line, a cluster record and a sample folder;
the dry run says what is unmapped; once mapped, the cluster passes its own end-to-end test and
the registry's tests still pass."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CLUSTERHUB = Path(sys.executable).with_name("clusterhub")

# As a cluster's staff export it from Excel: cp949, a running number, Korean headers, their own
# words for fields, a contact person and a remark column, one impossible date.
EXPORT = """연번,장비명,영문명,제조사,모델명,도입일자,분야,공동활용여부,이용요금,설치장소,담당자,비고
1,주사전자현미경,Scanning Electron Microscope,JEOL,JSM-IT800,2021.05.12,영상,가능,시간당 5만원,바이오동 2층 201호,홍길동,
2,액체크로마토그래프 질량분석기,LC-MS/MS,Waters,Xevo TQ-XS,2019-03-05,"분석, 신약개발",가능,별도 협의,바이오동 3층,김철수,교정 중
3,유세포 분석기,Flow cytometer,BD,FACSymphony A5,20200101,세포치료,불가,"120,000원",바이오동 1층,이영희,
4,동결건조기,Freeze dryer,Labconco,FreeZone 6,2017.02.30,생산,가능,무료,파일럿동,박민수,
"""


@pytest.fixture
def repo(tmp_path) -> Path:
    """connectors/, schemas/ and the tests that loop over clusters (the registry's, the generator's
    byte-for-byte check, the real clusters'), copied."""
    root = tmp_path / "repo"
    for part in ("connectors", "schemas"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    tests = root / "tests" / "connectors"
    (tests / "clusters").mkdir(parents=True)
    (tests / "demo").mkdir()
    shutil.copy(REPO / "tests/connectors/test_registry.py", tests)
    shutil.copy(REPO / "tests/connectors/demo/test_generator.py", tests / "demo")
    for name in ("conftest.py", "test_real_clusters.py"):
        shutil.copy(REPO / "tests/connectors/clusters" / name, tests / "clusters")
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(CLUSTERHUB), "connectors", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


def scaffold(root: Path, tmp_path: Path, export: str = EXPORT, code: str = "gangwon_bio"):
    sample = tmp_path / "gangwon_equipment.csv"
    sample.write_bytes(export.encode("cp949"))
    return run(root, "new", code, "--format", "csv", "--sample", str(sample), "--kind", "equipment",
               "--name-ko", "강원 바이오 클러스터", "--name-en", "Gangwon Bio Cluster",
               "--region", "gangwon", "--root", str(root))


def test_a_real_export_becomes_a_connector_and_the_dry_run_says_what_is_left(repo, tmp_path):
    done = scaffold(repo, tmp_path)
    assert done.returncode == 0, done.stderr
    module = (repo / "connectors/clusters/gangwon_bio.py").read_text(encoding="utf-8")
    for line in ('("title.ko", "장비명"),', '("manufacturer", "제조사"),',
                 '("year_acquired", "도입일자", parse_year),', '("categories", "분야", FIELDS.many()),',
                 '("sharing_scope", "공동활용여부", sharing_scope),', '("fee", "이용요금", fee_document),',
                 '# not mapped: "담당자"  (personal data', '# unmapped: "비고"\n',
                 '"신약개발": "drug_discovery",', '# "영상": "",'):
        assert line in module, line
    assert 'CsvFile("gangwon_equipment.csv"),\n    "연번", (' in module
    assert '"gangwon_bio": gangwon_bio.GangwonBioConnector,' in (repo / "connectors/registry.py").read_text()
    record = json.loads((repo / "schemas/clusters.json").read_text(encoding="utf-8"))[-1]
    assert record["code"] == "gangwon_bio" and record["region"] == "gangwon"
    assert record["name"] == {"ko": "강원 바이오 클러스터", "en": "Gangwon Bio Cluster"}
    copied = repo / "connectors/samples/gangwon_bio/gangwon_equipment.csv"
    assert copied.read_bytes() == EXPORT.encode("cp949")
    out = done.stdout
    assert "records with issues: 4" in out
    assert "categories (column 분야): 3" in out and "'영상'" in out
    assert "year_acquired (column 도입일자): 1" in out and "2017.02.30" in out
    assert "Source columns not mapped: 담당자 (equipment, personal data: leave out), 비고 (equipment)" in out


def test_required_fields_without_a_column_are_listed_first(repo, tmp_path):
    export = "\n".join(line.rsplit(",", 6)[0] for line in EXPORT.splitlines()[:2]) + "\n"
    assert "분야" not in export
    done = scaffold(repo, tmp_path, export)
    assert done.returncode == 0, done.stderr
    required = done.stdout.index("Required schema fields no column maps to")
    assert "categories (equipment)" in done.stdout[required:].splitlines()[0]
    assert required < done.stdout.index("Optional schema fields not mapped")


def test_once_mapped_the_cluster_passes_its_own_test_and_breaks_none(repo, tmp_path):
    assert scaffold(repo, tmp_path).returncode == 0
    path = repo / "connectors/clusters/gangwon_bio.py"
    words = {"영상": "imaging", "분석": "analytical_chemistry", "세포치료": "cell_gene_therapy",
             "생산": "manufacturing"}
    text = path.read_text(encoding="utf-8")
    for word, code in words.items():
        text = text.replace(f'    # "{word}": "",', f'    "{word}": "{code}",  #')
    path.write_text(text, encoding="utf-8")
    tried = run(repo, "try", "gangwon_bio", "--write-expected")
    assert tried.returncode == 0, tried.stderr
    assert "mapped and valid: equipment 3; records with issues: 1" in tried.stdout
    expected = json.loads((repo / "connectors/samples/gangwon_bio/expected.json").read_text())
    assert expected == {"mapped": {"service": 0, "equipment": 3, "expert": 0}, "issues": 1}
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--import-mode=importlib",
         "-c", os.devnull, "--rootdir", str(repo), "tests/connectors/test_registry.py",
         "tests/connectors/demo/test_generator.py", "tests/connectors/clusters/test_real_clusters.py"],
        cwd=repo, env={**os.environ, "PYTHONPATH": str(repo)}, capture_output=True, text=True, timeout=600)
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert "skipped" not in tests.stdout   # the real cluster's tests ran
    # The declared counts are checked: a wrong one fails the cluster's test.
    (repo / "connectors/samples/gangwon_bio/expected.json").write_text(
        json.dumps({"mapped": {"equipment": 4}, "issues": 0}))
    again = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--import-mode=importlib",
         "-c", os.devnull, "--rootdir", str(repo), "tests/connectors/clusters/test_real_clusters.py"],
        cwd=repo, env={**os.environ, "PYTHONPATH": str(repo)}, capture_output=True, text=True, timeout=600)
    assert again.returncode == 1 and "expected.json says" in again.stdout


def test_a_code_with_a_hyphen_is_refused_before_anything_is_written(repo, tmp_path):
    before = (repo / "schemas/clusters.json").read_bytes()
    done = scaffold(repo, tmp_path, code="gangwon-bio")
    assert done.returncode != 0
    assert "Nothing was written" in done.stderr and "no hyphens" in done.stderr
    assert (repo / "schemas/clusters.json").read_bytes() == before
    assert not (repo / "connectors/samples/gangwon-bio").exists()


# The onboarding trial of issue #14: a service export in cp949 with Korean headers, a fee with its
# unit in brackets, Y/N/예 status words, the same few staff and phone numbers on many rows.
TRIAL = """서비스번호,서비스명,서비스구분,수수료(원),사용여부,담당자 연락처,담당자,비고
SV-001,단백질 정량 분석,분석,"50,000",Y,033-250-1234,홍길동,
SV-002,세포 독성 시험,시험,"120,000",Y,033-250-1234,홍길동,
SV-003,유전체 시퀀싱 지원,분석,"300,000",N,033-250-5678,김철수,장비 교체 중
SV-004,동물실험 위탁,시험,별도 협의,예,010-1234-5678,이영희,
SV-005,시제품 제작 지원,제작,무료,Y,033-250-5678,김철수,
SV-006,인허가 컨설팅,컨설팅,"200,000",Y,033-250-1234,홍길동,
SV-007,질량분석,분석,"80,000",N,033-250-1234,홍길동,
SV-008,세포주 보관,보관,"30,000",예,010-1234-5678,이영희,
SV-009,GMP 교육,교육,"100,000",Y,033-250-5678,김철수,
SV-010,기술 이전 상담,컨설팅,무료,Y,033-250-1234,홍길동,
"""


def test_the_trial_export_maps_its_fee_and_status_and_prints_no_personal_data(repo, tmp_path):
    sample = tmp_path / "trial_services.csv"
    sample.write_bytes(TRIAL.encode("cp949"))
    done = run(repo, "new", "trial_bio", "--format", "csv", "--sample", str(sample), "--kind", "service",
               "--region", "gangwon", "--root", str(repo))
    assert done.returncode == 0, done.stderr
    module = (repo / "connectors/clusters/trial_bio.py").read_text(encoding="utf-8")
    for line in ('("fee", "수수료(원)", fee_document),', '("service_type", "서비스구분", SERVICE_TYPES),',
                 '("status", "사용여부", active_if("Y", "예", inactive=("N",))),',
                 '# not mapped: "담당자 연락처"  (personal data', '# not mapped: "담당자"  (personal data'):
        assert line in module, line
    for text in (module, done.stdout, done.stderr):
        for value in ("033-250", "010-1234", "홍길동", "김철수", "이영희"):
            assert value not in text, value
    assert "(column None)" not in module
    out = done.stdout
    assert "Source columns not mapped: 담당자 (services, personal data: leave out), 담당자 연락처 " \
           "(services, personal data: leave out), 비고 (services)" in out
    assert "service_type (column 서비스구분): 1" in out and "'보관'" in out
    assert "fee (" not in out.split("Optional schema fields not mapped")[1]


def test_a_real_zeus_answer_is_dry_run_as_the_one_page_it_is(repo, tmp_path):
    """The real list answer says total 759 for its 2 records: the sample's copy says 2, so the dry
    run reads both records instead of failing the source as an incomplete listing."""
    reference = REPO / "tests/connectors/readers/reference/zeus-equips-list-response.json"
    assert json.loads(reference.read_text(encoding="utf-8"))["total"] > 2
    done = run(repo, "new", "zeus_trial", "--format", "zeus", "--sample", str(reference),
               "--region", "gangwon", "--root", str(repo))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "could not be read" not in done.stdout
    counts = done.stdout.split("mapped and valid: ")[1].splitlines()[0]
    valid = sum(int(n) for n in re.findall(r"\w+ (\d+)(?:,|;)", counts.split(";")[0] + ";"))
    assert valid + int(counts.rsplit("records with issues: ", 1)[1]) == 2, counts
    page = json.loads((repo / "connectors/samples/zeus_trial/equipment/page-0001.json").read_text("utf-8"))
    assert page["total"] == 2 and len(page["pageList"]) == 2


def test_a_zeus_list_answer_alone_says_why_its_records_have_no_category_and_where(repo, tmp_path):
    """A list record has no standard class (stdClsNm comes from the detail call): the dry run says
    so, names the sample file, the record and the field, and what to do; the module offers the
    word such records are filed under, to map."""
    reference = REPO / "tests/connectors/readers/reference/zeus-equips-list-response.json"
    done = run(repo, "new", "zeus_trial", "--format", "zeus", "--sample", str(reference),
               "--region", "gangwon", "--root", str(repo))
    assert done.returncode == 0, done.stdout + done.stderr
    issue = next(line for line in done.stdout.splitlines() if line.strip().startswith("categories"))
    assert "this cluster's terms are: " not in issue  # an empty list of terms explains nothing
    for said in ("connectors/samples/zeus_trial/equipment/page-0001.json", "record 1",
                 "equipId 20171130000000212606", "stdClsNm", "detail", "'분류 없음'",
                 "connectors/clusters/zeus_trial.py", "details.json"):
        assert said in issue, (said, issue)
    module = (repo / "connectors/clusters/zeus_trial.py").read_text(encoding="utf-8")
    fields = module.split('FIELDS = TermMap("categories", {')[1].split("})")[0]
    assert '# "분류 없음": ""' in fields, fields
