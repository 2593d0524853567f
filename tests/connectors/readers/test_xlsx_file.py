"""Tests of the XLSX reader: headers, merged cells, several sheets and damaged files."""
from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from openpyxl import Workbook

from connectors.base import SourceFormatError, SourceUnavailable
from connectors.readers.xlsx_file import read_xlsx, read_xlsx_sheets, sheet_names


def save(workbook: Workbook, path):
    workbook.save(path)
    return path


def simple_book(path, title="장비목록"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(["관리번호", "장비명", "도입일", "가격"])
    ws.append([101, "질량분석기", dt.datetime(2021, 3, 15), 350000000])
    ws.append([None, None, None, None])
    ws.append(["EQ-103", "공초점 현미경", dt.datetime(2022, 1, 5, 9, 30), 1.5])
    return save(wb, path)


def test_reads_rows_with_sheet_locations_and_json_safe_values(tmp_path):
    path = simple_book(tmp_path / "equipment.xlsx")
    records = list(read_xlsx(path, id_column="관리번호", required=["장비명"]))
    assert [r.location for r in records] == [
        "equipment.xlsx, sheet 장비목록, row 2", "equipment.xlsx, sheet 장비목록, row 4"]
    assert records[0].data == {"관리번호": 101, "장비명": "질량분석기", "도입일": "2021-03-15",
                               "가격": 350000000}
    assert records[1].data["도입일"] == "2022-01-05T09:30:00"
    assert [r.source_id for r in records] == ["101", "EQ-103"]


def test_multi_row_header_joins_levels_with_a_slash(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "장비"
    ws.append(["관리번호", "장비정보", None, None, "비고"])
    ws.append([None, "장비명", "제조사", "모델", None])
    ws.merge_cells("B1:D1")  # the group label over three columns
    ws.merge_cells("A1:A2")  # one label spanning both header rows
    ws.append(["EQ-1", "LC-MS/MS", "Waters", "Xevo TQ-XS", "GLP"])
    path = save(wb, tmp_path / "multi.xlsx")
    (record,) = read_xlsx(path, header_rows=2, required=["장비정보/제조사"], id_column="관리번호")
    assert record.data == {"관리번호": "EQ-1", "장비정보/장비명": "LC-MS/MS",
                           "장비정보/제조사": "Waters", "장비정보/모델": "Xevo TQ-XS",
                           "비고": "GLP"}
    assert record.location == "multi.xlsx, sheet 장비, row 3"


def test_header_below_a_title_row(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["2024년 장비 보유 현황"])
    ws.append(["장비명", "모델"])
    ws.append(["NMR", "600 MHz"])
    path = save(wb, tmp_path / "titled.xlsx")
    (record,) = read_xlsx(path, header_row=2)
    assert record.data == {"장비명": "NMR", "모델": "600 MHz"}
    assert record.location.endswith("row 3")


def test_merged_data_cells_apply_to_every_cell(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "서비스"
    ws.append(["센터", "서비스", "분야", "세부"])
    ws.append(["신약개발지원센터", "HTS", "후보물질 발굴", None])
    ws.append([None, "ADME/PK", None, None])
    ws.append([None, "독성시험", "비임상", "GLP"])
    ws.merge_cells("A2:A4")  # one centre for three services
    ws.merge_cells("C2:D3")  # a block over two rows and two columns
    path = save(wb, tmp_path / "merged.xlsx")
    rows = [r.data for r in read_xlsx(path)]
    assert [r["센터"] for r in rows] == ["신약개발지원센터"] * 3
    assert [(r["분야"], r["세부"]) for r in rows] == [
        ("후보물질 발굴", "후보물질 발굴"), ("후보물질 발굴", "후보물질 발굴"), ("비임상", "GLP")]


def test_duplicate_headers_get_their_column_letter(tmp_path):
    wb = Workbook()
    wb.active.append(["비고", "장비명", "비고"])
    wb.active.append(["a", "b", "c"])
    (record,) = read_xlsx(save(wb, tmp_path / "dup.xlsx"))
    assert record.data == {"비고": "a", "장비명": "b", "비고 (C)": "c"}


def test_several_sheets(tmp_path):
    wb = Workbook()
    first = wb.active
    first.title = "대구"
    first.append(["장비명"])
    first.append(["MRI 3T"])
    wb.create_sheet("빈 시트")
    second = wb.create_sheet("오송")
    second.append(["장비명"])
    second.append(["Cryo-EM"])
    second.append(["micro-CT"])
    path = save(wb, tmp_path / "centres.xlsx")
    assert sheet_names(path) == ["대구", "빈 시트", "오송"]
    every = list(read_xlsx_sheets(path, required=["장비명"]))
    assert [(r.location, r.data["장비명"]) for r in every] == [
        ("centres.xlsx, sheet 대구, row 2", "MRI 3T"),
        ("centres.xlsx, sheet 오송, row 2", "Cryo-EM"),
        ("centres.xlsx, sheet 오송, row 3", "micro-CT"),
    ]
    named = list(read_xlsx_sheets(path, ["오송"]))
    assert [r.data["장비명"] for r in named] == ["Cryo-EM", "micro-CT"]
    assert [r.data["장비명"] for r in read_xlsx(path, sheet="오송")] == ["Cryo-EM", "micro-CT"]
    with pytest.raises(SourceFormatError, match="header row 1 is empty"):
        list(read_xlsx_sheets(path, ["빈 시트"]))


def test_unknown_sheet_lists_the_sheets(tmp_path):
    path = simple_book(tmp_path / "e.xlsx")
    with pytest.raises(SourceFormatError) as caught:
        list(read_xlsx(path, sheet="Sheet9"))
    assert str(caught.value) == "e.xlsx: no sheet named 'Sheet9'; the workbook has: 장비목록"


def test_missing_required_column_names_sheet_row_and_columns(tmp_path):
    path = simple_book(tmp_path / "equipment.xlsx")
    with pytest.raises(SourceFormatError) as caught:
        list(read_xlsx(path, required=["장비명", "제조사"]))
    assert caught.value.location == "equipment.xlsx, sheet 장비목록, row 1"
    assert "missing required column(s): 제조사" in str(caught.value)
    assert "관리번호, 장비명, 도입일, 가격" in str(caught.value)


def test_truncated_workbook_is_a_format_error_naming_the_file(tmp_path):
    whole = simple_book(tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(SourceFormatError) as caught:
        list(read_xlsx(path))
    assert caught.value.location == "truncated.xlsx"
    assert "damaged, truncated or not an .xlsx" in str(caught.value)


def test_zip_without_a_workbook_and_a_csv_in_disguise_are_format_errors(tmp_path):
    hollow = tmp_path / "hollow.xlsx"
    with zipfile.ZipFile(hollow, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    disguised = tmp_path / "disguised.xlsx"
    disguised.write_text("장비명,모델\nNMR,600\n", encoding="utf-8")
    for path in (hollow, disguised):
        with pytest.raises(SourceFormatError) as caught:
            list(read_xlsx(path))
        assert str(caught.value).startswith(f"{path.name}: cannot read the file as an XLSX")


def test_missing_file_is_unavailable(tmp_path):
    with pytest.raises(SourceUnavailable, match="file not found: .*nowhere.xlsx"):
        list(read_xlsx(tmp_path / "nowhere.xlsx"))


@pytest.mark.slow
def test_a_6000_row_sheet_with_merges_reads_with_modest_memory(tmp_path, memory_probe):
    wb = Workbook()
    ws = wb.active
    ws.title = "장비목록"
    ws.append(["관리번호", "장비정보", None, None, "기관", None] + [f"항목{i}" for i in range(6)])
    ws.append([None, "장비명", "제조사", "모델", "기관명", "부서"] + [None] * 6)
    ws.merge_cells("B1:D1")
    ws.merge_cells("E1:F1")
    for i in range(6000):
        ws.append([f"EQ-{i:05d}", f"질량분석기 {i}", "Thermo Fisher", f"Orbitrap {i}",
                   "대구경북첨단의료산업진흥재단" if i % 100 == 0 else None, "신약개발지원센터",
                   i, i * 1.5, "비고", None, dt.datetime(2021, 3, 1), "공동활용허용가능"])
        if i % 100 == 0:
            ws.merge_cells(start_row=i + 3, start_column=5, end_row=i + 102, end_column=5)
    path = save(wb, tmp_path / "big.xlsx")
    del wb, ws
    probe = memory_probe()
    records = []
    for record in read_xlsx(path, header_rows=2, id_column="관리번호"):
        records.append(record.source_id)
        probe.sample()
    assert len(records) == 6000 and len(set(records)) == 6000
    assert record.data["기관/기관명"] == "대구경북첨단의료산업진흥재단"
    assert probe.growth_mb < 150, f"resident memory grew by {probe.growth_mb:.0f} MB"
