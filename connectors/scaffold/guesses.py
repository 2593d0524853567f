"""Guesses from a column's name to a field of the shared schema (the names are synonyms.py's)."""
from __future__ import annotations

from dataclasses import dataclass

from schemas.listing import SCHEMAS

from . import personal
from .synonyms import KINDS, header_keys, lookup, squash

# Set by the connector, not by a column: never listed as unmapped.
SET_BY_CONNECTOR = {"kind", "source_id", "cluster", "region", "contact"}

ID_NAMES = ("장비번호", "장비코드", "장비id", "관리번호", "자산번호", "서비스번호", "서비스코드", "서비스id",
            "서비스no", "전문가번호", "전문가id", "번호", "연번", "순번", "id", "code", "equipid", "no",
            "equipment id", "service id", "item no")


@dataclass(frozen=True)
class Guess:
    path: str                 # schema path ("title.ko", "related+")
    parser: str | None        # the parser's expression in the module, or None for text
    kinds: tuple[str, ...] = KINDS


# ZEUS fields with the ZEUS readers' own parsers.
ZEUS = {"equipNo": Guess("nfec_no", "nfec_number"), "idleDisuseNm": Guess("status", "usage_status"),
        "useScopeNm": Guess("sharing_scope", "zeus_scope"),
        "stdClsNm": Guess("equipment_class", "EQUIPMENT_CLASSES")}
# Where each parser comes from, for the module's imports.
IMPORTS = {"parse_year": "..conventions", "parse_days": "..conventions", "iso_date": "..conventions",
           "fee_document": "..conventions", "sharing_scope": "..conventions", "TermMap": "..conventions",
           "active_if": "..conventions.mapping",
           "bilingual_list": "..conventions.mapping", "text_list": "..conventions.mapping",
           "Table": "..conventions.mapping", "EQUIPMENT_CLASSES": "..conventions.words",
           "SERVICE_TYPES": "..conventions.words", "nfec_number": "..readers.zeus_api",
           "usage_status": "..readers.zeus_api", "class_categories": "..readers.zeus_api",
           "zeus_scope": "..readers.zeus_api"}


def guess(column: str, kind: str, zeus: bool = False) -> tuple[tuple[int, int], Guess] | None:
    """The schema field a column probably holds, for this kind, with the rank of its name (lower is
    likelier: the whole header before a stripped one, 분야 before 분류 for categories); None when
    nothing fits, and always for a column of personal data (a staff member's name or line)."""
    if zeus and column in ZEUS:
        return (0, 0), ZEUS[column]
    if personal.is_personal_header(column):
        return None
    found = lookup(column, kind)
    return (found[0], Guess(found[1], found[2], (kind,))) if found else None


def id_column(columns: list[str], kind: str) -> str:
    """The column that most probably holds the record's id (the first column otherwise)."""
    keys = {}
    for column in columns:
        for key, _ in header_keys(column)[:2]:
            keys.setdefault(key, column)
    for name in ID_NAMES:
        if squash(name) in keys:
            return keys[squash(name)]
    return columns[0]


def required_fields(kind: str) -> list[str]:
    """The schema fields a mapping of this kind must fill (the connector sets the rest)."""
    schema = SCHEMAS[kind]()
    return [n for n, f in schema.fields.items() if f.required and n not in SET_BY_CONNECTOR]


def schema_fields(kind: str) -> list[str]:
    return [n for n in SCHEMAS[kind]().fields if n not in SET_BY_CONNECTOR]
