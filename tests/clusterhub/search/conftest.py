"""Fixtures of the search tests: the conformance corpus and one backend per engine available."""
from __future__ import annotations

import importlib.util
import os
import sys
import uuid
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
try:
    import clusterhub.search  # noqa: F401
except ImportError:      # not installed (pip install -e .) yet: use the source tree
    sys.path.insert(0, str(ROOT / "platform"))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from clusterhub.search.embedded import EmbeddedBackend  # noqa: E402
from schemas.thesaurus import Thesaurus  # noqa: E402


def _load(name: str):
    """A helper module of this folder (tests are imported with importlib, not as a package)."""
    full = f"clusterhub_search_tests_{name}"
    if full not in sys.modules:
        spec = importlib.util.spec_from_file_location(full, HERE / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[full] = module
        spec.loader.exec_module(module)
    return sys.modules[full]


@pytest.fixture(scope="session")
def corpus():
    """The corpus module: LISTINGS and index_docs()."""
    return _load("corpus")


@pytest.fixture(scope="session")
def oracle():
    """Plain-Python filter and facet evaluation: the expected answers."""
    return _load("oracle")


@pytest.fixture(scope="session")
def docs(corpus):
    return corpus.index_docs()


@pytest.fixture(scope="session")
def public_docs(docs):
    return [d for d in docs if d["visibility"] == "public"]


@pytest.fixture(scope="session")
def thesaurus():
    return Thesaurus.load()


def _meili(thesaurus, docs):
    url = os.environ.get("MEILI_URL")
    if not url:
        pytest.skip("Meilisearch conformance needs a live server: set MEILI_URL (and MEILI_MASTER_KEY)")
    import meilisearch
    from clusterhub.search.meili import MeiliBackend
    key = os.environ.get("MEILI_MASTER_KEY", "")
    uid = f"conformance_{uuid.uuid4().hex[:12]}"
    backend = MeiliBackend(url=url, api_key=key, index=uid, thesaurus=thesaurus)
    try:
        backend.rebuild(docs, "conformance")
        yield backend
    finally:
        client = meilisearch.Client(url, key)
        for index in client.get_indexes({"limit": 1000})["results"]:
            if index.uid.startswith(uid):
                client.wait_for_task(client.delete_index(index.uid).task_uid)


@pytest.fixture(scope="session", params=["embedded", "meilisearch"])
def backend(request, tmp_path_factory, thesaurus, docs):
    """Each engine, loaded with the conformance corpus (Meilisearch only with MEILI_URL)."""
    if request.param == "meilisearch":
        yield from _meili(thesaurus, docs)
        return
    engine = EmbeddedBackend(tmp_path_factory.mktemp("conformance"), thesaurus)
    assert engine.rebuild(docs, "conformance") == len(docs)
    yield engine


@pytest.fixture
def embedded(tmp_path, thesaurus):
    """A fresh, empty embedded backend of its own."""
    return EmbeddedBackend(tmp_path / "search", thesaurus)


@pytest.fixture(scope="module")
def spec():
    """Meilisearch's own OpenAPI document (shared/reference), parsed once per module."""
    from tests.clusterhub.search import openapi_check

    if not openapi_check.SPEC.exists():
        message = f"the Meilisearch OpenAPI document is not at {openapi_check.SPEC}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return openapi_check.api()


@pytest.fixture
def fake(spec, monkeypatch):
    """A local stand-in that checks every request against the OpenAPI document as it arrives."""
    from tests.clusterhub.search import openapi_check

    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    server = openapi_check.FakeMeilisearch(spec)
    yield server
    server.close()
    assert server.problems == [], "\n".join(server.problems)
