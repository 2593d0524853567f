"""What the engine consumes: mapped documents or per-record issues, from a connector or a batch."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from connectors.base import Connector, ConnectorError, MappingError


@dataclass(frozen=True)
class Issue:
    """One problem with one record, located in the source."""

    location: str
    message: str
    source_id: str | None = None
    field: str | None = None
    severity: str = "error"

    def as_dict(self) -> dict:
        return {"location": self.location, "source_id": self.source_id, "field": self.field,
                "message": self.message, "severity": self.severity}


@dataclass(frozen=True)
class Mapped:
    """A native record mapped to a shared-schema document, not yet validated."""

    location: str
    source_id: str | None
    document: dict


def from_connector(connector: Connector) -> Iterator[Mapped | Issue]:
    """Map every record; a bad record becomes an Issue, a broken source raises ConnectorError."""
    for record in connector.records():
        try:
            doc = connector.map(record)
        except MappingError as exc:
            yield Issue(exc.location or record.location, exc.message,
                        exc.source_id or record.source_id, exc.field)
            continue
        except (KeyError, ValueError, TypeError) as exc:
            # A mapping bug on one odd record must not sink the whole run; say what it was.
            yield Issue(record.location, f"could not map this record: {type(exc).__name__}: {exc}",
                        record.source_id)
            continue
        yield Mapped(record.location, record.source_id or doc.get("source_id"), doc)


def from_batch(documents: Iterable, label: str = "batch") -> Iterator[Mapped | Issue]:
    """A pushed batch of shared-schema documents; location is the item's index in the batch."""
    for index, doc in enumerate(documents):
        location = f"{label} item {index}"
        if not isinstance(doc, dict):
            yield Issue(location, "each item must be a JSON object (a listing document)")
            continue
        yield Mapped(location, doc.get("source_id"), doc)


__all__ = ["ConnectorError", "Issue", "Mapped", "from_batch", "from_connector"]
