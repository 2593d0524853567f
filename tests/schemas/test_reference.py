"""docs/schema.md is what the schemas say, and every example in it is a valid value."""
import json

import pytest

from schemas import SCHEMAS, ClusterSchema, load
from schemas.reference import DOCS, example, render


def test_the_committed_reference_is_what_the_schemas_say():
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "docs/schema.md is stale: run `python -m schemas.reference`")


def value(text: str):
    if text[0] in "[{":
        return json.loads(text)
    return int(text) if text.isdigit() else text


def document(schema, context: str) -> dict:
    """A document made only of the reference's examples, nested fields included."""
    doc: dict = {}
    for name, field in schema.fields.items():
        nested = getattr(field, "schema", None)
        if nested is not None and not {"ko", "en"} == set(nested.fields):
            doc[name] = {sub: value(example(context, f"{name}.{sub}"))
                         for sub in nested.fields if example(context, f"{name}.{sub}")}
        elif example(context, name):
            doc[name] = value(example(context, name))
    return doc


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_the_examples_make_a_valid_listing(kind):
    doc = document(SCHEMAS[kind](), kind if kind else "listing")
    for name, field in SCHEMAS[kind]().fields.items():
        if name not in doc and example("listing", name):
            doc[name] = value(example("listing", name))
    loaded = load(doc)  # raises DocumentError naming the field if an example is wrong
    assert loaded["kind"] == kind and loaded["title"]["ko"]


def test_the_examples_make_a_valid_cluster_record():
    record = ClusterSchema().load(document(ClusterSchema(), "cluster"))
    assert record["code"] == "kmedihub"
