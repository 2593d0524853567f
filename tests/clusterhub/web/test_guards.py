"""Hostile input never reaches the database: a NUL character (PostgreSQL refuses it in text, SQLite
stores it) is refused the same way on both backends, before any view runs."""
from __future__ import annotations

import base64
import re

import pytest

from clusterhub import db
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.conftest import build_app

PASSWORD = "correct horse battery"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def site(request, tmp_path):
    """The app on SQLite and on PostgreSQL: a guard must answer the same on both."""
    url = (f"sqlite:///{tmp_path / 'catalog.db'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres_url"))
    app = build_app(tmp_path, url)
    yield app
    db.engine(app).dispose()


def _signed_in(app, email: str, role: str, **kw):
    add_user(app, email, role, **kw)
    client = app.test_client()
    assert log_in(client, email, PASSWORD).status_code == 302
    return client, csrf_token(client)


@pytest.mark.parametrize("path", ["/listings/kmedihub:equipment:%00", "/clusters/kmedi%00hub",
                                  "/api/v1/listings/x%00y", "/schemas/service%00.json",
                                  "/my/requests/1%00"])
def test_a_nul_in_a_path_is_not_found(site, path):
    r = site.test_client().get(path)
    assert r.status_code == 404


@pytest.mark.parametrize("path", ["/search?q=a%00b", "/search?region%00=jeju", "/api/v1/search?q=%00",
                                  "/api/v1/search?region=je%00ju", "/login?next=/%00"])
def test_a_nul_in_a_query_string_is_a_bad_request(site, path):
    r = site.test_client().get(path, headers={"Accept": "application/json"})
    assert r.status_code == 400
    assert r.json["code"] == "bad_request" and "NUL" in r.json["message"]
    assert r.json["errors"][0]["path"].startswith("query.")


def test_a_nul_in_the_login_form_is_a_bad_request_on_a_page(site):
    add_user(site, "m@example.org", "member")
    client = site.test_client()
    r = client.post("/login", data={"email": "m@example.org\x00", "password": PASSWORD,
                                    "csrf_token": csrf_token(client)})
    assert r.status_code == 400
    assert "form.email" in r.get_data(as_text=True)
    assert client.get("/account").status_code == 302  # not signed in


def test_a_nul_in_the_needs_form_is_a_bad_request(site):
    client = site.test_client()
    r = client.post("/needs", data={"csrf_token": csrf_token(client), "q": "장기칩",
                                    "description": "간 장기칩\x00 독성 평가", "contact_email": ""})
    assert r.status_code == 400


def test_a_nul_in_a_json_request_body_is_a_bad_request(site):
    client, token = _signed_in(site, "m@example.org", "member", company="한빛제약")
    r = client.post("/api/v1/requests", headers={"X-CSRF-Token": token},
                    json={"listing_ids": ["kmedihub:equipment:EQ-1"], "need": "독성\u0000평가",
                          "timeline": "", "budget": "undecided", "consent": True})
    assert r.status_code == 400 and r.json["errors"][0]["path"] == "body.need"


def test_a_nul_in_a_json_key_is_a_bad_request(site):
    client, token = _signed_in(site, "m@example.org", "member", company="한빛제약")
    r = client.post("/api/v1/tickets/1/messages", headers={"X-CSRF-Token": token},
                    json={"bo\u0000dy": "hello"})
    assert r.status_code == 400


def test_a_nul_in_a_ticket_message_form_is_a_bad_request(site):
    client, token = _signed_in(site, "op@example.org", "operator", cluster="kmedihub")
    r = client.post("/tickets/1/messages", data={"csrf_token": token, "body": "견적\x00드립니다"})
    assert r.status_code == 400


def test_text_without_nul_still_passes(site):
    r = site.test_client().get("/search?q=%ED%95%A9%EC%84%B1")  # 합성: other escapes are fine
    assert r.status_code == 200


ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def _id_routes(app):
    return [rule for rule in app.url_map.iter_rules()
            if any(conv == "id" for conv, _ in ARGUMENT.findall(rule.rule))]


def test_every_numeric_id_in_a_route_goes_through_the_id_converter(app):
    plain = [rule.rule for rule in app.url_map.iter_rules()
             if any(conv in ("int", "float") for conv, _ in ARGUMENT.findall(rule.rule))]
    assert not plain, f"use <id:...> for these ids: {plain}"
    assert len(_id_routes(app)) >= 18


@pytest.mark.parametrize("number", ["0", str(2**31), str(2**63), str(2**64 + 1), "9" * 40])
def test_ids_out_of_range_are_not_found_on_every_route(site, number):
    add_user(site, "admin@example.org", "admin")
    client = site.test_client()
    assert log_in(client, "admin@example.org", PASSWORD).status_code == 302
    wrong, routes = [], _id_routes(site)
    assert len(routes) >= 18
    for rule in routes:
        path = ARGUMENT.sub(lambda m: number if m.group(1) == "id" else "kmedihub", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            r = client.open(path, method=method, headers={"Accept": "application/json"})
            if r.status_code != 404:
                wrong.append((method, path, r.status_code))
    assert not wrong


def test_ids_in_range_still_reach_the_view(site):
    add_user(site, "admin@example.org", "admin")
    client = site.test_client()
    assert log_in(client, "admin@example.org", PASSWORD).status_code == 302
    r = client.get(f"/api/v1/tickets/{2**31 - 1}")
    assert r.status_code == 404 and "ticket" in r.json["message"].lower()


def _nested(levels: int) -> str:
    return '{"listings": ' + "[" * levels + "]" * levels + "}"


def test_deeply_nested_json_to_the_push_api_is_a_bad_request(site):
    from tests.clusterhub.auth.tokens import bearer

    r = site.test_client().post("/api/v1/clusters/kmedihub/listings", data=_nested(1000),
                                headers={**bearer(site, "kmedihub"), "Content-Type": "application/json"})
    assert r.status_code == 400 and r.json["code"] == "bad_request"
    assert r.json["message"] == "The JSON body is nested more than 64 levels deep; at most 64 are read."


def test_deeply_nested_json_to_the_requests_api_is_a_bad_request(site):
    client, token = _signed_in(site, "m@example.org", "member", company="한빛제약")
    for path in ("/api/v1/requests", "/api/v1/tickets/1/messages"):
        r = client.post(path, data=_nested(1000),
                        headers={"X-CSRF-Token": token, "Content-Type": "application/json"})
        assert r.status_code == 400 and "nested more than 64 levels" in r.json["message"], path


def test_the_limit_is_64_levels_and_brackets_inside_strings_do_not_count(site):
    client, token = _signed_in(site, "m@example.org", "member", company="한빛제약")
    headers = {"X-CSRF-Token": token, "Content-Type": "application/json"}
    at_limit = '{"body": "[[[[", "x": ' + "[" * 63 + "]" * 63 + "}"
    r = client.post("/api/v1/tickets/1/messages", data=at_limit, headers=headers)
    assert r.status_code == 422 and r.json["errors"][0]["path"] == "x"  # read, then refused by field
    over = '{"x": ' + "[" * 64 + "]" * 64 + "}"
    assert client.post("/api/v1/tickets/1/messages", data=over, headers=headers).status_code == 400


def test_an_over_long_url_under_the_api_gets_the_json_error_shape(client):
    r = client.get("/api/v1/search?q=" + "가" * 2000)  # 18,000 bytes once percent-encoded
    assert r.status_code == 414 and r.is_json
    assert set(r.json) == {"code", "status", "message", "errors"}
    assert r.json["status"] == 414 and "4096 characters" in r.json["message"]


def test_an_over_long_url_elsewhere_gets_the_sites_own_page(client):
    r = client.get("/search?q=x&pad=" + "x" * 5000)
    assert r.status_code == 414 and r.mimetype == "text/html"
    page = r.get_data(as_text=True)
    assert 'class="error-page"' in page and "4096" in page  # the site's page, in Korean
    assert client.get("/no/such/" + "x" * 5000).status_code == 414  # even where no route matches


def test_a_url_just_under_the_limit_is_served(client):
    assert client.get("/?pad=" + "x" * 4000).status_code == 200


@pytest.mark.parametrize("header", ["Basic " + base64.b64encode(b"cl\x00ient:secret").decode(),
                                    "Basic " + base64.b64encode(b"client:se\x00cret").decode(),
                                    "Bearer tok\x00en"])
def test_a_nul_in_credentials_is_a_bad_request(site, header):
    client = site.test_client()
    r = client.post("/oauth/token", data={"grant_type": "client_credentials"},
                    headers={"Authorization": header})
    assert r.status_code == 400 and "header.Authorization" in r.get_data(as_text=True)
    r = client.post("/api/v1/clusters/kmedihub/listings", json={"listings": []},
                    headers={"Authorization": header})
    assert r.status_code == 400 and r.json["errors"][0]["path"] == "header.Authorization"
