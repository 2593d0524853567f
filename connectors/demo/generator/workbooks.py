"""XLSX workbooks as Korean offices lay them out, written byte-for-byte reproducibly."""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FIXED_TIME = datetime(2025, 1, 1)
ZIP_TIME = (2025, 1, 1, 0, 0, 0)
_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)


@dataclass
class Sheet:
    """One worksheet: headers, rows and layout options (title row, notes, merged cells)."""

    name: str
    headers: list[str]
    rows: list[list[Any]]
    title: str | None = None
    notes: tuple[str, ...] = ()
    merge: str | None = None          # header whose runs of equal values are merged vertically
    grouped: bool = False             # 'group/name' headers make a two-row header
    widths: dict[str, int] = field(default_factory=dict)


def write_workbook(path: Path, sheets: list[Sheet]) -> None:
    """Save the sheets as one .xlsx whose bytes depend only on the content."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _fill(book.create_sheet(sheet.name), sheet)
    book.properties.creator = "ClusterHub sample generator"
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(_reproducible(buffer.getvalue()))


def _fill(ws, sheet: Sheet) -> None:
    width = len(sheet.headers)
    row = 1
    if sheet.title:
        ws.cell(row, 1, sheet.title).font = Font(bold=True, size=13)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    for note in sheet.notes:
        ws.cell(row, 1, note)
        row += 1
    row = _header(ws, sheet.headers, row, sheet.grouped)
    first_data = row
    for values in sheet.rows:
        for col, value in enumerate(values, 1):
            cell = ws.cell(row, col, value)
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd"
        row += 1
    if sheet.merge:
        _merge_runs(ws, sheet.headers.index(sheet.merge) + 1, first_data, row - 1)
    ws.freeze_panes = ws.cell(first_data, 2)
    for col, header in enumerate(sheet.headers, 1):
        name = header.split("/")[-1] if sheet.grouped else header
        ws.column_dimensions[get_column_letter(col)].width = sheet.widths.get(name, _width(name))


def _header(ws, headers: list[str], row: int, grouped: bool) -> int:
    """Write one header row, or two when grouped ('group/name' headers); the next free row."""
    if not grouped:
        for col, name in enumerate(headers, 1):
            _head(ws.cell(row, col, name))
        return row + 1
    groups = [h.split("/", 1) if "/" in h else [None, h] for h in headers]
    col = 1
    while col <= len(groups):
        group, name = groups[col - 1]
        if group is None:
            # An ungrouped column spans both header rows, as merged cells.
            _head(ws.cell(row, col, name))
            _head(ws.cell(row + 1, col))
            ws.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col)
            col += 1
            continue
        end = col
        while end < len(groups) and groups[end][0] == group:
            end += 1
        _head(ws.cell(row, col, group))
        for c in range(col, end + 1):
            _head(ws.cell(row + 1, c, groups[c - 1][1]))
            if c > col:
                _head(ws.cell(row, c))
        if end > col:
            ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=end)
        col = end + 1
    return row + 2


def _head(cell) -> None:
    cell.font = BOLD
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _merge_runs(ws, col: int, first: int, last: int) -> None:
    start = first
    for row in range(first + 1, last + 2):
        if row > last or ws.cell(row, col).value != ws.cell(start, col).value:
            if row - 1 > start:
                ws.merge_cells(start_row=start, start_column=col, end_row=row - 1, end_column=col)
                ws.cell(start, col).alignment = Alignment(vertical="center")
            start = row


def _width(name: str) -> int:
    # Hangul is about twice as wide as Latin text in Excel's default font.
    return min(40, max(8, sum(2 if ord(ch) > 0x2E80 else 1 for ch in name) + 4))


def _reproducible(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry times and fixed document timestamps."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIMES.sub(rb"\g<1>2025-01-01T00:00:00Z\g<3>", content)
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()
