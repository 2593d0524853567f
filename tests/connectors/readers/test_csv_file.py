"""Tests of the CSV reader: encodings, headers, row locations, errors and streaming."""
from __future__ import annotations

import codecs

import pytest

from connectors.base import SourceFormatError, SourceUnavailable
from connectors.readers.csv_file import SNIFF_BYTES, detect_encoding, read_csv

ROWS = "관리번호,장비명,제조사\nEQ-1,질량분석기,Thermo Fisher\nEQ-2,유세포분석기,BD\n"


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp949", "cp949"),
])
def test_detects_the_encoding_and_reads_korean(tmp_path, encoding, expected):
    path = write(tmp_path, f"{encoding}.csv", ROWS.encode(encoding))
    assert detect_encoding(path) == expected
    records = list(read_csv(path, id_column="관리번호"))
    assert [r.data for r in records] == [
        {"관리번호": "EQ-1", "장비명": "질량분석기", "제조사": "Thermo Fisher"},
        {"관리번호": "EQ-2", "장비명": "유세포분석기", "제조사": "BD"},
    ]
    assert [r.source_id for r in records] == ["EQ-1", "EQ-2"]
    assert records[0].location == f"{encoding}.csv, row 2"


def test_excel_style_cp949_with_crlf(tmp_path):
    path = write(tmp_path, "excel.csv", ROWS.replace("\n", "\r\n").encode("cp949"))
    records = list(read_csv(path))
    assert records[1].data == {"관리번호": "EQ-2", "장비명": "유세포분석기", "제조사": "BD"}
    assert records[1].location == "excel.csv, row 3"


def test_cp949_only_hangul_is_not_garbled(tmp_path):
    # 똠 and 햏 exist in cp949 but not in strict EUC-KR; a cp949 file must still read right.
    path = write(tmp_path, "ext.csv", "이름,비고\n똠방각하,햏\n".encode("cp949"))
    assert list(read_csv(path))[0].data == {"이름": "똠방각하", "비고": "햏"}
    assert list(read_csv(path, encoding="euc-kr"))[0].data["비고"] == "햏"


def test_rows_are_counted_like_a_spreadsheet(tmp_path):
    text = 'id,설명\nA,"두 줄\n설명"\n\nB,끝\n'
    records = list(read_csv(write(tmp_path, "rows.csv", text.encode()), id_column="id"))
    # Header is row 1; the quoted two-line cell is one row; the blank line is still a row.
    assert [(r.source_id, r.location) for r in records] == [
        ("A", "rows.csv, row 2"), ("B", "rows.csv, row 4")]
    assert records[0].data["설명"] == "두 줄\n설명"


def test_semicolon_and_tab_delimiters_are_guessed(tmp_path):
    for name, sep in (("semi.csv", ";"), ("tab.tsv", "\t")):
        path = write(tmp_path, name, f"a{sep}b\n1{sep}2\n".encode())
        assert list(read_csv(path))[0].data == {"a": "1", "b": "2"}


def test_short_rows_fill_none_and_unnamed_columns_drop(tmp_path):
    path = write(tmp_path, "ragged.csv", b"a,,b\n1,x,2\n3\n")
    assert [r.data for r in read_csv(path)] == [{"a": "1", "b": "2"}, {"a": "3", "b": None}]


def test_duplicate_header_gets_its_position(tmp_path):
    path = write(tmp_path, "dup.csv", "비고,비고\nx,y\n".encode())
    assert list(read_csv(path))[0].data == {"비고": "x", "비고 (column 2)": "y"}


def test_missing_required_column_names_file_missing_and_present(tmp_path):
    path = write(tmp_path, "equipment.csv", ROWS.encode("cp949"))
    with pytest.raises(SourceFormatError) as caught:
        list(read_csv(path, required=["장비명", "모델", "설치장소"]))
    message = str(caught.value)
    assert message.startswith("equipment.csv, row 1: ")
    assert "missing required column(s): 모델, 설치장소" in message
    assert "관리번호, 장비명, 제조사" in message


def test_missing_id_column_is_a_missing_required_column(tmp_path):
    path = write(tmp_path, "e.csv", ROWS.encode())
    with pytest.raises(SourceFormatError, match="missing required column.*equipNo"):
        list(read_csv(path, id_column="equipNo"))


def test_undecodable_file_names_the_file_line_and_offset(tmp_path):
    path = write(tmp_path, "broken.csv", b"a,b\n1,2\n3,\xff\xfe\n")
    with pytest.raises(SourceFormatError) as caught:
        detect_encoding(path)
    assert caught.value.location == "broken.csv"
    assert "neither UTF-8 nor cp949" in str(caught.value)
    assert "line 3" in str(caught.value) and "byte offset 10" in str(caught.value)


def test_bad_bytes_past_the_sniffed_sample_name_their_line(tmp_path):
    filler = b"id,name\n" + b"1,abcdefghijklmnopqrstuvwxyz\n" * (SNIFF_BYTES // 28 + 10)
    lines = filler.count(b"\n")
    path = write(tmp_path, "late.csv", filler + "2,질량분석기\n".encode("cp949"))
    records = read_csv(path)
    with pytest.raises(SourceFormatError) as caught:
        for _ in records:
            pass
    assert caught.value.location == f"late.csv, line {lines + 1}"
    assert "cannot be decoded as utf-8" in str(caught.value)
    assert f"byte offset {len(filler) + 2}" in str(caught.value)
    assert "encoding=" in str(caught.value)


def test_unclosed_quote_is_a_format_error_with_row(tmp_path):
    path = write(tmp_path, "quote.csv", b'a,b\n1,2\n3,"open,4\n5,6\n')
    with pytest.raises(SourceFormatError) as caught:
        list(read_csv(path, required=["a"]))
    assert caught.value.location == "quote.csv, row 3"
    assert "malformed CSV" in str(caught.value)


def test_too_many_fields_is_a_format_error(tmp_path):
    path = write(tmp_path, "wide.csv", b"a,b\n1,2\n3,4,5\n")
    with pytest.raises(SourceFormatError) as caught:
        list(read_csv(path))
    assert caught.value.location == "wide.csv, row 3"
    assert "3 fields but the header has 2" in str(caught.value)


def test_utf16_and_empty_files_are_refused_clearly(tmp_path):
    utf16 = write(tmp_path, "u16.csv", codecs.BOM_UTF16_LE + "a,b\n".encode("utf-16-le"))
    with pytest.raises(SourceFormatError, match="UTF-16"):
        list(read_csv(utf16))
    with pytest.raises(SourceFormatError, match="empty"):
        list(read_csv(write(tmp_path, "empty.csv", b"")))


def test_missing_file_is_unavailable(tmp_path):
    with pytest.raises(SourceUnavailable) as caught:
        list(read_csv(tmp_path / "nowhere.csv"))
    assert "nowhere.csv" in str(caught.value)


def test_unknown_encoding_name_is_refused(tmp_path):
    with pytest.raises(SourceFormatError, match="unknown encoding 'klingon'"):
        list(read_csv(write(tmp_path, "a.csv", b"a\n1\n"), encoding="klingon"))


@pytest.mark.slow
def test_a_200_mb_file_streams_with_bounded_memory(tmp_path, memory_probe):
    row = ('{:07d},액체크로마토그래프 질량분석기 {:07d},Thermo Fisher,"Orbitrap, Exploris 480",'
           "대구,공동활용허용가능\n")
    block = "".join(row.format(i, i) for i in range(8000)).encode("utf-8")
    path = tmp_path / "big.csv"
    with open(path, "wb") as out:
        out.write("id,장비명,제조사,모델,지역,공동활용\n".encode())
        for _ in range(200 * 2**20 // len(block) + 1):
            out.write(block)
    assert path.stat().st_size > 200 * 2**20
    probe = memory_probe()
    count, last = 0, None
    try:
        for count, last in enumerate(read_csv(path, required=["id", "모델"]), 1):
            if count % 20000 == 0:
                probe.sample()
        probe.sample()
    finally:
        path.unlink()  # 200 MB should not linger in pytest's kept temporary folders
    print(f"read {count} rows; resident memory grew by {probe.growth_mb:.1f} MB")
    assert count == (200 * 2**20 // len(block) + 1) * 8000
    assert last.data["모델"] == "Orbitrap, Exploris 480"
    assert probe.growth_mb < 100, f"resident memory grew by {probe.growth_mb:.0f} MB"
