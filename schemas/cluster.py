"""The cluster record and the data of the demo federation's 20 clusters."""
from __future__ import annotations

import json
from pathlib import Path

from marshmallow import Schema, ValidationError, fields, validate

from .fields import Bilingual, VocabCode
from .listing import CLUSTER_CODE

CLUSTERS_FILE = Path(__file__).with_name("clusters.json")


class ClusterSchema(Schema):
    """A cluster of the federation. Unknown facts stay empty rather than invented."""

    code = fields.String(required=True, validate=CLUSTER_CODE)
    name = Bilingual(required=True)
    region = VocabCode("regions", required=True)
    operator = Bilingual(allow_none=True)
    homepage = fields.Url(allow_none=True)
    description = Bilingual(allow_none=True)
    connector = fields.String(validate=validate.Length(min=1, max=60), allow_none=True)


class ClusterFileError(ValueError):
    """clusters.json cannot be used; str() names the file, the entry and the field."""


def load_clusters(path: Path | None = None) -> list[dict]:
    """The cluster records of clusters.json, validated; ClusterFileError says what and where."""
    path = Path(path or CLUSTERS_FILE)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ClusterFileError(f"{path.name}: not valid JSON ({exc.msg} at line {exc.lineno} "
                               f"column {exc.colno})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ClusterFileError(f"{path.name}: cannot be read ({exc})") from None
    if not isinstance(raw, list):
        raise ClusterFileError(f"{path.name}: must be a JSON list of cluster records, "
                               f"not a {type(raw).__name__}")
    try:
        records = ClusterSchema(many=True).load(raw)
    except ValidationError as exc:
        raise ClusterFileError(_explain(path.name, raw, exc.messages)) from None
    codes = [r["code"] for r in records]
    twice = sorted({c for c in codes if codes.count(c) > 1})
    if twice:
        raise ClusterFileError(f"{path.name}: the code {twice[0]!r} is used by more than one entry")
    return records


def _explain(name: str, raw: list, messages: dict) -> str:
    """'clusters.json entry 3 (code 'x-y'): code: ...' for each wrong field, entries from 1."""
    lines = []
    for index, errors in sorted(messages.items(), key=lambda kv: int(kv[0])):
        entry = raw[int(index)] if isinstance(raw[int(index)], dict) else {}
        label = f"entry {int(index) + 1}" + (f" (code {entry['code']!r})" if entry.get("code") else "")
        if not isinstance(errors, dict):
            lines.append(f"{name} {label}: {errors}")
            continue
        for field, problem in errors.items():
            lines.append(f"{name} {label}: {field}: {_flat(problem)}")
    rule = ("codes are lower-case letters, digits and '_' (no hyphens); regions are codes of "
            "schemas/vocab/regions.json")
    return "; ".join(lines) + f" ({rule})"


def _flat(problem) -> str:
    if isinstance(problem, dict):
        return "; ".join(f"{k}: {_flat(v)}" for k, v in problem.items())
    if isinstance(problem, list):
        return " ".join(str(p) for p in problem)
    return str(problem)
