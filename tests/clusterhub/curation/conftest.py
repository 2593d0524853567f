"""An app with a few listings synced and indexed, and a signed-in curator."""
import pytest

from clusterhub import db
from clusterhub.search import indexer
from clusterhub.sync import engine, hooks, items
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.schemas.samples import equipment

PASSWORD = "curator password 1"
LISTING = "kmedihub:equipment:EQ-0100"
TWIN = "kmedihub:equipment:EQ-0101"


def docs(**over):
    """The source's export: an instrument and its twin (same NFEC number)."""
    return [equipment(**over), equipment(source_id="EQ-0101", title={"ko": "질량분석기 (중복)"})]


def sync(app, documents):
    """Run the engine on documents with the app's hooks and after-commit effects, as a real
    sync does."""
    from clusterhub.sync.service import _after_commit

    with app.app_context():
        report = engine.run(db.engine(app), "kmedihub", items.from_batch(documents),
                            on_added=hooks.of(app).on_added)
        _after_commit(app, report)
    assert report.outcome == "succeeded", report.message
    return report


@pytest.fixture
def curated(tmp_path):
    from tests.conftest import build_app

    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}")
    sync(app, docs())
    indexer.rebuild(app)
    add_user(app, "curator@example.org", "curator", password=PASSWORD)
    yield app
    db.engine(app).dispose()


@pytest.fixture
def curator(curated):
    client = curated.test_client()
    assert log_in(client, "curator@example.org", PASSWORD).status_code == 302
    client.token = csrf_token(client)
    return client


def post(client, path, **data):
    return client.post(path, data={"csrf_token": client.token, **data})


def search_ids(client, q):
    """Every listing the API search finds: its hits and the units of their groups (identical
    instruments of one centre are one hit)."""
    body = client.get("/api/v1/search", query_string={"q": q}).json
    ids = [h["id"] for h in body["hits"]]
    return ids + [m for g in body["groups"] for m in g["members"] if m not in ids]
