"""The shared schema as JSON Schema documents, for clusters validating without Python."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify

from schemas import jsonschema

bp = Blueprint("schema_docs", __name__)


@bp.get("/schemas/<name>.json")
def schema(name: str):
    documents = jsonschema.all_schemas()
    if name not in documents:
        abort(404, description=f"No schema {name!r}; published: {', '.join(documents)}.")
    return jsonify(documents[name])
