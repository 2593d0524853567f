"""Every generated cluster end to end against the abstract federation it was generated from:
files read directly, APIs through the real sample server. Real exports: test_real_clusters.py."""
from __future__ import annotations

import pytest

import schemas
from connectors import demo, registry
from connectors.base import MappingError

CLUSTERS = {c["code"]: c for c in schemas.load_clusters()}
CODES = demo.codes()
KINDS = ("service", "equipment", "expert")
# Wonju files several life-science fields under one word (바이오); ZEUS exports have no field at all.
COARSE_CATEGORIES = {"wonju", "daedeok", "pohang"}


def _records(cluster, kind):
    return {"service": cluster.services, "equipment": cluster.equipment, "expert": cluster.experts}[kind]


def _native_ids(layouts, cluster, kind) -> dict[str, object]:
    table = layouts[cluster.code].table(kind)
    return {str(table.native_id(r.seq)): r for r in _records(cluster, kind)} if table else {}


@pytest.mark.parametrize("code", CODES)
def test_counts_per_kind_match_the_export(runs, federation, code):
    run, cluster = runs(code), federation[code]
    flawed = {kind: sum(1 for r in _records(cluster, kind) if r.flaws) for kind in KINDS}
    expected = {kind: len(_records(cluster, kind)) - flawed[kind] for kind in KINDS
                if _records(cluster, kind)}
    assert run.by_kind() == expected
    assert len(run.issues) == sum(flawed.values())
    assert len(run.documents) >= 0.99 * run.total


@pytest.mark.parametrize("code", CODES)
def test_flawed_records_become_issues_that_name_the_field(runs, code):
    for record, error in runs(code).issues:
        if isinstance(error, MappingError):
            assert error.field and error.location and error.source_id, error
            assert error.location == record.location
        else:
            paths = [e.path for e in error.errors]
            assert paths and set(paths) <= {"title", "nfec_no"}, error


def test_the_federation_has_about_eleven_thousand_listings_and_a_few_flaws(runs):
    mapped = sum(len(runs(code).documents) for code in CODES)
    issues = sum(len(runs(code).issues) for code in CODES)
    assert 10_000 <= mapped + issues <= 12_000
    assert 5 <= issues < 0.01 * (mapped + issues)
    kinds = {type(error).__name__ for code in CODES for _, error in runs(code).issues}
    assert kinds == {"MappingError", "DocumentError"}


@pytest.mark.parametrize("code", CODES)
def test_documents_carry_cluster_region_and_resolvable_links(runs, code):
    run = runs(code)
    known = {schemas.global_id(code, d["kind"], d["source_id"]) for _, d in run.documents}
    known |= {schemas.global_id(code, k, r.source_id) for r, _ in run.issues for k in KINDS}
    for _, doc in run.documents:
        assert doc["cluster"] == code
        assert doc["region"] == CLUSTERS[code]["region"]
        assert doc["contact"]["organization"]
        assert set(doc.get("related", [])) <= known


@pytest.mark.parametrize("code", CODES)
def test_every_field_round_trips_from_the_abstract_federation(runs, federation, layouts, code):
    """What the generator meant is what the connector maps, field by field."""
    run, cluster = runs(code), federation[code]
    natives = {kind: _native_ids(layouts, cluster, kind) for kind in KINDS}
    linked = {(d["kind"], rel.split(":")[1]) for _, d in run.documents for rel in d.get("related", [])}
    for _, doc in run.documents:
        record = natives[doc["kind"]][doc["source_id"]]
        _common(doc, record)
        {"service": _service, "equipment": _equipment, "expert": _expert}[doc["kind"]](doc, record)
        if doc["kind"] != "expert" and code not in COARSE_CATEGORIES:
            assert set(doc["categories"]) == set(record.cats)
        expected = {schemas.global_id(code, kind, str(layouts[code].table(kind).native_id(seq)))
                    for kind, seqs in _links(record) for seq in seqs if (doc["kind"], kind) in linked}
        assert set(doc.get("related", [])) == expected, doc["source_id"]


def _links(record):
    if record.kind == "service":
        return (("equipment", record.equipment), ("expert", record.experts))
    return (("service", record.services),)


def _common(doc, record):
    center = doc.get("center", {})
    assert center.get("ko", record.centre.ko) == record.centre.ko
    assert center.get("en", record.centre.en) == record.centre.en
    if "source_updated_at" in doc:
        assert doc["source_updated_at"] == record.updated.isoformat()
    assert doc["status"] == ("active" if record.active else "inactive") or doc["status"] == "active"
    if "fee" in doc:
        fee = doc["fee"]
        assert (fee["model"], fee.get("min_krw"), fee.get("max_krw")) == \
            (record.fee.model, record.fee.min_krw, record.fee.max_krw)


def _service(doc, record):
    assert doc["title"]["ko"] == record.title[0]
    assert doc["title"].get("en", record.title[1]) == record.title[1]
    assert doc["service_type"] == record.service_type
    assert doc.get("turnaround_days", record.days) == record.days
    if "regulatory_grade" in doc:
        assert doc["regulatory_grade"] == record.grade
    assert set(doc.get("certifications", record.certs)) == set(record.certs)
    assert doc.get("summary", {}).get("ko", record.summary[0]) == record.summary[0]


def _equipment(doc, record):
    assert doc["title"]["ko"] == record.family.ko
    assert doc["title"].get("en", record.family.en) == record.family.en
    assert (doc["manufacturer"], doc["model"], doc["year_acquired"]) == \
        (record.maker, record.model, record.acquired.year)
    assert doc.get("nfec_no") == record.nfec
    assert doc.get("equipment_class", record.family.cls) == record.family.cls
    assert doc["sharing_scope"] == ("shared" if record.shared else "exclusive")
    assert doc.get("booking", {}).get("mode", record.booking) == record.booking
    for index, language in enumerate(("ko", "en")):
        assert doc.get("location", {}).get(language, record.location[index]) == record.location[index]


def _expert(doc, record):
    assert doc["name"]["ko"] == record.name[0] == doc["title"]["ko"]
    assert doc["name"].get("en", record.name[1]) == record.name[1]
    assert doc.get("position", {}).get("ko", record.position[0]) == record.position[0]
    assert doc.get("position", {}).get("en", record.position[1]) == record.position[1]
    assert set(doc.get("languages", record.languages)) == set(record.languages)
    assert doc.get("techniques", record.techniques) == record.techniques
    for item in doc.get("expertise", []):
        assert any(item.get(lang) in pair for pair in record.expertise for lang in ("ko", "en"))


@pytest.mark.parametrize("code", CODES)
def test_connector_class_declares_its_code_and_format(code):
    connector = registry.get(code)
    assert connector.code == code
    assert connector.source_format in {"xlsx", "csv", "json_api", "xml_api", "zeus_api"}
