"""How much of a source a reader accepts: the one place for the caps on files and pages.

A hostile or broken export must be refused with a clear message before it eats the server's
memory or time: a 20 kB workbook whose one merged range covers 17 billion cells, a 29 MB
workbook holding 1.36 GB of sheet XML, a CSV with one gigabyte-long line, an API page of 2 GB.
Every reader takes a Limits (SourceSettings.limits, DEFAULT when not given); the platform fills
it from CONNECTOR_LIMIT_* settings (Limits.from_mapping), so an operator can raise a cap for a
cluster whose real export is larger. A refusal is a SourceFormatError whose message starts with
"refused:" and names the file or page, what it measured and the limit.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Caps on what a reader reads; each one has a CONNECTOR_LIMIT_<NAME> setting."""

    # XLSX (a zip of XML parts)
    xlsx_file_bytes: int = 100 * MB          # the .xlsx file itself (compressed)
    xlsx_part_bytes: int = 256 * MB          # one part (a sheet's XML) once uncompressed
    xlsx_total_bytes: int = 512 * MB         # all parts together once uncompressed
    xlsx_ratio: int = 200                    # uncompressed : compressed, for parts over 1 MB
    xlsx_merged_ranges: int = 20_000         # merged ranges in one sheet
    xlsx_merged_cells: int = 1_000_000       # cells covered by one sheet's merged ranges
    xlsx_columns: int = 2_000                # columns in one row
    xlsx_rows: int = 1_000_000               # rows in one sheet
    # CSV
    csv_rows: int = 10_000_000               # rows in one file
    csv_file_bytes: int = 2048 * MB          # the file
    csv_line_bytes: int = 1 * MB             # one physical line
    # JSON and XML API pages
    page_bytes: int = 64 * MB                # one page, after any gzip decoding

    @classmethod
    def from_mapping(cls, config: Mapping[str, Any]) -> Limits:
        """The defaults, with any CONNECTOR_LIMIT_<NAME> in config (a whole number) over them."""
        values = {}
        for item in fields(cls):
            raw = config.get(f"CONNECTOR_LIMIT_{item.name.upper()}")
            if raw not in (None, ""):
                values[item.name] = int(raw)
        return cls(**values)


DEFAULT = Limits()


def size(n: float) -> str:
    """A byte count as people read it: 1.36 GB, 19.6 kB, 812 bytes (decimal units)."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}" if n / scale < 100 else f"{n / scale:,.0f} {unit}"
    return f"{int(n):,} bytes"
