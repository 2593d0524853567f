"""docs/schema.md, written from the marshmallow schemas so the reference never drifts.

Run `python -m schemas.reference` to rewrite it; tests/schemas/test_reference.py fails when the
committed file differs from what the schemas say.
"""
from __future__ import annotations

import sys
from pathlib import Path

from marshmallow import Schema, fields, validate

from . import vocabularies
from .cluster import ClusterSchema
from .fields import BilingualSchema, VocabCode
from .listing import SCHEMAS, ListingBase

DOCS = Path(__file__).resolve().parents[1] / "docs" / "schema.md"

# One realistic value per field name, shown in the reference's last column.
EXAMPLES = {
    "source_id": "KMH-EQ-00012", "cluster": "kmedihub", "center": '{"ko": "신약개발지원센터"}',
    "title": '{"ko": "삼중사중극자 질량분석기", "en": "Triple quadrupole MS"}',
    "summary": '{"ko": "저분자 약물의 정량 분석"}', "categories": '["analytical_chemistry"]',
    "keywords": '["LC-MS/MS", "정량"]', "region": "daegu", "certifications": '["glp"]',
    "fee.model": "fixed", "fee.min_krw": "150000", "fee.max_krw": "300000",
    "fee.note": '{"ko": "시간당"}', "booking.mode": "operator_assisted", "booking.lead_time_days": "7",
    "contact.organization": '{"ko": "케이메디허브"}', "contact.phone": "053-790-5114",
    "contact.email": "info@example.org", "contact.url": "https://www.example.org",
    "url": "https://www.example.org/equipment/12", "source_updated_at": "2025-03-05",
    "status": "active", "related": '["kmedihub:service:KMH-SV-003"]',
    "service:kind": "service", "equipment:kind": "equipment", "expert:kind": "expert",
    "cluster:code": "kmedihub", "cluster:name": '{"ko": "케이메디허브", "en": "KMEDIhub"}',
    "cluster:description": '{"ko": "대구 첨단의료복합단지"}',
    "manufacturer": "Waters", "model": "Xevo TQ-XS", "year_acquired": "2019",
    "nfec_no": "NFEC-2019-03-123456", "equipment_class": "EQ0002", "sharing_scope": "shared",
    "location": '{"ko": "본관 3층 301호"}', "service_type": "testing", "regulatory_grade": "glp",
    "turnaround_days": "60", "deliverables": '{"ko": "최종 시험 보고서"}',
    "sample_requirements": '{"ko": "시험물질 50 g 이상"}', "name": '{"ko": "김연구"}',
    "position": '{"ko": "책임연구원"}', "expertise": '[{"ko": "독성학", "en": "Toxicology"}]',
    "techniques": '["LC-MS/MS"]', "languages": '["ko", "en"]', "operator": '{"ko": "재단"}',
    "homepage": "https://www.example.org", "description": '{"ko": "..."}', "connector": "kmedihub",
}


def render() -> str:
    """The whole reference as Markdown."""
    out = ["# The shared schema", "",
           "Generated from `schemas/listing.py` and `schemas/cluster.py` by "
           "`python -m schemas.reference`; do not edit by hand. A connector maps each native "
           "record to one document of its kind. Unknown fields are refused. Bilingual fields are "
           '`{"ko": ..., "en": ...}` with at least one of the two. Vocabulary codes are listed in '
           "`schemas/vocab/<name>.json` with their Korean and English labels.", ""]
    out += _table("Every kind (service, equipment, expert)", ListingBase(), "listing")
    for kind, schema in SCHEMAS.items():
        own = {n: f for n, f in schema().fields.items() if n not in ListingBase().fields}
        out += _table(f"Only {kind}", schema(), kind, only=own)
    out += _table("The cluster record (schemas/clusters.json)", ClusterSchema(), "cluster")
    out += ["## Vocabularies", ""]
    for name in sorted(vocabularies.names()):
        vocab = vocabularies.get(name)
        out.append(f"- **{name}**: " + ", ".join(f"`{c}`" for c in vocab.codes))
    return "\n".join(out) + "\n"


def _table(title: str, schema: Schema, context: str, only: dict | None = None) -> list[str]:
    rows = ["## " + title, "", "| Field | Type | Required | Allowed values or rule | Example |",
            "|---|---|---|---|---|"]
    for name, field in (only or schema.fields).items():
        rows += _rows(name, field, context)
    return rows + [""]


def example(context: str, name: str) -> str | None:
    """The example of a field: by context ("cluster:name") first, then by name."""
    return EXAMPLES.get(f"{context}:{name}") or EXAMPLES.get(name)


def _rows(name: str, field: fields.Field, context: str) -> list[str]:
    shown = example(context, name)
    row = [f"`{name}`", _type(field), "yes" if field.required else "", _rule(field),
           f"`{shown}`" if shown else ""]
    rows = ["| " + " | ".join(row) + " |"]
    if isinstance(field, fields.Nested) and not isinstance(field.schema, BilingualSchema):
        for sub, inner in field.schema.fields.items():
            rows += _rows(f"{name}.{sub}", inner, context)
    return rows


def _type(field: fields.Field) -> str:
    if isinstance(field, fields.List):
        return f"list of {_type(field.inner)}"
    if isinstance(field, fields.Nested):
        return "ko/en text" if isinstance(field.schema, BilingualSchema) else "object"
    if isinstance(field, VocabCode):
        return "code"
    for kind, label in ((fields.Email, "e-mail"), (fields.Url, "URL"), (fields.Date, "date YYYY-MM-DD"),
                        (fields.Integer, "whole number"), (fields.Boolean, "true/false"),
                        (fields.String, "text")):
        if isinstance(field, kind):
            return label
    return type(field).__name__


def _rule(field: fields.Field) -> str:
    parts = []
    target = field.inner if isinstance(field, fields.List) else field
    if isinstance(target, VocabCode):
        parts.append(f"vocabulary `{target.vocabulary}`")
    for holder, prefix in ((field, ""), (target, "each ") if target is not field else (None, "")):
        for v in getattr(holder, "validators", ()) if holder is not None else ():
            if isinstance(v, validate.Length):
                unit = "items" if isinstance(holder, fields.List) else "characters"
                parts.append(prefix + _bounds(v.min, v.max, unit))
            elif isinstance(v, validate.Range):
                parts.append(prefix + _bounds(v.min, v.max, ""))
            elif isinstance(v, validate.Regexp):
                parts.append(prefix + f"pattern `{v.regex.pattern}`")
            elif isinstance(v, validate.OneOf):
                parts.append(prefix + "one of " + ", ".join(f"`{c}`" for c in v.choices))
    if field.load_default not in (None,) and not callable(field.load_default) and \
            str(field.load_default) != "<marshmallow.missing>":
        parts.append(f"default `{field.load_default}`")
    return "; ".join(parts).replace("|", "\\|")


def _bounds(low, high, unit: str) -> str:
    unit = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f"{low} to {high}{unit}"
    return f"at least {low}{unit}" if low is not None else f"at most {high}{unit}"


def main() -> int:
    DOCS.write_text(render(), encoding="utf-8")
    print(f"wrote {DOCS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
