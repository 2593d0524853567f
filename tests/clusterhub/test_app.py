"""The app skeleton as a visitor and an operator see it."""
import re

from tests.conftest import build_app


def row_names(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/clusters/[a-z_]+">([^<]+)</a></th>', html)


def test_home_lists_the_twenty_clusters_in_korean_by_default(client):
    r = client.get("/")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert '<html lang="ko">' in html
    names = row_names(html)
    assert len(names) == 20
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
    r = app.test_client().post("/login", data={"email": "a@example.org", "password": "x" * 2_000_000})
    assert r.status_code == 413
    assert "1 MB" in r.get_data(as_text=True) and "nothing was stored" in r.get_data(as_text=True)


def test_the_body_limit_is_on_by_default(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 32 * 1024 * 1024
