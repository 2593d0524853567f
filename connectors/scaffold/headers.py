"""What a sample export holds: its columns and a few records, read the way the sync reads it."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..readers.csv_file import read_csv
from ..readers.xlsx_file import read_xlsx, sheet_names

FORMATS = ("csv", "xlsx", "json", "xml", "zeus")
# Read by the ZEUS reader itself (published or not), or administrative: not for the mapping.
ZEUS_HANDLED = {"deleteYn", "confirmYn", "apiYn", "rndYn", "registDt", "modifyDt", "statusCd",
                "statusNm", "equipCd", "organCd", "useScopeCd", "idleDisuseCd"}
# The fields of a real ZEUS list record (tests/connectors/readers/reference/) and of its detail call.
ZEUS_FIELDS = ("equipId", "equipNo", "korNm", "engNm", "organNm", "idleDisuseNm", "useScopeNm",
               "rndNm", "makerNm", "modelNm", "takeDt", "stdClsNm", "installPlaceNm")
SAMPLE_ROWS = 500


@dataclass
class Sample:
    """A sample export: its columns in order, its first records, and where its items are."""

    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    sheet: str | None = None          # xlsx: the sheet read
    header_row: int = 1               # xlsx: the header's row (notes or a title may sit above it)
    items_path: str = ""              # json: the dotted path of the item list ("" = the body)
    total_path: str | None = None     # json: the dotted path of the item count, when there is one


def read_sample(fmt: str, path: Path) -> Sample:
    """The columns and first records of the sample; ValueError says what is wrong with it."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"no sample file at {path}")
    if fmt == "csv":
        return _from_records(read_csv(path))
    if fmt == "xlsx":
        sheet = sheet_names(path)[0]
        header_row = _header_row(path, sheet)
        sample = _from_records(read_xlsx(path, sheet=sheet, header_row=header_row))
        sample.sheet, sample.header_row = sheet, header_row
        return sample
    if fmt == "xml":
        return _xml(path)
    body = json.loads(path.read_text(encoding="utf-8-sig"))
    if fmt == "zeus":
        rows = body.get("pageList", []) if isinstance(body, dict) else []
        return Sample(list(ZEUS_FIELDS), rows[:SAMPLE_ROWS], items_path="pageList", total_path="total")
    return _json(body, path.name)


def _from_records(records) -> Sample:
    rows = []
    for record in records:
        rows.append(dict(record.data))
        if len(rows) >= SAMPLE_ROWS:
            break
    columns = list(dict.fromkeys(c for row in rows for c in row))
    return Sample(columns, rows)


def _json(body: Any, name: str) -> Sample:
    path, items = _item_list(body, "")
    if items is None:
        raise ValueError(f"{name}: no list of records (JSON objects) found in the sample")
    columns = list(dict.fromkeys(k for item in items for k in item))
    total = None
    parent = _at(body, path.rpartition(".")[0]) if "." in path else body
    for key in ("total", "totalCount", "total_count", "count"):
        if isinstance(parent, dict) and isinstance(parent.get(key), int):
            total = (path.rpartition(".")[0] + "." if "." in path else "") + key
            break
    return Sample(columns, items[:SAMPLE_ROWS], items_path=path, total_path=total)


def _item_list(value: Any, path: str) -> tuple[str, list[dict] | None]:
    """The first list of objects, breadth first: ("data.items", [...])."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return path, value
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, list) and child and all(isinstance(v, dict) for v in child):
                return f"{path}.{key}".lstrip("."), child
        for key, child in value.items():
            found = _item_list(child, f"{path}.{key}".lstrip("."))
            if found[1] is not None:
                return found
    return path, None


def _at(body: Any, path: str) -> Any:
    for part in filter(None, path.split(".")):
        body = body.get(part) if isinstance(body, dict) else None
    return body


def _xml(path: Path) -> Sample:
    root = ET.parse(path).getroot()
    items = root.findall(".//item") or _repeated(root)
    rows = [{child.tag: (child.text or "").strip() for child in item} for item in items[:SAMPLE_ROWS]]
    if not rows:
        raise ValueError(f"{path.name}: no repeated record elements (<item>) found in the sample")
    return Sample(list(dict.fromkeys(k for row in rows for k in row)), rows)


def _repeated(root: ET.Element) -> list[ET.Element]:
    for element in root.iter():
        children = list(element)
        if len(children) > 1 and len({c.tag for c in children}) == 1 and len(children[0]):
            return children
    return []


def _header_row(path: Path, sheet: str) -> int:
    """The first of the top rows with the most filled cells: title and note rows fill fewer.
    (Two-row merged headers are not guessed: set header_rows=2 on the XlsxSheet by hand.)"""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = list(workbook[sheet].iter_rows(max_row=12, values_only=True))
    finally:
        workbook.close()
    filled = [sum(1 for v in row if v not in (None, "")) for row in rows]
    return filled.index(max(filled)) + 1 if filled else 1
