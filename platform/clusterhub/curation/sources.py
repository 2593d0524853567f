"""A cluster's source as an operator reads it: the connector's settings as a table (never secrets,
class names or local paths) and each issue's place in the source file (file, sheet, row, column)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..messages import N_

FORMATS = {"xlsx": N_("Excel workbook (XLSX)"), "csv": N_("CSV file"),
           "json_api": N_("JSON web API"), "xml_api": N_("XML web API (data.go.kr style)"),
           "zeus_api": N_("ZEUS equipment API")}
# deploy/systemd/clusterhub-sync.timer; keep the two in step.
SCHEDULE = N_("Every night at 02:30 KST, and whenever you press “Sync now”")


@dataclass(frozen=True)
class SourceRow:
    kind: str       # equipment, service, expert
    source: str     # a file name and its sheets, or an API path: never a local directory
    format: str     # an N_ text


def table(info: dict) -> list[SourceRow]:
    """The rows of a connector's describe(): what it reads for each kind, in what format."""
    fmt = FORMATS.get(info.get("format", ""), info.get("format", ""))
    rows = []
    for spec in (info.get("tables") or {}).values():
        source = str(spec.get("source", ""))
        rows.append(SourceRow(spec.get("kind", ""), source.replace("{cluster}", info.get("code", "")), fmt))
    return rows


@dataclass(frozen=True)
class Place:
    """Where an issue's record sits in the export."""

    source: str = ""  # file name or API path
    sheet: str = ""
    row: str = ""     # "12", "line 40", or "page 3, item 7" for an API
    column: str = ""


PART = re.compile(r"^(?:(?P<sheet>sheet) (?P<sheet_name>.+)|(?P<unit>row|line|item) (?P<n>\d+)"
                  r"|column (?P<column>.+))$")
PAGE = re.compile(r"^(?P<path>GET \S+) page (?P<page>\S+)$")


def place(location: str | None, column: str | None = None) -> Place:
    """Split a connector's location ("kmedihub.xlsx, sheet 연구장비, row 12, column 분야",
    "GET /kmedihub/equipment page 3, item 7") into its parts; what does not parse stays whole.
    The source column named in the location wins over column (older issues: the field)."""
    parts = [p.strip() for p in (location or "").split(", ") if p.strip()]
    source, sheet, row = (parts[0] if parts else ""), "", ""
    page = PAGE.match(source)
    if page:
        source, row = page["path"], f"page {page['page']}"
    for part in parts[1:]:
        m = PART.match(part)
        if m and m["column"]:
            column = m["column"]
        elif m and m["sheet"]:
            sheet = m["sheet_name"]
        elif m and m["unit"] == "row":
            row = f"{row}, {m['n']}" if row else m["n"]
        elif m:
            row = f"{row}, {m['unit']} {m['n']}" if row else f"{m['unit']} {m['n']}"
        else:
            source = f"{source}, {part}"
    return Place(source, sheet, row, column or "")
