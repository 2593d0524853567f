"""Fixtures of the cluster tests: the real sample servers and each connector's run, once a session."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import schemas
from connectors import demo, registry
from connectors.base import MappingError, SourceRecord, SourceSettings
from connectors.demo.generator.catalog import build
from connectors.demo.generator.layouts import all_layouts
from connectors.demo import SAMPLES_DIR
from connectors.demo.sample_server import SampleServer

REAL_SAMPLES = Path(registry.__file__).with_name("samples")  # the real clusters' own exports


@dataclass
class Run:
    """One connector's pass over its samples: what mapped and validated, and what did not."""

    code: str
    documents: list[tuple[SourceRecord, dict]] = field(default_factory=list)
    issues: list[tuple[SourceRecord, Exception]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.documents) + len(self.issues)

    def by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, doc in self.documents:
            counts[doc["kind"]] = counts.get(doc["kind"], 0) + 1
        return counts

    def find(self, kind: str, source_id: str) -> tuple[SourceRecord, dict]:
        for record, doc in self.documents:
            if doc["kind"] == kind and doc["source_id"] == source_id:
                return record, doc
        raise KeyError(f"{self.code}:{kind}:{source_id} did not map")

    def first(self, kind: str, column: str, test) -> tuple[Any, dict]:
        """The first mapped record of kind whose native column value passes test."""
        for record, doc in self.documents:
            value = _lookup(record.data, column)
            if doc["kind"] == kind and value is not None and test(value):
                return value, doc
        raise LookupError(f"no {kind} record of {self.code} has a matching {column!r}")


def _lookup(data: dict, column: str):
    if column in data:
        return data[column]
    value = data
    for part in column.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


@pytest.fixture(scope="session")
def settings():
    """settings(code): the cluster's source settings: a demo cluster reads connectors/demo/samples,
    a real one connectors/samples (where `clusterhub connectors new` writes it), each folder's
    API pages served by its own sample server."""
    servers = {folder: SampleServer(folder).start() for folder in (SAMPLES_DIR, REAL_SAMPLES)}
    demo_codes = set(demo.codes())

    def of(code: str) -> SourceSettings:
        folder = SAMPLES_DIR if code in demo_codes else REAL_SAMPLES
        return SourceSettings(samples_dir=folder, base_url=servers[folder].url, api_key="sample",
                              timeout=10.0, retries=1, backoff=0.01)

    yield of
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def runs(settings):
    """run(code): the cluster's connector run end to end, cached for the session."""
    cache: dict[str, Run] = {}

    def run(code: str) -> Run:
        if code not in cache:
            connector = registry.create(code, settings(code))
            result = Run(code)
            for record in connector.records():
                try:
                    result.documents.append((record, schemas.load(connector.map(record))))
                except (MappingError, schemas.DocumentError) as exc:
                    result.issues.append((record, exc))
            cache[code] = result
        return cache[code]

    return run


@pytest.fixture(scope="session")
def federation():
    """The abstract federation the samples were generated from, by cluster code."""
    return {cluster.code: cluster for cluster in build()}


@pytest.fixture(scope="session")
def layouts():
    return all_layouts()
