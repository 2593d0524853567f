"""The scaffold recognises a schema field under the headers real exports write: units and notes in
brackets, spacing and punctuation of their own, slashes, language notes, English and Korean
synonyms. Three exporters' header rows, as they come, each mapped as an operator would map them."""
from __future__ import annotations

import pytest

from connectors.scaffold.headers import Sample
from connectors.scaffold.module import skeleton


def mapped(columns: list[str], kind: str, rows: list[dict] | None = None) -> dict[str, str]:
    """column -> schema path, as the written module maps it (the id column as "id")."""
    sample = Sample(columns, rows or [{c: "값" for c in columns}])
    built = skeleton("trial_bio", "csv", kind, sample, 'CsvFile("x.csv")', "trial")
    found = {column: path for path, column, _ in built.mapped if not column.startswith("(")}
    found[built.id_column] = "id"
    return found


# NTIS/ZEUS-style inventory export: codes, notes in brackets, units in the fee header.
NTIS = {"장비번호": "id", "장비명(국문)": "title.ko", "장비명(영문)": "title.en", "제작사": "manufacturer",
        "모델명": "model", "취득일자": "year_acquired", "표준분류": "equipment_class",
        "보유기관명": "center.ko", "설치장소": "location.ko", "공동활용범위": "sharing_scope",
        "이용료(원/시간)": "fee", "운영상태": "status", "NFEC 등록번호": "nfec_no"}
# A hospital's Excel sheet: spaced and underscored names, square brackets, slashes.
HOSPITAL = {"연번": "id", "장 비 명": "title.ko", "영문 장비명": "title.en", "제조사(국가)": "manufacturer",
            "모델명/규격": "model", "도입연도": "year_acquired", "위치": "location.ko",
            "사용료[원]": "fee", "사용여부": "status", "소속기관": "center.ko"}
HOSPITAL_TOO = {"관리번호": "id", "장비_명": "title.ko", "Model No.": "model", "Maker": "manufacturer",
                "금액[원]": "fee", "기관명": "center.ko", "상태": "status", "설치 장소": "location.ko"}
# A CRO's English service sheet: English values, so the English side of each text field.
CRO = {"Item No.": "id", "Service Name": "title.en", "Service Type": "service_type",
       "Category": "categories", "Price (KRW)": "fee", "Turnaround (days)": "turnaround_days",
       "Status": "status", "Lab": "center.en", "Description": "summary.en"}
# The onboarding trial's export (issue #14).
TRIAL = {"서비스번호": "id", "서비스명": "title.ko", "서비스구분": "service_type", "수수료(원)": "fee",
         "사용여부": "status"}


@pytest.mark.parametrize("headers, kind", [(NTIS, "equipment"), (HOSPITAL, "equipment"),
                                           (HOSPITAL_TOO, "equipment"), (CRO, "service"),
                                           (TRIAL, "service")],
                         ids=["ntis", "hospital", "hospital-2", "cro", "trial"])
def test_each_exporters_headers_map_to_the_schema_fields_they_hold(headers, kind):
    english = kind == "service" and "Item No." in headers
    rows = [{c: ("Y" if headers[c] == "status" else "Assay" if english else "값") for c in headers}]
    assert mapped(list(headers), kind, rows) == headers


@pytest.mark.parametrize("header", ["이용료", "사용료", "수수료", "가격", "단가", "fee", "Price", "수수료(원)",
                                    "이용료 (VAT 별도)", "금액[원]", "이용요금(원/시간)", "FEE（원）", "단가/비고"])
def test_every_way_of_writing_the_fee_is_the_fee(header):
    assert mapped(["번호", "장비명", header], "equipment")[header] == "fee"


@pytest.mark.parametrize("header, path", [
    ("보유기관", "center.ko"), ("소속기관", "center.ko"), ("기관명", "center.ko"), ("설치장소", "location.ko"),
    ("위치", "location.ko"), ("제조사", "manufacturer"), ("제작사", "manufacturer"), ("maker", "manufacturer"),
    ("Manufacturer", "manufacturer"), ("사용여부", "status"), ("상태", "status"), ("운영상태", "status")])
def test_synonyms_name_the_same_field(header, path):
    value = "Y" if path == "status" else "바이오동"
    rows = [{"번호": "1", "장비명": "현미경", header: value}]
    assert mapped(["번호", "장비명", header], "equipment", rows)[header] == path


def test_a_language_note_or_english_values_choose_the_language():
    columns = ["서비스번호", "서비스명(국문)", "서비스명(영문)"]
    assert mapped(columns, "service") == {"서비스번호": "id", "서비스명(국문)": "title.ko", "서비스명(영문)": "title.en"}
    rows = [{"No": "1", "Service Name": "Cytotoxicity assay"}]
    assert mapped(["No", "Service Name"], "service", rows)["Service Name"] == "title.en"


def test_the_whole_header_wins_over_a_stripped_one():
    """`장비명(영문)` is the English name even beside `장비명`; `모델명` beats `모델명/규격`."""
    found = mapped(["번호", "장비명", "장비명(영문)", "모델명/규격", "모델명"], "equipment")
    assert found["장비명"] == "title.ko" and found["장비명(영문)"] == "title.en"
    assert found["모델명"] == "model" and "모델명/규격" not in found


def test_a_header_that_names_no_field_stays_unmapped():
    assert list(mapped(["번호", "장비명", "비고", "구매 예산 코드"], "equipment")) == ["장비명", "번호"]


def test_the_synonym_table_is_unambiguous_and_every_parser_can_be_imported():
    """A name given to two fields of one kind would map by table order, silently; a parser the
    written module cannot import would stop every clusterhub command."""
    from connectors.scaffold.guesses import IMPORTS
    from connectors.scaffold.synonyms import SYNONYMS, squash

    fields: dict[tuple[str, str], set[str]] = {}
    for entry in SYNONYMS:
        for kind in entry.kinds:
            for name in entry.names:
                fields.setdefault((kind, squash(name)), set()).add(entry.path)
    assert {key: paths for key, paths in fields.items() if len(paths) > 1} == {}
    parsers = {entry.parser.split("(")[0].split(".")[0] for entry in SYNONYMS if entry.parser}
    assert parsers - set(IMPORTS) == {"FIELDS"}   # FIELDS is the module's own TermMap
