"""Declarative mapping of one native table (sheet, file or endpoint) to shared listing documents."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from schemas import global_id

from ..base import MappingError, SourceRecord

# (schema path, native column or columns, parser or None). A path ending in "+" extends a list,
# so several columns can feed `related`; "title.ko" sets one language of a bilingual field.
Spec = tuple
EMPTY = (None, "", "-", [], {})


@dataclass(frozen=True)
class TableRecord(SourceRecord):
    """A source record that also says which of the connector's tables it came from."""

    table: str = ""


@dataclass(frozen=True)
class Table:
    """One native table: where it comes from, its id column and how its columns map."""

    name: str
    kind: str
    source: Any                                  # a source of conventions.sources
    id_column: str
    fields: Sequence[Spec]
    defaults: Mapping[str, Any] = field(default_factory=dict)

    @property
    def required_columns(self) -> tuple[str, ...]:
        """Columns a file export must have: the id and the title; without them no record maps."""
        out = [self.id_column]
        for spec in self.fields:
            path, columns = spec[0], spec[1]
            if path.split(".")[0] in ("title", "name"):
                out.extend(columns if isinstance(columns, tuple) else (columns,))
        return tuple(dict.fromkeys(c for c in out if "." not in c))

    @property
    def columns(self) -> dict[str, str]:
        """Schema field (top level) -> its native column(s), comma-separated; source_id -> the id column."""
        found: dict[str, list[str]] = {"source_id": [self.id_column]}
        for spec in self.fields:
            names = spec[1] if isinstance(spec[1], tuple) else (spec[1],)
            found.setdefault(spec[0].rstrip("+").split(".")[0], []).extend(names)
        return {path: ", ".join(dict.fromkeys(names)) for path, names in found.items()}

    def map(self, record: SourceRecord, base: Mapping[str, Any]) -> dict:
        """The listing document of one record; MappingError names the column that failed."""
        source_id = _text(record.source_id) or _text(lookup(record.data, self.id_column))
        if not source_id:
            raise MappingError(f"the record has no id in column {self.id_column!r}",
                               location=record.location, field=self.id_column)
        document: dict[str, Any] = {**base, "kind": self.kind, "source_id": source_id}
        for spec in self.fields:
            path, columns, parse = (*spec, None)[:3]
            names = columns if isinstance(columns, tuple) else (columns,)
            raw = [lookup(record.data, name) for name in names]
            if all(_empty(v) for v in raw):
                continue
            try:
                value = parse(*raw) if parse else _text(raw[0])
            except MappingError as exc:
                raise MappingError(f"{path.rstrip('+')}: {exc.message}", location=record.location,
                                   field=exc.field or names[0], source_id=source_id,
                                   code=exc.code, params=exc.params) from None
            except (ValueError, TypeError) as exc:
                raise MappingError(f"{path.rstrip('+')}: {exc}", location=record.location,
                                   field=names[0], source_id=source_id,
                                   code=getattr(exc, "code", None),
                                   params=getattr(exc, "params", None)) from None
            _assign(document, path, value)
        for path, value in self.defaults.items():
            document.setdefault(path, value)
        if "related" in document:
            document["related"] = list(dict.fromkeys(document["related"]))[:200]
        return document


def lookup(data: Mapping[str, Any], column: str) -> Any:
    """A column's value; 'a.b' also reaches into nested JSON objects."""
    if column in data:
        return data[column]
    value: Any = data
    for part in column.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _empty(value: Any) -> bool:
    return value in EMPTY if not isinstance(value, str) else value.strip() in ("", "-")


def _text(value: Any) -> str | None:
    if _empty(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _assign(document: dict, path: str, value: Any) -> None:
    if value is None or value == [] or value == "":
        return
    extend = path.endswith("+")
    *parents, leaf = path.rstrip("+").split(".")
    target = document
    for part in parents:
        target = target.setdefault(part, {})
    if extend:
        target.setdefault(leaf, []).extend(value if isinstance(value, list) else [value])
    else:
        target[leaf] = value


def links(cluster: str, kind: str, separators: str = ",;|/") -> Callable[[Any], list[str]]:
    """A cell (or JSON list) of native ids of linked records, as global ids."""
    def parse(value: Any) -> list[str]:
        items = value if isinstance(value, list) else _split(str(value), separators)
        ids = [_text(item) for item in items]
        return [global_id(cluster, kind, i) for i in ids if i]
    return parse


def _split(text: str, separators: str) -> list[str]:
    for sep in separators[1:]:
        text = text.replace(sep, separators[0])
    return text.split(separators[0])


def bilingual_list(language: str = "ko", separators: str = ",;") -> Callable[[Any], list[dict]]:
    """A cell of several short texts (expertise areas) as [{ko: ...}, ...]."""
    def parse(value: Any) -> list[dict]:
        items = value if isinstance(value, list) else _split(str(value), separators)
        return [{language: t} for t in (_text(i) for i in items) if t]
    return parse


def bilingual_pairs(separators: str = ",;") -> Callable[[Any, Any], list[dict]]:
    """Two cells listing the same items in Korean and English, as [{ko, en}, ...]."""
    def parse(korean: Any, english: Any) -> list[dict]:
        ko = [_text(i) for i in _split(str(korean or ""), separators)]
        en = [_text(i) for i in _split(str(english or ""), separators)]
        if english and len(ko) != len(en):
            raise ValueError(f"{len(ko)} Korean but {len(en)} English items")
        pairs = zip(ko, en) if english else ((k, None) for k in ko)
        return [{k: v for k, v in (("ko", a), ("en", b)) if v} for a, b in pairs if a or b]
    return parse


def bilingual_items(value: Any) -> list[dict]:
    """A JSON list of {ko, en} (or {kor, eng}) objects as bilingual texts."""
    if not isinstance(value, list):
        raise ValueError(f"expected a list of {{ko, en}} objects, got {type(value).__name__}")
    out = []
    for item in value:
        if not isinstance(item, Mapping):
            raise ValueError(f"expected a {{ko, en}} object, got {item!r}")
        text = {"ko": _text(item.get("ko", item.get("kor"))), "en": _text(item.get("en", item.get("eng")))}
        text = {k: v for k, v in text.items() if v}
        if text:
            out.append(text)
    return out


def text_list(separators: str = ",;|") -> Callable[[Any], list[str]]:
    """A cell of several words (techniques, keywords) as a list."""
    def parse(value: Any) -> list[str]:
        items = value if isinstance(value, list) else _split(str(value), separators)
        return list(dict.fromkeys(t for t in (_text(i) for i in items) if t))
    return parse


def active_if(*words: str, inactive: Sequence[str]) -> Callable[[Any], str]:
    """status 'active' when the cell is one of words, 'inactive' when it is one of inactive;
    any other value is an error naming both lists (never a silent default)."""
    wanted = {w.casefold() for w in words}
    idle = {w.casefold() for w in inactive}

    def status(value: Any) -> str:
        text = (_text(value) or "").casefold()
        if text in wanted:
            return "active"
        if text in idle:
            return "inactive"
        raise ValueError(f"unknown status {_text(value)!r}; this source writes "
                         f"{', '.join(words)} (active) or {', '.join(inactive)} (inactive)")
    return status


def integer(value: Any) -> int:
    """A whole number written as 30, '30' or '30.0'."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    text = _text(value) or ""
    try:
        return int(text.replace(",", ""))
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None
