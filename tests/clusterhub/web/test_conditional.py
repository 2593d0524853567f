"""ETags for anonymous pages (issue 18): a repeat visit is answered 304 until the catalog moves."""
import pytest

from tests.clusterhub.auth.browser import csrf_token
from tests.clusterhub.curation.conftest import LISTING, TWIN, curated, curator, docs, post, sync  # noqa: F401
from tests.schemas.samples import equipment

PAGES = ("/search?q=질량분석기", "/api/v1/search?q=질량분석기", "/")


def tag_of(client, path):
    r = client.get(path)
    assert r.status_code == 200
    return r.headers.get("ETag")


def unchanged(client, path, tag):
    return client.get(path, headers={"If-None-Match": tag})


@pytest.mark.parametrize("path", PAGES)
def test_a_repeat_visit_is_answered_304_without_a_body(curated, path):
    client = curated.test_client()
    tag = tag_of(client, path)
    assert tag and client.get(path).headers["Cache-Control"] == "private, no-cache"
    again = unchanged(client, path, tag)
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == tag


def test_the_etag_follows_the_request_and_the_language(curated):
    client = curated.test_client()
    tags = {tag_of(client, p) for p in ("/search?q=질량분석기", "/search?q=분석", "/search?q=질량분석기&page=2")}
    assert len(tags) == 3
    english = curated.test_client()
    english.set_cookie("lang", "en")
    assert tag_of(english, "/search?q=질량분석기") not in tags


@pytest.mark.parametrize("path", PAGES)
def test_a_curator_action_gives_a_new_etag_and_the_new_results(curated, curator, path):
    client = curated.test_client()
    tag = tag_of(client, path)
    r = post(curator, f"/curation/listings/{LISTING}/flag", action="hide", reason="test", confirm="1")
    assert r.status_code in (302, 303), r.status_code
    fresh = unchanged(client, path, tag)
    assert fresh.status_code == 200 and fresh.headers["ETag"] != tag
    if path.startswith("/api/"):
        assert LISTING not in [h["id"] for h in fresh.json["hits"]]


def test_a_sync_gives_a_new_etag(curated):
    client = curated.test_client()
    tag = tag_of(client, "/api/v1/search?q=질량분석기")
    sync(curated, docs() + [equipment(source_id="EQ-0102", title={"ko": "새 질량분석기"})])
    fresh = unchanged(client, "/api/v1/search?q=질량분석기", tag)
    assert fresh.status_code == 200 and fresh.headers["ETag"] != tag
    # The new unit is the same model in the same centre as EQ-0100: found in its group.
    found = [h["id"] for h in fresh.json["hits"]] + [m for g in fresh.json["groups"] for m in g["members"]]
    assert "kmedihub:equipment:EQ-0102" in found


def test_a_signed_in_user_never_gets_an_etag_nor_a_304(curated, curator):
    anonymous_tag = tag_of(curated.test_client(), "/search?q=질량분석기")
    for path in PAGES:
        r = curator.get(path, headers={"If-None-Match": anonymous_tag})
        assert r.status_code == 200 and "ETag" not in r.headers


def test_a_basket_with_listings_turns_etags_off(curated):
    client = curated.test_client()
    token = csrf_token(client)
    assert tag_of(client, "/search?q=질량분석기")
    r = client.post("/basket/add", data={"listing_id": TWIN, "csrf_token": token})
    assert r.status_code in (302, 303), r.status_code
    for path in PAGES:
        assert client.get(path).headers.get("ETag") is None


def test_another_visitors_csrf_token_gives_another_etag(curated):
    one, other = curated.test_client(), curated.test_client()
    csrf_token(one), csrf_token(other)
    assert tag_of(one, "/") != tag_of(other, "/")


def test_a_thesaurus_edit_gives_a_new_etag_and_its_results(curated, curator):
    client = curated.test_client()
    tag = tag_of(client, "/api/v1/search?q=큐큐큐")
    assert client.get("/api/v1/search?q=큐큐큐").json["total"] == 0
    r = post(curator, "/curation/thesaurus", key="qqq_ms", ko="큐큐큐", en="", abbr="Xevo")
    assert r.status_code in (302, 303), r.status_code
    fresh = unchanged(client, "/api/v1/search?q=큐큐큐", tag)
    assert fresh.status_code == 200 and fresh.headers["ETag"] != tag and fresh.json["total"] > 0
