"""Validation of listing documents: one entry point, errors with field paths."""
from __future__ import annotations

import hashlib
from datetime import date, datetime
import json
from dataclasses import dataclass
from functools import lru_cache

from marshmallow import ValidationError

from .listing import KINDS, SCHEMAS


@dataclass(frozen=True)
class FieldError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DocumentError(ValueError):
    """A document that does not fit the shared schema; .errors names each field path."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def flatten(messages, prefix: str = "") -> list[FieldError]:
    """Turn marshmallow's nested error dict into a flat list of field paths."""
    out: list[FieldError] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key == "_schema":
                path = prefix
            elif isinstance(key, int):
                path = f"{prefix}[{key}]"
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            out.extend(flatten(value, path))
    elif isinstance(messages, list):
        for item in messages:
            out.extend(flatten(item, prefix))
    else:
        out.append(FieldError(prefix or "(document)", _sentence(str(messages))))
    return out


def _sentence(message: str) -> str:
    if message == "Unknown field.":
        return "Unknown field: the shared schema has no such field."
    return message


def load(document: dict) -> dict:
    """Validate a listing document; return its canonical JSON form or raise DocumentError."""
    if not isinstance(document, dict):
        raise DocumentError([FieldError("(document)", "A listing must be a JSON object.")])
    kind = document.get("kind")
    if kind not in SCHEMAS:
        raise DocumentError([FieldError(
            "kind", f"Unknown kind {kind!r}. Allowed: {', '.join(KINDS)}.")])
    schema = _schema(kind)
    try:
        loaded = schema.load(document)
    except ValidationError as exc:
        raise DocumentError(flatten(exc.messages)) from None
    return canonical(loaded)


def canonical(loaded):
    """The JSON form of a loaded document: what schema.dump(loaded) gives, at a quarter of its
    cost. Loading already keeps the declared fields in order and their values JSON-native,
    except dates (source_updated_at), which become ISO text as dump writes them. Dumping every
    record was a quarter of the validation time of a large CSV sync (docs/performance.md);
    tests/schemas/test_listing.py checks the two agree on every sample document."""
    if isinstance(loaded, dict):
        return {key: canonical(value) for key, value in loaded.items()}
    if isinstance(loaded, list):
        return [canonical(value) for value in loaded]
    if isinstance(loaded, (date, datetime)):
        return loaded.isoformat()
    return loaded


@lru_cache(maxsize=None)
def _schema(kind: str):
    """One instance per kind: building a schema (and its nested fields) costs more than a load."""
    return SCHEMAS[kind]()


def content_hash(document: dict) -> str:
    """A stable hash of a canonical document, used to skip unchanged records."""
    raw = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
