"""Every real (non-generated) cluster end to end against the counts declared beside its export.

A real cluster's sample export sits in connectors/samples/<code>/ with an `expected.json`:
{"mapped": {"service": 0, "equipment": 12, "expert": 0}, "issues": 1}, written by
`clusterhub connectors new` from its dry run and checked by the cluster's operator. With no real
cluster registered the tests below are skipped (the demo federation is all generated)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import schemas
from connectors import demo, registry
from connectors.base import MappingError

REAL_SAMPLES = Path(registry.__file__).with_name("samples")

CLUSTERS = {c["code"]: c for c in schemas.load_clusters()}
KINDS = ("service", "equipment", "expert")


def _expected(code: str) -> dict:
    path = REAL_SAMPLES / code / "expected.json"
    assert path.is_file(), (f"{code} is a real cluster (not generated) without {path}: declare its "
                            "counts there (clusterhub connectors new writes it from a dry run)")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", demo.real())
def test_counts_per_kind_match_the_declared_ones(runs, code):
    expected, run = _expected(code), runs(code)
    actual = {"mapped": {kind: run.by_kind().get(kind, 0) for kind in KINDS}, "issues": len(run.issues)}
    wanted = {"mapped": {kind: expected.get("mapped", {}).get(kind, 0) for kind in KINDS},
              "issues": expected.get("issues", 0)}
    assert actual == wanted, f"{code}: the export maps to {actual}, expected.json says {wanted}"


@pytest.mark.parametrize("code", demo.real())
def test_documents_carry_cluster_region_and_issues_say_where(runs, code):
    run = runs(code)
    assert run.documents, f"{code}: no record of the sample export maps"
    for _, doc in run.documents:
        assert doc["cluster"] == code and doc["region"] == CLUSTERS[code]["region"]
        assert doc["contact"]["organization"]
    for record, error in run.issues:
        if isinstance(error, MappingError):
            assert error.field and error.location == record.location, error
        else:
            assert [e.path for e in error.errors], error
