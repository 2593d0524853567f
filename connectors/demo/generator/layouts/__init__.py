"""Each cluster's native export layout: format, tables, column names and value styles."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..styles import Cell

KINDS = ("service", "equipment", "expert")


@dataclass(frozen=True)
class Table:
    """One native table: a sheet, a file or an API endpoint, holding one kind of record."""

    kind: str
    name: str                                  # sheet, file or endpoint name
    native_id: Callable[[int], Any]            # the cluster's id of record number n
    columns: tuple[tuple[str, Cell], ...]      # (native header, cell); "a/b" = two header rows
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Layout:
    """A cluster's export: its format (xlsx, csv, json_api, xml_api, zeus_api) and tables."""

    code: str
    format: str
    tables: tuple[Table, ...]
    options: dict[str, Any] = field(default_factory=dict)

    def table(self, kind: str) -> Table | None:
        return next((t for t in self.tables if t.kind == kind), None)


class Context:
    """What a cell may ask while a table is written: the native id of a linked record."""

    def __init__(self, layout: Layout):
        self.layout = layout

    def native_id(self, kind: str, seq: int) -> Any:
        table = self.layout.table(kind)
        if table is None:
            raise ValueError(f"{self.layout.code} has no {kind} table to link to")
        return table.native_id(seq)


def own_id() -> Cell:
    """The record's own native id."""
    return lambda record, ctx: ctx.native_id(record.kind, record.seq)


def fmt(pattern: str) -> Callable[[int], str]:
    """Native ids from a format pattern, e.g. 'KMH-EQ-{:05d}'."""
    return pattern.format


def offset(start: int) -> Callable[[int], int]:
    """Numeric native ids (database sequence numbers) starting after start."""
    return lambda seq: start + seq


def all_layouts() -> dict[str, Layout]:
    """The 20 clusters' layouts by cluster code."""
    from . import apis, complexes, delimited, spreadsheets

    layouts = [*complexes.LAYOUTS, *spreadsheets.LAYOUTS, *delimited.LAYOUTS, *apis.LAYOUTS]
    return {layout.code: layout for layout in layouts}
