"""The zip under an XLSX workbook, checked before openpyxl reads a byte of it.

An .xlsx file is a zip of XML parts. Zip sizes are declared in the archive and enforced by
zipfile (a part that inflates past its declared size fails its check), so the caps of
connectors.limits are checked from the directory alone: the file, each part, all parts, the
compression ratio. Parts that declare a DTD or entities are refused as hostile. Merged ranges
are read here by scanning the sheet's XML as a byte stream (openpyxl's streaming mode does not
expose them), counted and capped before any cell is filled.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from openpyxl.utils import column_index_from_string

from ..base import SourceFormatError
from ..limits import Limits, size

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PROLOG_BYTES = 64 * 1024
CHUNK = 1 << 20
MERGE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+)'
                   rb'(?::([A-Z]{1,3})(\d+))?"')
HOSTILE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
DAMAGED = ("cannot read the file as an XLSX workbook: it is damaged, truncated or not an .xlsx "
           "file")


@dataclass(frozen=True)
class Merge:
    """A merged range: rows and columns from 1, inclusive."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int

    @property
    def cells(self) -> int:
        return (self.max_row - self.min_row + 1) * (self.max_col - self.min_col + 1)


def hostile(where: str, detail: str) -> SourceFormatError:
    return SourceFormatError(
        f"refused: hostile content: {detail}; a workbook never needs a DTD or entities, which "
        "can expand without bound (billion laughs) or read local files", location=where)


def inspect(path: Path, limits: Limits) -> dict[str, str]:
    """Check the archive against the caps and for hostile parts; {sheet title: part name}."""
    where = path.name
    compressed = path.stat().st_size
    if compressed > limits.xlsx_file_bytes:
        raise SourceFormatError(f"refused: the file is {size(compressed)} "
                                f"(limit {size(limits.xlsx_file_bytes)})", location=where)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            sheets = _sheet_parts(archive, where)
            titles = {part: title for title, part in sheets.items()}
            total = 0
            for info in parts:
                total += info.file_size
                name = (f"sheet {titles[info.filename]} ({info.filename})"
                        if info.filename in titles else f"part {info.filename}")
                if info.file_size > limits.xlsx_part_bytes:
                    raise SourceFormatError(
                        f"refused: {name} expands to {size(info.file_size)} "
                        f"(limit {size(limits.xlsx_part_bytes)})", location=where)
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > 1 << 20 and ratio > limits.xlsx_ratio:
                    raise SourceFormatError(
                        f"refused: {name} expands {ratio:,.0f} times, from "
                        f"{size(info.compress_size)} to {size(info.file_size)} "
                        f"(limit {limits.xlsx_ratio}:1); a zip bomb, not a spreadsheet",
                        location=where)
            if total > limits.xlsx_total_bytes:
                raise SourceFormatError(f"refused: the workbook expands to {size(total)} "
                                        f"(limit {size(limits.xlsx_total_bytes)})", location=where)
            for info in parts:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    with archive.open(info) as part:
                        found = HOSTILE.search(part.read(PROLOG_BYTES))
                    if found:
                        raise hostile(where, f"{info.filename} declares "
                                             f"{found.group().decode()[2:]}")
            return sheets
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise SourceFormatError(f"{DAMAGED} ({type(exc).__name__}: {exc})",
                                location=where) from None


def merges(path: Path, part: str, title: str, limits: Limits) -> list[Merge]:
    """The sheet's merged ranges, read from its XML as a stream; refused past the caps."""
    where = f"{path.name}, sheet {title}"
    found: list[Merge] = []
    cells = 0
    with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
        carry = b""
        while True:
            chunk = stream.read(CHUNK)
            buffer = carry + chunk
            # Tags end before the next "<", so everything before the last "<" holds whole tags.
            cut = len(buffer) if not chunk else buffer.rfind(b"<")
            body, carry = (buffer, b"") if cut < 0 else (buffer[:cut], buffer[cut:][:PROLOG_BYTES])
            if b"mergeCell" in body:
                for match in MERGE.finditer(body):
                    merge = _merge(match)
                    found.append(merge)
                    cells += merge.cells
                    if len(found) > limits.xlsx_merged_ranges:
                        raise SourceFormatError(
                            f"refused: more than {limits.xlsx_merged_ranges:,} merged ranges "
                            f"(limit {limits.xlsx_merged_ranges:,})", location=where)
                    if cells > limits.xlsx_merged_cells:
                        ref = match.group(0).split(b'ref="')[1].decode().rstrip('"')
                        raise SourceFormatError(
                            f"refused: merged ranges cover {cells:,} cells, the last one "
                            f"{ref} alone {merge.cells:,} (limit {limits.xlsx_merged_cells:,})",
                            location=where)
            if not chunk:
                return found


def _merge(match: re.Match) -> Merge:
    first_col, first_row, last_col, last_row = match.groups()
    last_col, last_row = last_col or first_col, last_row or first_row
    rows = sorted((int(first_row), int(last_row)))
    cols = sorted((column_index_from_string(first_col.decode()),
                   column_index_from_string(last_col.decode())))
    return Merge(rows[0], cols[0], rows[1], cols[1])


def _sheet_parts(archive: zipfile.ZipFile, where: str) -> dict[str, str]:
    """{sheet title: part name} from xl/workbook.xml and its relationships."""
    try:
        book = _xml(archive, "xl/workbook.xml", where)
        rels = _xml(archive, "xl/_rels/workbook.xml.rels", where)
    except KeyError:
        return {}  # not a workbook: openpyxl says so in its own words
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{RELS}Relationship")}
    sheets = {}
    for sheet in book.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(REL_ID), "")
        if target.startswith("/"):
            part = target.lstrip("/")
        else:
            part = str(PurePosixPath("xl") / target)
        sheets[sheet.get("name", "")] = _normal(part)
    return sheets


def _xml(archive: zipfile.ZipFile, name: str, where: str):
    with archive.open(name) as part:
        content = part.read()
    try:
        return SafeET.fromstring(content, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise hostile(where, f"{name} declares a DTD or entities ({type(exc).__name__})") from None
    except SafeET.ParseError as exc:
        raise SourceFormatError(f"{DAMAGED} ({name}: {exc})", location=where) from None


def _normal(part: str) -> str:
    out: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece not in ("", "."):
            out.append(piece)
    return "/".join(out)
