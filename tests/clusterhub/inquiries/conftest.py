"""A small federation for request tests: listings in two clusters, a user of each side."""
from __future__ import annotations

import pytest

from tests.clusterhub.conftest import PASSWORD, make_federation, signed_in, who  # noqa: F401  (shared)
from tests.schemas.samples import equipment, expert, service

A, B = "kmedihub", "kbiohealth"
EQUIPMENT, SERVICE, EXPERT = f"{A}:equipment:EQ-R1", f"{B}:service:SV-R1", f"{B}:expert:EX-R1"
USERS = {"member": ("member", {"company": "한빛제약"}), "rival": ("member", {"company": "다른바이오"}),
         "operator_a": ("operator", {"cluster": A}), "operator_b": ("operator", {"cluster": B}),
         "curator": ("curator", {}), "admin": ("admin", {})}


def listings() -> dict:
    return {A: [equipment(source_id="EQ-R1")], B: [service(source_id="SV-R1"), expert(source_id="EX-R1")]}


def make_world(tmp_path, url=None):
    return make_federation(tmp_path, USERS, listings(), "requests", url)


@pytest.fixture
def world(federation):
    return federation(USERS, listings(), "requests")
