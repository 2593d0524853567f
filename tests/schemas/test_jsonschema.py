"""The exported JSON Schema and the marshmallow schemas agree on real documents."""
import json

import jsonschema
import pytest
from click.testing import CliRunner

import schemas
from clusterhub.cli import main
from tests.schemas.samples import equipment, expert, service


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("schemas")
    result = CliRunner().invoke(main, ["schema", "export", str(out)])
    assert result.exit_code == 0, result.output
    return {p.stem: json.loads(p.read_text()) for p in out.glob("*.json")}


def validator(exported, kind):
    schema = exported[kind]
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


GOOD = [service(), equipment(), expert(), service(title={"en": "HTS"}), equipment(related=[])]
BAD = [
    equipment(fee={"model": "expensive"}),
    service(categories=["astrology"]),
    service(title={}),
    expert(languages=["klingon"]),
    equipment(nfec_no="NFEC-19-1"),
    service(unknown_field=1),
    equipment(year_acquired="2019"),
    service(related=["not a global id"]),
]


def test_all_kinds_and_the_cluster_record_are_exported(exported):
    assert set(exported) == {"service", "equipment", "expert", "cluster"}


@pytest.mark.parametrize("doc", GOOD, ids=lambda d: d["kind"])
def test_good_documents_pass_both(exported, doc):
    schemas.load(doc)
    validator(exported, doc["kind"]).validate(doc)


@pytest.mark.parametrize("doc", BAD, ids=range(len(BAD)))
def test_bad_documents_fail_both(exported, doc):
    with pytest.raises(schemas.DocumentError):
        schemas.load(doc)
    assert list(validator(exported, doc["kind"]).iter_errors(doc)), "JSON Schema accepted it"


def test_cluster_records_validate_against_the_cluster_schema(exported):
    v = jsonschema.Draft202012Validator(exported["cluster"])
    for record in json.loads(schemas.cluster.CLUSTERS_FILE.read_text()):
        v.validate(record)


def test_schemas_are_served_over_http(client, exported):
    for kind in ("service", "equipment", "expert"):
        assert client.get(f"/schemas/{kind}.json").json == exported[kind]
