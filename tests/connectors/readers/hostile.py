"""Hostile files for the reader and sync tests, crafted small with zipfile (never large files)."""
from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"


def workbook(path: Path, rows: int = 3, title: str = "장비") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(["장비번호", "장비명"])
    for i in range(1, rows + 1):
        ws.append([f"EQ-{i:04d}", f"질량분석기 {i}"])
    wb.save(path)
    return path


def rewrite(path: Path, member: str, edit, target: Path | None = None) -> Path:
    """A copy of the zip (or the zip itself) with member's bytes replaced by edit(bytes)."""
    target = target or path
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts:
            out.writestr(info.filename, edit(data) if info.filename == member else data,
                         zipfile.ZIP_DEFLATED)
    return target


def add_part(path: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as out:
        out.writestr(member, data)
    return path


def merge(path: Path, ref: str, member: str = SHEET) -> Path:
    """Add one merged range to the sheet's XML, where Excel writes it (after sheetData)."""
    tag = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'.encode()
    return rewrite(path, member, lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + tag))


def claim_size(path: Path, member: str, size: int) -> Path:
    """Make the zip's central directory declare member's uncompressed size as `size`; the file
    stays small, as a crafted zip bomb would (zipfile trusts and enforces the declared size)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = 0
    while True:
        at = data.index(b"PK\x01\x02", at)
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46: at + 46 + length] == name:
            struct.pack_into("<I", data, at + 24, size)
            path.write_bytes(bytes(data))
            return path
        at += 4


def shared_strings(path: Path, megabytes: int) -> Path:
    """One shared string of `megabytes` MB (the zip stays a few hundred kB): openpyxl holds
    the shared strings in memory even in read-only mode."""
    hostile_rels = (b'<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>')
    rewrite(path, "xl/_rels/workbook.xml.rels",
            lambda xml: xml.replace(b"</Relationships>", hostile_rels))
    override = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rewrite(path, "[Content_Types].xml", lambda xml: xml.replace(b"</Types>", override))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/sharedStrings.xml", "w") as out:
        out.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                  b'count="1" uniqueCount="1"><si><t>')
        chunk = b"a" * (1 << 20)
        for _ in range(megabytes):
            out.write(chunk)
        out.write(b"</t></si></sst>")
    return path
