"""XLSX reader: one or several sheets, multi-row headers and merged cells, via openpyxl.

Multi-row headers become path keys: the non-empty header cells of a column, top to bottom, joined
with "/" (repeats from a vertical merge collapse), so row 1 "장비정보" merged over three columns
above row 2 "장비명 | 제조사 | 모델" gives "장비정보/장비명", "장비정보/제조사", "장비정보/모델".
A merged range's value applies to every cell in it, in the header and in the data. Columns with
no header text are skipped; a repeated key gets its column letter, e.g. "비고 (F)".

Values are openpyxl's cell values (str, int, float, bool or None) except dates and times, which
become ISO-8601 strings ("2021-03-15", or with the time when it is not midnight), so records stay
JSON-safe. Formulas give their cached result.

The workbook is read as a stream (openpyxl's read_only mode), one row at a time, after its zip
has been checked against the caps of connectors.limits (xlsx_archive.py): a workbook that would
expand past them, merge too many cells, or declare a DTD or entities is refused with a message
that starts with "refused:" before openpyxl reads it. Merged ranges come from xlsx_archive (read
only mode hides them) and are applied row by row. A sheet damaged halfway fails when the reader
reaches the damage; the sync engine then rolls back what it read, so nothing changes either way.
"""
from __future__ import annotations

import datetime as dt
import gc
import traceback
import warnings
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from ..base import ConnectorError, SourceFormatError, SourceRecord, SourceUnavailable
from ..limits import DEFAULT, Limits
from . import xlsx_archive
from .xlsx_archive import DAMAGED, Merge


def sheet_names(path: str | Path, *, limits: Limits = DEFAULT) -> list[str]:
    """The names of the workbook's worksheets, in order."""
    path = Path(path)
    with _workbook(path, limits) as (workbook, _):
        return [ws.title for ws in workbook.worksheets]


def read_xlsx(path: str | Path, *, sheet: str | None = None, header_rows: int = 1,
              header_row: int = 1, required: Iterable[str] = (),
              id_column: str | None = None, limits: Limits = DEFAULT) -> Iterator[SourceRecord]:
    """Stream one sheet's rows as records (the first sheet unless named)."""
    path = Path(path)
    _check_header(header_row, header_rows)
    with _workbook(path, limits) as (workbook, parts):
        if not workbook.worksheets:
            raise SourceFormatError("the workbook has no worksheets", location=path.name)
        title = _sheet(workbook, sheet, path.name) if sheet else workbook.worksheets[0].title
        yield from _sheet_records(workbook, parts, title, path, header_row, header_rows,
                                  tuple(required), id_column, False, limits)


def read_xlsx_sheets(path: str | Path, sheets: Iterable[str] | None = None, *,
                     header_rows: int = 1, header_row: int = 1, required: Iterable[str] = (),
                     id_column: str | None = None,
                     limits: Limits = DEFAULT) -> Iterator[SourceRecord]:
    """Stream several sheets with the same header layout (all of them unless named)."""
    path = Path(path)
    _check_header(header_row, header_rows)
    with _workbook(path, limits) as (workbook, parts):
        named = sheets is not None
        titles = ([_sheet(workbook, s, path.name) for s in sheets] if named
                  else [ws.title for ws in workbook.worksheets])
        for title in titles:
            # A blank spare sheet is normal in a workbook read whole, but not in one asked for.
            yield from _sheet_records(workbook, parts, title, path, header_row, header_rows,
                                      tuple(required), id_column, not named, limits)


@contextmanager
def _workbook(path: Path, limits: Limits) -> Iterator[tuple[Workbook, dict[str, str]]]:
    """The workbook open for streaming, checked first; openpyxl's failures said in our words."""
    if not path.is_file():
        raise SourceUnavailable(f"file not found: {path}", location=path.name)
    workbook = None
    try:
        parts = xlsx_archive.inspect(path, limits)
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores; they do not affect values.
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True, data_only=True)
        yield workbook, parts
    except PermissionError as exc:
        raise SourceUnavailable(f"cannot open {path}: {exc.strerror}", location=path.name) from exc
    except (ConnectorError, GeneratorExit):
        raise
    except DefusedXmlException as exc:
        raise xlsx_archive.hostile(path.name, f"{type(exc).__name__}") from None
    except MemoryError as exc:
        # Free what the failed read held (its frames) before anything else needs memory.
        traceback.clear_frames(exc.__traceback__)
        workbook = None
        gc.collect()
        raise SourceFormatError(
            "refused: reading the workbook ran out of memory; it is far larger than a cluster "
            "inventory (see the XLSX limits in docs/connectors.md)", location=path.name) from None
    except Exception as exc:
        # openpyxl fails on damaged files with whatever zipfile, XML or its own parsers raise
        # (BadZipFile, KeyError, ParseError, ValueError, ...); all mean the same thing here.
        raise SourceFormatError(f"{DAMAGED} ({type(exc).__name__}: {exc})",
                                location=path.name) from None
    finally:
        if workbook is not None:
            workbook.close()


def _check_header(header_row: int, header_rows: int) -> None:
    if header_rows < 1 or header_row < 1:
        raise ValueError("header_row and header_rows start at 1")


def _sheet(workbook: Workbook, name: str, file: str) -> str:
    titles = [ws.title for ws in workbook.worksheets]
    if name not in titles:
        raise SourceFormatError(f"no sheet named {name!r}; the workbook has: {', '.join(titles)}",
                                location=file)
    return name


def _sheet_records(workbook: Workbook, parts: dict[str, str], title: str, path: Path,
                   header_row: int, header_rows: int, required: tuple[str, ...],
                   id_column: str | None, skip_empty: bool,
                   limits: Limits) -> Iterator[SourceRecord]:
    where = f"{path.name}, sheet {title}"
    ws = workbook[title]
    # The declared dimension is not trusted: a hostile one would pad every row to 16,384 cells.
    ws.reset_dimensions()
    part = parts.get(title)
    merged = Fill(xlsx_archive.merges(path, part, title, limits) if part else [])
    rows = _numbered(ws.iter_rows(values_only=True), where, limits)
    headers: list[list] = []
    for number, values in rows:
        values = merged.fill(number, values)  # rows above the header may start merges
        if number >= header_row:
            headers.append(values)
            if len(headers) == header_rows:
                break
    columns = _columns(headers + [[]] * (header_rows - len(headers)))
    if not columns:
        if skip_empty and not any(_filled_row(values) for _, values in rows):
            return
        raise SourceFormatError(f"the header row {header_row} is empty", location=where)
    present = [key for _, key in columns]
    missing = [c for c in dict.fromkeys(required + ((id_column,) if id_column else ()))
               if c not in present]
    if missing:
        raise SourceFormatError(
            f"missing required column(s): {', '.join(missing)}; the header has: "
            f"{', '.join(present)}", location=f"{where}, row {header_row}")
    for number, values in rows:
        values = merged.fill(number, values)
        if not _filled_row(values):
            continue
        data = {key: _value(values[i]) if i < len(values) else None for i, key in columns}
        source_id = _id_text(data.get(id_column)) if id_column else None
        yield SourceRecord(f"{where}, row {number}", data, source_id)


def _numbered(rows: Iterable[tuple], where: str, limits: Limits) -> Iterator[tuple[int, tuple]]:
    """(row number, values) from row 1, refused past the row and column caps."""
    for number, values in enumerate(rows, 1):
        if number > limits.xlsx_rows:
            raise SourceFormatError(f"refused: the sheet has more than {limits.xlsx_rows:,} rows "
                                    f"(limit {limits.xlsx_rows:,})", location=where)
        if len(values) > limits.xlsx_columns:
            raise SourceFormatError(f"refused: row {number} has {len(values):,} columns "
                                    f"(limit {limits.xlsx_columns:,})", location=where)
        yield number, values


class Fill:
    """Applies merged ranges row by row: a range's top-left value fills all its other cells."""

    def __init__(self, merges: Iterable[Merge]):
        self.starting: dict[int, list[Merge]] = defaultdict(list)
        for merge in merges:
            self.starting[merge.min_row].append(merge)
        self.active: list[tuple[Merge, Any]] = []

    def fill(self, number: int, values: tuple) -> list:
        """The row's values with merged cells filled; rows must come in order."""
        if self.active:
            self.active = [(m, v) for m, v in self.active if m.max_row >= number]
        for merge in self.starting.pop(number, ()):
            anchor = values[merge.min_col - 1] if merge.min_col <= len(values) else None
            self.active.append((merge, anchor))
        out = list(values)
        if not self.active:
            return out
        width = max(len(out), max(m.max_col for m, _ in self.active))
        out.extend([None] * (width - len(out)))
        for merge, value in self.active:
            for col in range(merge.min_col - 1, merge.max_col):
                if number != merge.min_row or col != merge.min_col - 1:
                    out[col] = value
        return out


def _filled_row(values: list | tuple) -> bool:
    return not all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _columns(headers: list[list]) -> list[tuple[int, str]]:
    width = max((len(h) for h in headers), default=0)
    columns: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index in range(width):
        parts: list[str] = []
        for header in headers:
            text = _text(header[index]) if index < len(header) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        key = "/".join(parts)
        if not key:
            continue
        if key in seen:
            key = f"{key} ({get_column_letter(index + 1)})"
        seen.add(key)
        columns.append((index, key))
    return columns


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(_value(value)).split())


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


def _id_text(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None
