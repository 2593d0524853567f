"""The index follows the catalog: after each sync, on rebuild, and /healthz tells when it lags."""
import pytest

from clusterhub import db, search
from clusterhub.search import indexer
from clusterhub.search.contract import In, SearchRequest
from clusterhub.sync import engine, items, service
from tests.conftest import build_app
from tests.schemas.samples import equipment


@pytest.fixture
def app(tmp_path):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}")
    yield app
    db.engine(app).dispose()


def ids(app, **kw) -> set[str]:
    with app.app_context():
        result = search.backend().search(SearchRequest(size=100, **kw))
    return {h.id for h in result.hits}


def push(app, docs, **kw):
    """Push through the same service the API uses, so the after-commit hook runs."""
    with app.test_request_context():
        return service.push_batch("kmedihub", docs, **kw)


def test_healthz_reports_missing_then_ready_then_stale(app):
    client = app.test_client()
    assert client.get("/healthz").json["search"]["state"] == "missing"
    with app.app_context():
        engine.run(db.engine(), "kmedihub", items.from_batch([equipment()]))  # no hook: bypasses the service
        assert client.get("/healthz").json["search"]["state"] == "missing"
        indexer.rebuild(app)
    body = client.get("/healthz").json
    assert body["search"]["state"] == "ready" and body["status"] == "ok"
    assert body["search"]["documents"] == 1
    with app.app_context():
        engine.run(db.engine(), "kmedihub", items.from_batch([equipment(model="Other")]))
    body = client.get("/healthz").json
    assert body["search"]["state"] == "stale" and "clusterhub reindex" in body["search"]["detail"]
    assert body["status"] == "degraded"


def test_sync_updates_the_index_incrementally_and_withdrawn_never_show(app):
    with app.app_context():
        indexer.rebuild(app)
    docs = [equipment(source_id=f"EQ-{i}") for i in range(5)]
    push(app, docs, full=True)
    assert ids(app) == {f"kmedihub:equipment:EQ-{i}" for i in range(5)}
    push(app, docs[:4], full=True)
    assert "kmedihub:equipment:EQ-4" not in ids(app)
    # even asked for explicitly, a withdrawn listing stays out
    assert ids(app, filter=In("cluster", ("kmedihub",)), base_filter=In("visibility", ("public",))) == \
        {f"kmedihub:equipment:EQ-{i}" for i in range(4)}
    assert app.test_client().get("/healthz").json["search"]["state"] == "ready"


def test_inactive_listings_are_indexed_but_not_public(app):
    with app.app_context():
        indexer.rebuild(app)
    push(app, [equipment(source_id="EQ-OLD", status="inactive"), equipment(source_id="EQ-NEW")])
    assert ids(app) == {"kmedihub:equipment:EQ-NEW"}
    assert ids(app, base_filter=In("visibility", ("inactive",))) == {"kmedihub:equipment:EQ-OLD"}
