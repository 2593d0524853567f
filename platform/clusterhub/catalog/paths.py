"""Dotted field paths into a listing document: read, write, and the fields a curator may set."""
from __future__ import annotations

import copy
import json

from ..errors import Invalid
from ..messages import N_

# Identity fields decide where a listing lives; a curator overrides content, never these.
LOCKED = frozenset({"kind", "cluster", "source_id", "id"})
MISSING = object()


def get(document: dict, path: str):
    value = document
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def put(document: dict, path: str, value) -> dict:
    """A copy of document with path set to value (None removes it)."""
    out = copy.deepcopy(document)
    node = out
    parts = path.split(".")
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    if value is None:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value
    return out


def check(path: str) -> str:
    path = (path or "").strip()
    parts = path.split(".")
    if not path or any(not p.replace("_", "").isalnum() for p in parts):
        raise Invalid(N_("Name the field as a dotted path, e.g. title.ko or fee.note."),
                      [{"path": "field", "message": N_("a dotted path of letters, digits and _")}])
    if parts[0] in LOCKED:
        raise Invalid(N_("The field %(field)s identifies the listing and cannot be overridden."),
                      [{"path": "field", "message": N_("identity fields are locked")}], field=repr(parts[0]))
    return path


def parse(raw: str, like):
    """The typed value of a form's text: text for text fields, JSON for lists, numbers, objects."""
    raw = (raw or "").strip()
    if raw == "":
        return None
    if like is None or isinstance(like, str):
        if raw[:1] in "[{" or (like is None and raw in ("true", "false")):
            try:
                return json.loads(raw)
            except ValueError:
                return raw
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        raise Invalid(N_("This field holds a list, number or object: write it as JSON, "
                         'e.g. ["imaging", "omics"].'),
                      [{"path": "value", "message": N_("not valid JSON")}]) from None


def show(value) -> str:
    """A value as a curator reads and edits it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
