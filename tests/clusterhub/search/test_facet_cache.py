"""Facet counts cached by the index's catalog version (issue 18), in memory and on Redis:
counted once per search, never stale after a sync or a curator action."""
import uuid

import pytest
import redis

from clusterhub import db
from clusterhub.search import indexer
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.clusterhub.curation.conftest import LISTING, PASSWORD, docs, sync
from tests.conftest import build_app
from tests.schemas.samples import equipment

REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_or_skip():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis at {REDIS_URL} is not reachable ({exc})")


@pytest.fixture(params=["memory", "redis"])
def cached(request, tmp_path):
    """(app, redis client or None, key prefix): the curation corpus, a curator, one cache."""
    settings, store, prefix = {}, None, None
    if request.param == "redis":
        _redis_or_skip()
        prefix = f"clusterhub-test-{uuid.uuid4().hex[:10]}:"
        settings = {"REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix}
        store = redis.Redis.from_url(REDIS_URL)
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}", **settings)
    sync(app, docs())
    indexer.rebuild(app)
    add_user(app, "curator@example.org", "curator", password=PASSWORD)
    yield app, store, prefix
    if store is not None:
        for key in store.scan_iter(f"{prefix}*"):
            store.delete(key)
    db.engine(app).dispose()


def kinds(client, **query):
    body = client.get("/api/v1/search", query_string=query).json
    return {f["value"]: f["count"] for f in body["facets"]["cluster"]}, body["total"]


def test_counts_are_kept_in_the_configured_cache(cached):
    app, store, prefix = cached
    client = app.test_client()
    first = kinds(client)
    assert kinds(client) == first == ({"kmedihub": 2}, 2)
    if store is not None:
        assert any(k.decode().startswith(f"{prefix}facets:") for k in store.scan_iter(f"{prefix}*"))
    else:
        with app.app_context():
            from clusterhub import cache
            assert cache.get().cache._cache  # SimpleCache keeps them in this process


def test_a_curator_action_shows_in_the_counts_at_once(cached):
    app, _, _ = cached
    client = app.test_client()
    assert kinds(client) == ({"kmedihub": 2}, 2)
    curator = app.test_client()
    assert log_in(curator, "curator@example.org", PASSWORD).status_code == 302
    r = curator.post(f"/curation/listings/{LISTING}/flag",
                     data={"action": "hide", "reason": "t", "confirm": "1", "csrf_token": csrf_token(curator)})
    assert r.status_code in (302, 303)
    assert kinds(client) == ({"kmedihub": 1}, 1)
    assert kinds(client, page=2) == ({"kmedihub": 1}, 1)  # another page: the same counts


def test_a_sync_shows_in_the_counts_at_once(cached):
    app, _, _ = cached
    client = app.test_client()
    assert kinds(client, q="질량분석기") == ({"kmedihub": 2}, 2)
    sync(app, docs() + [equipment(source_id="EQ-0102", title={"ko": "새 질량분석기"})])
    assert kinds(client, q="질량분석기") == ({"kmedihub": 3}, 3)


def test_two_app_processes_on_one_redis_share_counts_but_never_stale_ones(cached, tmp_path):
    """A second app on the same database, index folder and Redis: it reads what the first one
    counted, and after the first one's sync it counts again."""
    app, store, prefix = cached
    if store is None:
        pytest.skip("a shared cache needs Redis")
    other = build_app(tmp_path / "other", app.config["DATABASE_URL"],
                      SEARCH_INDEX_DIR=app.config["SEARCH_INDEX_DIR"],
                      REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=prefix)
    try:
        assert kinds(app.test_client()) == ({"kmedihub": 2}, 2)
        assert kinds(other.test_client()) == ({"kmedihub": 2}, 2)
        sync(app, docs() + [equipment(source_id="EQ-0102", title={"ko": "새 질량분석기"})])
        assert kinds(other.test_client()) == ({"kmedihub": 3}, 3)
    finally:
        db.engine(other).dispose()


def test_a_repeated_search_is_looked_up_and_a_hidden_listing_leaves_it_at_once(cached, monkeypatch):
    """Whole results are kept under the index's stamp too: the same search again does not reach
    the engine, and once a curator hides a listing, the repeated search no longer shows it."""
    from clusterhub.search import backend

    app, _, _ = cached
    with app.app_context():
        engine = backend()
    searched = []
    real = engine.search
    monkeypatch.setattr(engine, "search", lambda request: searched.append(request) or real(request))
    client = app.test_client()

    def ids():
        body = client.get("/api/v1/search", query_string={"q": "질량분석기"}).json
        return [h["id"] for h in body["hits"]]

    first = ids()
    assert LISTING in first and searched
    engines_asked = len(searched)
    assert ids() == first and len(searched) == engines_asked      # looked up, not searched
    curator = app.test_client()
    assert log_in(curator, "curator@example.org", PASSWORD).status_code == 302
    r = curator.post(f"/curation/listings/{LISTING}/flag",
                     data={"action": "hide", "reason": "t", "confirm": "1", "csrf_token": csrf_token(curator)})
    assert r.status_code in (302, 303)
    assert LISTING not in ids() and len(searched) > engines_asked
