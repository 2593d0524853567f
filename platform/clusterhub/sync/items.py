"""What the engine consumes: mapped documents or per-record issues, from a connector or a batch."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping

from connectors.base import Connector, ConnectorError, MappingError


@dataclass(frozen=True)
class Issue:
    """One problem with one record, located in the source."""

    location: str
    message: str
    source_id: str | None = None
    field: str | None = None
    severity: str = "error"
    # What message says as a code with parameters, when the connector gave one (an unknown
    # term: "sync.unknown_term", {"vocabulary", "term", "known"}); see sync/messages.py.
    code: str | None = None
    params: Mapping | None = None

    def as_dict(self) -> dict:
        """The issue as stored: a NUL byte in any part of it is written out as \\x00."""
        return {"location": shown(self.location), "source_id": shown(self.source_id),
                "field": shown(self.field), "message": shown(self.message),
                "severity": self.severity}

    def row(self) -> dict:
        """The columns of its SyncIssue: as_dict() with the code and its parameters."""
        params = {k: shown(v) for k, v in self.params.items()} if self.params else None
        return {**self.as_dict(), "code": self.code, "params": params}


@dataclass(frozen=True)
class Mapped:
    """A native record mapped to a shared-schema document, not yet validated."""

    location: str
    source_id: str | None
    document: dict
    # Schema field -> the native column(s) it came from, so a validation issue names both.
    columns: Mapping[str, str] = field(default_factory=dict)

    def located(self, path: str) -> str:
        """The location of an issue on the schema path: "x.csv, row 5, column 장비명"."""
        return at_column(self.location, self.columns.get(path.split(".")[0].split("[")[0]))


def at_column(location: str, column: str | None) -> str:
    return f"{location}, column {column}" if column else location


def nul_fields(document) -> list[str]:
    """The field paths ("title.ko", "categories[1]") whose text or key holds a NUL byte.

    PostgreSQL cannot store U+0000 in text or JSON (SQLite can), so such a record is refused
    on both databases alike, as a per-record issue naming the field. Walked with a stack, not
    recursion, so a deeply nested document cannot overflow it."""
    try:
        if "\\x00" not in repr(document):  # repr writes U+0000 as \x00: one fast C pass first
            return []
    except RecursionError:  # nested too deep for repr: the walk below needs no recursion
        pass
    found: list[str] = []
    stack: list[tuple[str, object]] = [("", document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                found.append(shown(path) or "(document)")
        elif isinstance(value, dict):
            for key, child in value.items():
                name = f"{path}.{key}" if path else str(key)
                if "\x00" in name:
                    found.append(shown(name))
                else:
                    stack.append((name, child))
        elif isinstance(value, list):
            stack.extend((f"{path}[{index}]", child) for index, child in enumerate(value))
    return sorted(found)


def shown(text):
    """Text safe to store on either database: a NUL byte written as the four characters \\x00."""
    return text.replace("\x00", "\\x00") if isinstance(text, str) else text


def from_connector(connector: Connector) -> Iterator[Mapped | Issue]:
    """Map every record; a bad record becomes an Issue naming the schema field (its `field`) and
    the source column (in its location), a broken source raises ConnectorError."""
    for record in connector.records():
        columns = connector.columns(record)
        try:
            doc = connector.map(record)
        except MappingError as exc:
            path, column, message = _named(exc, columns)
            yield Issue(at_column(exc.location or record.location, column), message,
                        exc.source_id or record.source_id, path, code=exc.code, params=exc.params)
            continue
        except (KeyError, ValueError, TypeError) as exc:
            # A mapping bug on one odd record must not sink the whole run; say what it was.
            yield Issue(record.location, f"could not map this record: {type(exc).__name__}: {exc}",
                        record.source_id, code=getattr(exc, "code", None),
                        params=getattr(exc, "params", None))
            continue
        yield Mapped(record.location, record.source_id or doc.get("source_id"), doc, columns)


def _named(exc: MappingError, columns: Mapping[str, str]) -> tuple[str | None, str | None, str]:
    """(schema field, source column, message) of a mapping error. The Table mapping puts the
    column in exc.field and starts the message with the schema path ("year_acquired: ...")."""
    prefix, _, rest = exc.message.partition(": ")
    if rest and prefix.split(".")[0] in columns:
        return prefix, exc.field, rest
    for path, names in columns.items():
        if exc.field and exc.field in names.split(", "):
            return path, exc.field, exc.message
    return exc.field, None, exc.message


def from_batch(documents: Iterable, label: str = "batch") -> Iterator[Mapped | Issue]:
    """A pushed batch of shared-schema documents; location is the item's index in the batch."""
    for index, doc in enumerate(documents):
        location = f"{label} item {index}"
        if not isinstance(doc, dict):
            yield Issue(location, "each item must be a JSON object (a listing document)")
            continue
        yield Mapped(location, doc.get("source_id"), doc)


__all__ = ["ConnectorError", "Issue", "Mapped", "from_batch", "from_connector", "nul_fields",
           "shown"]
