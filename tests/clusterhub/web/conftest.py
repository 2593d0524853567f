"""An app whose catalog holds the search conformance corpus, synced and indexed for real."""
import threading
from collections import defaultdict
from contextlib import contextmanager

import pytest

from clusterhub import db
from clusterhub.search import indexer
from clusterhub.sync import engine, items
from tests.clusterhub.search.corpus import LISTINGS
from connectors.demo.sample_server import SampleServer
from tests.conftest import build_app


def load_corpus(app, extra=()):
    """Sync the corpus through the engine (hidden and withdrawn ones left out), then index."""
    per_cluster = defaultdict(list)
    for doc, status, hidden in LISTINGS:
        if not hidden and status != "withdrawn":
            per_cluster[doc["cluster"]].append(doc)
    for doc in extra:
        per_cluster[doc["cluster"]].append(doc)
    with app.app_context():
        for cluster, docs in per_cluster.items():
            report = engine.run(db.engine(app), cluster, items.from_batch(docs))
            assert report.outcome == "succeeded" and not report.issues, report.issues
        indexer.rebuild(app)


FORMULA_DOC = {"kind": "service", "source_id": "SV-EXCEL", "cluster": "kmedihub", "region": "daegu",
               "title": {"ko": "=HYPERLINK(\"http://x\") 분석 서비스", "en": "@risky service"},
               "categories": ["analytical_chemistry"], "service_type": "analysis"}


RELATED_DOC = {"kind": "service", "source_id": "SV-PROTEOMICS", "cluster": "kmedihub",
               "region": "daegu", "title": {"ko": "단백체 분석 서비스", "en": "Proteomics analysis"},
               "categories": ["omics"], "service_type": "analysis",
               "related": ["kmedihub:equipment:EQ-001", "kmedihub:expert:GONE-1"]}


@pytest.fixture(scope="module")
def catalog_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("catalog")
    app = build_app(tmp, f"sqlite:///{tmp / 'catalog.db'}")
    load_corpus(app, extra=[FORMULA_DOC, RELATED_DOC])
    yield app
    db.engine(app).dispose()


@pytest.fixture
def web(catalog_app):
    return catalog_app.test_client()


SLOW_SOURCE_KEY = "slow"
# The settings an app needs to read slow_source's ZEUS cluster (with CONNECTOR_BASE_URL).
SLOW_SOURCE_KEYS = {"CONNECTOR_API_KEYS": {"daedeok": SLOW_SOURCE_KEY}}


@contextmanager
def slow_source(cluster: str = "daedeok", endpoint: str = "equipment", at_once: int = 2):
    """The cluster's sample API answering its first pages at once and the rest only once the
    test sets the gate: a sync that stays in progress for as long as the test needs.
    Yields (server, gate)."""
    gate = threading.Event()
    with SampleServer() as server:
        def answer(query):
            if int(query.get("page", query.get("pageNo", "1"))) > at_once:
                gate.wait(60)
            return server._sample(cluster, endpoint, query)

        # daedeok is a ZEUS cluster: its list path carries the key (SLOW_SOURCE_KEYS)
        server.add_route(f"/{cluster}/api/eq/equips/{SLOW_SOURCE_KEY}", answer)
        server.add_route(f"/{cluster}/{endpoint}", answer)
        try:
            yield server, gate
        finally:
            gate.set()
