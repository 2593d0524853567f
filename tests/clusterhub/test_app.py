"""The app skeleton as a visitor and an operator see it."""
import html
import re

from werkzeug.exceptions import default_exceptions

from clusterhub import errors, responses
from clusterhub.messages import N_
from tests.conftest import build_app
from schemas import load_clusters


def row_names(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/clusters/[a-z_]+">([^<]+)</a></th>', html)


def test_home_lists_the_twenty_clusters_in_korean_by_default(client):
    r = client.get("/")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert '<html lang="ko">' in html
    names = row_names(html)
    assert len(names) == len(load_clusters())  # 20 demo clusters, and any real one added
    assert names[:2] == ["대구경북첨단의료복합단지", "오송첨단의료복합단지"]  # the two complexes lead
    assert "샘플 데이터" in html  # the demo says plainly that the data is sample data


def test_language_switch_keeps_the_page_and_sets_english(client):
    r = client.get("/lang/en?next=/")
    assert r.status_code == 302 and r.headers["Location"] == "/"
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Osong Advanced Medical Complex (KBIOHealth)" in row_names(html)


def test_language_switch_refuses_to_redirect_off_site(client):
    r = client.get("/lang/en?next=//evil.example/")
    assert r.headers["Location"] == "/"


def test_healthz_reports_database_and_search(client):
    r = client.get("/healthz")
    body = r.json
    assert r.status_code == 200
    assert body["database"] == {"ok": True, "dialect": "sqlite", "listings": 0}
    assert body["search"]["backend"] == "embedded"
    assert "state" in body["search"]


def test_healthz_says_when_the_database_is_unreachable(tmp_path):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}")
    app.config["DATABASE_URL"] = "unused"
    from clusterhub import db
    from clusterhub.db import make_engine
    app.extensions[db.EXTENSION] = make_engine("postgresql://nobody@127.0.0.1:1/none")
    r = app.test_client().get("/healthz")
    assert r.status_code == 503
    assert r.json["database"]["ok"] is False and r.json["status"] == "error"


def test_api_errors_share_one_json_shape(client):
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404
    assert set(r.json) == {"code", "status", "message", "errors"}
    assert r.json["status"] == 404 and r.json["code"] == "not_found"


def test_html_errors_are_pages(client):
    r = client.get("/no/such/page")
    assert r.status_code == 404
    assert "text/html" in r.content_type


def test_an_oversized_body_is_refused_with_the_limit_named(tmp_path):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}", MAX_CONTENT_LENGTH=1024 * 1024)
    body = {"email": "a@example.org", "password": "x" * 2_000_000}
    r = app.test_client().post("/login", data=body)
    assert r.status_code == 413
    assert "1 MB보다 커서 아무것도 저장하지 않았습니다" in r.get_data(as_text=True)
    r = app.test_client().post("/login?lang=en", data=body)
    assert r.status_code == 413
    assert "1 MB" in r.get_data(as_text=True) and "nothing was stored" in r.get_data(as_text=True)


def test_the_body_limit_is_on_by_default(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 32 * 1024 * 1024


MISSING = "kmedihub:equipment:NOPE"


def page_text(r) -> str:
    return html.unescape(r.get_data(as_text=True))


def test_an_error_page_speaks_the_visitors_language(client):
    r = client.get(f"/listings/{MISSING}")
    assert r.status_code == 404 and '<html lang="ko">' in r.get_data(as_text=True)
    text = page_text(r)
    assert f"공개된 항목 '{MISSING}'을(를) 찾을 수 없습니다. 클러스터가 철회했거나" in text
    assert "withdrawn" not in text
    r = client.get(f"/listings/{MISSING}?lang=en")
    assert r.status_code == 404
    assert (f"No published listing '{MISSING}'. It may have been withdrawn by its cluster, "
            "or the address is mistyped.") in page_text(r)


def test_json_errors_stay_english_whatever_the_language(client):
    """The API's contract: the same error in the one JSON shape, in English, even for a Korean visitor."""
    client.get("/lang/ko")
    r = client.get(f"/api/v1/listings/{MISSING}?lang=ko")
    assert r.status_code == 404
    assert r.json == {"code": "not_found", "status": 404, "message": f"No published listing '{MISSING}'.",
                      "errors": []}
    r = client.get(f"/listings/{MISSING}", headers={"Accept": "application/json"})
    assert r.status_code == 404 and r.json["message"].startswith(f"No published listing '{MISSING}'. It may")
    r = client.get("/api/v1/search?page=x&size=0")
    assert r.status_code == 422
    assert r.json["errors"] == [{"path": "page", "message": "must be a whole number, got 'x'"},
                                {"path": "size", "message": "must be between 1 and 100, got 0"}]
    assert r.json["message"] == ("The search parameters are not valid: page: must be a whole number, "
                                 "got 'x'; size: must be between 1 and 100, got 0")


def test_field_errors_on_a_page_are_in_korean(client):
    r = client.get("/search?page=x&size=0")
    assert r.status_code == 422 and "text/html" in r.content_type
    text = page_text(r)
    assert "검색 조건이 올바르지 않습니다: page: 정수여야 합니다(받은 값: 'x'); size: 1에서 100 사이여야" in text
    assert "<code>page</code>: 정수여야 합니다(받은 값: 'x')" in text
    assert "<code>size</code>: 1에서 100 사이여야 합니다(받은 값: 0)" in text
    english = page_text(client.get("/search?page=x&size=0&lang=en"))
    assert "<code>page</code>: must be a whole number, got 'x'" in english


def test_werkzeug_errors_are_translated_too(client):
    for code, description in responses.HTTP_DESCRIPTIONS.items():  # still Werkzeug's own words
        assert default_exceptions[code].description == description, code
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "요청한 주소를 이 서버에서 찾을 수 없습니다." in page_text(r)
    assert "The requested URL was not found" in page_text(client.get("/no/such/page?lang=en"))


def test_a_message_without_korean_shows_its_english_text(app):
    with app.test_request_context("/?lang=ko"):
        assert responses.translate("Nothing translates %(what)s.", {"what": "this"}) == "Nothing translates this."
        assert responses.translate("") == ""  # not the catalog's header
        exc = errors.NotFound(N_("No listing %(id)s."), [{"path": "id", "message": "as sent"}], id="'x'")
        assert exc.message == str(exc) == "No listing 'x'." and responses.message(exc) == "목록 'x'을(를) 찾을 수 없습니다."
        assert exc.errors == responses.details(exc) == [{"path": "id", "message": "as sent"}]
