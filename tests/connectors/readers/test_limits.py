"""Hostile and oversized sources are refused with a message that says what and where (issue 19).

Each workbook here is a few kilobytes, crafted with zipfile: a merged range over 17 billion
cells, a sheet that declares 1.36 GB, a zip bomb, a DTD with entities, a cell at column XFD.
Before the caps, the first took 3.6 GB and 92 s, the second crashed the worker."""
from __future__ import annotations

import gzip
import json

import pytest

from connectors.base import SourceFormatError
from connectors.limits import Limits, size
from connectors.readers import json_api, xml_api
from connectors.readers.csv_file import read_csv
from connectors.readers.xlsx_file import read_xlsx, sheet_names
from tests.connectors.readers import hostile


def refusal(path, **kw) -> str:
    with pytest.raises(SourceFormatError) as caught:
        list(read_xlsx(path, **kw))
    return str(caught.value)


def test_sizes_read_as_people_read_them():
    assert size(1_360_000_000) == "1.36 GB"
    assert size(19_600) == "19.6 kB"
    assert size(812) == "812 bytes"


def test_a_merged_range_over_the_whole_sheet_is_refused_at_once(tmp_path):
    path = hostile.merge(hostile.workbook(tmp_path / "merged.xlsx"), "A200:XFD1048576")
    assert path.stat().st_size < 20_000
    message = refusal(path)
    assert message.startswith("merged.xlsx, sheet 장비: refused: merged ranges cover")
    assert "A200:XFD1048576" in message and "limit 1,000,000" in message


def test_a_sheet_that_expands_to_1_36_gb_is_refused_before_it_is_read(tmp_path):
    path = hostile.claim_size(hostile.workbook(tmp_path / "bomb.xlsx"), hostile.SHEET,
                              1_360_000_000)
    message = refusal(path)
    assert message == ("bomb.xlsx: refused: sheet 장비 (xl/worksheets/sheet1.xml) expands to "
                       "1.36 GB (limit 268 MB)")
    with pytest.raises(SourceFormatError, match="expands to 1.36 GB"):
        sheet_names(path)


def test_a_zip_bomb_part_is_refused_by_its_ratio(tmp_path):
    path = hostile.add_part(hostile.workbook(tmp_path / "ratio.xlsx"), "xl/media/pad.xml",
                            b"<a>" + b"0" * 3_000_000 + b"</a>")
    assert "refused: part xl/media/pad.xml expands" in refusal(path)
    assert "(limit 200:1); a zip bomb" in refusal(path)


def test_the_whole_workbook_and_the_file_have_caps_too(tmp_path):
    path = hostile.workbook(tmp_path / "book.xlsx", rows=2000)
    assert "refused: the workbook expands to" in refusal(path, limits=Limits(xlsx_total_bytes=50_000))
    assert "refused: the file is" in refusal(path, limits=Limits(xlsx_file_bytes=10_000))


def test_rows_and_columns_past_their_caps_are_refused(tmp_path):
    path = hostile.workbook(tmp_path / "rows.xlsx", rows=150)
    assert "refused: the sheet has more than 100 rows (limit 100)" in refusal(
        path, limits=Limits(xlsx_rows=100))
    assert len(list(read_xlsx(path, limits=Limits(xlsx_rows=151)))) == 150
    far = hostile.rewrite(hostile.workbook(tmp_path / "wide.xlsx"), hostile.SHEET, lambda xml:
                          xml.replace(b"</row>", b'<c r="XFD1" t="inlineStr"><is><t>x</t></is></c>'
                                                 b"</row>", 1))
    assert "refused: row 1 has 16,384 columns (limit 2,000)" in refusal(far)


@pytest.mark.parametrize("member", [hostile.SHEET, "xl/workbook.xml", "xl/sharedStrings.xml"])
def test_a_dtd_or_entities_anywhere_is_hostile_content_not_damage(tmp_path, member):
    doctype = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
               b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    path = hostile.workbook(tmp_path / "dtd.xlsx")
    if member == "xl/sharedStrings.xml":
        hostile.add_part(path, member, doctype + b"<sst/>")
    else:
        hostile.rewrite(path, member, lambda xml: doctype + xml.split(b"?>", 1)[-1])
    message = refusal(path)
    assert "refused: hostile content" in message and "damaged" not in message


def test_ordinary_workbooks_still_read_merges_and_all(tmp_path):
    path = hostile.merge(hostile.workbook(tmp_path / "ok.xlsx", rows=4), "B2:B3")
    rows = [r.data["장비명"] for r in read_xlsx(path)]
    assert rows == ["질량분석기 1", "질량분석기 1", "질량분석기 3", "질량분석기 4"]


def test_csv_caps_on_lines_rows_and_the_file(tmp_path):
    path = tmp_path / "flat.csv"
    path.write_bytes("장비번호,장비명\n".encode() + b"EQ-1," + b"x" * 3_000_000 + b"\n")
    with pytest.raises(SourceFormatError, match=r"flat.csv, line 2: refused: line 2 is longer "
                                                r"than 1.05 MB"):
        list(read_csv(path))
    rows = tmp_path / "rows.csv"
    rows.write_text("장비번호,장비명\n" + "".join(f"EQ-{i},분석기\n" for i in range(50)),
                    encoding="utf-8")
    with pytest.raises(SourceFormatError, match="refused: the file has more than 40 rows"):
        list(read_csv(rows, limits=Limits(csv_rows=40)))
    with pytest.raises(SourceFormatError, match="refused: the file is"):
        list(read_csv(rows, limits=Limits(csv_file_bytes=100)))
    assert len(list(read_csv(rows))) == 50


def test_an_api_page_past_the_cap_is_refused_even_gzipped(server, http):
    items = [{"id": f"E-{i}", "name": "질량분석기 " * 50} for i in range(2000)]
    body = gzip.compress(json.dumps({"items": items}).encode())
    server.add_route("/big", lambda q: (200, {"Content-Type": "application/json",
                                              "Content-Encoding": "gzip"}, body))
    limits = Limits(page_bytes=200_000)
    with pytest.raises(SourceFormatError, match=r"refused: the answer from .*/big.* is larger "
                                                r"than 200 kB \(limit 200 kB a page\)"):
        list(json_api.fetch_pages(f"{server.url}/big", page_param=None, limits=limits, **http))
    server.add_route("/declared", lambda q: (200, {"Content-Type": "text/xml"}, b"<a/>" * 60_000))
    with pytest.raises(SourceFormatError, match="declares 240 kB"):
        list(xml_api.fetch_pages(f"{server.url}/declared", limits=limits, **http))


@pytest.mark.parametrize("content_type, body", [
    ("text/plain", "서비스 키가 등록되지 않았습니다 (SERVICE_KEY_IS_NOT_REGISTERED)".encode("cp949")),
    ("text/html", "서비스 키가 등록되지 않았습니다 (SERVICE_KEY_IS_NOT_REGISTERED)".encode("utf-8")),
    ("text/plain; charset=EUC-KR",
     "서비스 키가 등록되지 않았습니다 (SERVICE_KEY_IS_NOT_REGISTERED)".encode("cp949")),
])
def test_a_non_json_error_body_is_quoted_without_mojibake(server, http, content_type, body):
    """Without a charset requests assumes ISO-8859-1 for text/*; Korean servers send UTF-8 or
    cp949, so the excerpt tries the declared charset, then UTF-8, then cp949."""
    server.add_route("/api", lambda q: (403, {"Content-Type": content_type}, body))
    with pytest.raises(Exception) as caught:
        list(json_api.fetch_pages(f"{server.url}/api", **http))
    assert "서비스 키가 등록되지 않았습니다" in str(caught.value)


MEMORY_SCRIPT = """
import resource, sys
from pathlib import Path
from connectors.limits import Limits
from connectors.readers.xlsx_file import read_xlsx
status = open("/proc/self/status").read().split("VmSize:")[1].split()[0]
cap = int(status) * 1024 + 150 * 2**20
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
raised = Limits(xlsx_part_bytes=2**31, xlsx_total_bytes=2**31, xlsx_ratio=10**6)
try:
    list(read_xlsx(Path(sys.argv[1]), limits=raised))
    print("read")
except Exception as exc:
    print(type(exc).__name__, exc)
"""


@pytest.mark.slow
def test_running_out_of_memory_is_a_refusal_not_damage(tmp_path):
    """With the caps raised, a 400 MB shared string in a 400 kB workbook exhausts a process
    held to 150 MB more than it started with: the reader says so, not "damaged"."""
    import subprocess
    import sys
    from pathlib import Path

    path = hostile.shared_strings(hostile.workbook(tmp_path / "strings.xlsx"), 400)
    assert path.stat().st_size < 1_000_000
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(path)], cwd=root,
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("SourceFormatError strings.xlsx: refused: reading the "
                                  "workbook ran out of memory"), done.stdout + done.stderr
    assert "damaged" not in done.stdout
