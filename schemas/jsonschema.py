"""JSON Schema (draft 2020-12) generated from the marshmallow schemas, so the two never drift."""
from __future__ import annotations

import json
from pathlib import Path

from marshmallow import Schema, fields, validate

from .cluster import ClusterSchema
from .fields import BilingualSchema, VocabCode
from .listing import SCHEMAS

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _validators(field: fields.Field, out: dict) -> dict:
    for v in field.validators:
        if isinstance(v, validate.Length):
            lo, hi = ("minItems", "maxItems") if out.get("type") == "array" else ("minLength", "maxLength")
            if v.min is not None:
                out[lo] = v.min
            if v.max is not None:
                out[hi] = v.max
        elif isinstance(v, validate.Range):
            if v.min is not None:
                out["minimum"] = v.min
            if v.max is not None:
                out["maximum"] = v.max
        elif isinstance(v, validate.Regexp):
            out["pattern"] = v.regex.pattern
        elif isinstance(v, validate.OneOf):
            out["enum"] = list(v.choices)
    return out


def field_schema(field: fields.Field) -> dict:
    """The JSON Schema of one marshmallow field."""
    if isinstance(field, VocabCode):
        out = {"type": "string", "enum": list(field.allowed),
               "description": f"A code of the {field.vocabulary} vocabulary."}
    elif isinstance(field, fields.Email):
        out = {"type": "string", "format": "email"}
    elif isinstance(field, fields.Url):
        out = {"type": "string", "format": "uri"}
    elif isinstance(field, fields.Date):
        out = {"type": "string", "format": "date"}
    elif isinstance(field, fields.String):
        out = {"type": "string"}
    elif isinstance(field, fields.Integer):
        out = {"type": "integer"}
    elif isinstance(field, fields.Boolean):
        out = {"type": "boolean"}
    elif isinstance(field, fields.List):
        out = {"type": "array", "items": field_schema(field.inner)}
    elif isinstance(field, fields.Nested):
        out = object_schema(field.schema)
    else:
        raise TypeError(f"no JSON Schema mapping for {type(field).__name__}")
    out = _validators(field, out)
    if field.allow_none:
        out["type"] = [out["type"], "null"]
    return out


def object_schema(schema: Schema) -> dict:
    """The JSON Schema of a marshmallow schema: closed, like marshmallow's RAISE on unknown."""
    props = {name: field_schema(f) for name, f in schema.fields.items()}
    out = {"type": "object", "properties": props, "additionalProperties": False}
    required = [name for name, f in schema.fields.items() if f.required]
    if required:
        out["required"] = required
    if isinstance(schema, BilingualSchema):
        out["minProperties"] = 1
    return out


def kind_schema(kind: str) -> dict:
    """The JSON Schema document of one listing kind."""
    doc = {"$schema": DRAFT, "title": f"ClusterHub listing: {kind}"}
    doc.update(object_schema(SCHEMAS[kind]()))
    return doc


def cluster_schema() -> dict:
    doc = {"$schema": DRAFT, "title": "ClusterHub cluster"}
    doc.update(object_schema(ClusterSchema()))
    return doc


def all_schemas() -> dict[str, dict]:
    """Every published schema by file stem: the three kinds and the cluster record."""
    out = {kind: kind_schema(kind) for kind in SCHEMAS}
    out["cluster"] = cluster_schema()
    return out


def export(directory: Path) -> list[Path]:
    """Write each schema to DIRECTORY/<name>.json; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, doc in all_schemas().items():
        path = directory / f"{name}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
