"""Listing documents: valid ones load, wrong ones name the field path and say what is wrong."""
import pytest

import schemas
from schemas import DocumentError
from tests.schemas.samples import equipment, expert, service


@pytest.mark.parametrize("make", [service, equipment, expert])
def test_valid_documents_load_and_keep_their_content(make):
    doc = make()
    loaded = schemas.load(doc)
    assert loaded["title"] == doc["title"]
    assert loaded["status"] == "active"  # default applied
    assert schemas.content_hash(loaded) == schemas.content_hash(schemas.load(make()))


def errors_of(doc) -> dict[str, str]:
    with pytest.raises(DocumentError) as info:
        schemas.load(doc)
    return {e.path: e.message for e in info.value.errors}


def test_a_wrong_nested_field_names_its_path():
    doc = equipment()
    doc["fee"]["model"] = "expensive"
    errs = errors_of(doc)
    assert list(errs) == ["fee.model"]
    assert "free, fixed, quote" in errs["fee.model"]


def test_an_unknown_category_lists_the_allowed_codes():
    doc = service(categories=["drug_discovery", "astrology"])
    errs = errors_of(doc)
    assert "categories[1]" in errs
    assert "'astrology'" in errs["categories[1]"]
    assert "drug_discovery" in errs["categories[1]"] and "omics" in errs["categories[1]"]


def test_bilingual_text_needs_at_least_one_language():
    errs = errors_of(service(title={}))
    assert errs == {"title": "Give the text in Korean (ko), English (en) or both."}
    assert schemas.load(service(title={"en": "HTS screening"}))["title"] == {"en": "HTS screening"}


def test_unknown_fields_and_missing_required_ones_are_named():
    doc = expert()
    del doc["name"]
    doc["phone_private"] = "010-0000-0000"
    errs = errors_of(doc)
    assert set(errs) == {"name", "phone_private"}
    assert "required" in errs["name"].lower()


def test_kind_specific_rules():
    errs = errors_of(equipment(nfec_no="NFEC-19-1"))
    assert "NFEC-YYYY-MM-NNNNNN" in errs["nfec_no"]
    errs = errors_of(service(related=["not a global id"]))
    assert "related[0]" in errs
    errs = errors_of({"kind": "robot"})
    assert "service, equipment, expert" in errs["kind"]


def test_fee_range_must_be_ordered():
    doc = service()
    doc["fee"] = {"model": "fixed", "min_krw": 500000, "max_krw": 100}
    assert "max_krw" in errors_of(doc)["fee.max_krw"]


def test_global_id():
    assert schemas.global_id("kmedihub", "equipment", "EQ-1") == "kmedihub:equipment:EQ-1"


def test_the_canonical_form_is_exactly_what_marshmallow_dumps():
    """document.load skips schema.dump for speed; on every sample document of the demo's file
    connectors and the schema samples, the canonical form must equal the dump, key order too."""
    from connectors import registry
    from connectors.base import SourceSettings
    from connectors.demo import SAMPLES_DIR
    from schemas.document import _schema
    from tests.schemas.samples import equipment, expert, service

    docs = [service(), equipment(), expert(), equipment(source_updated_at="2025-03-05")]
    for code in ("chungju", "kmedihub", "andong", "gwangju"):
        connector = registry.create(code, SourceSettings(samples_dir=SAMPLES_DIR / code))
        for record in connector.records():
            try:
                docs.append(connector.map(record))
            except Exception:
                continue
    checked = 0
    for doc in docs:
        try:
            ours = schemas.load(doc)
        except DocumentError:
            continue
        schema = _schema(doc["kind"])
        dumped = schema.dump(schema.load(doc))
        assert ours == dumped and list(ours) == list(dumped), doc.get("source_id")
        checked += 1
    assert checked > 1000
    assert any("source_updated_at" in schemas.load(d) for d in docs if d.get("source_updated_at"))
