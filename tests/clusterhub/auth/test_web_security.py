"""Web security: CSRF tokens on forms, security headers on every response, no inline code."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from clusterhub.auth import headers
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in

TEMPLATES = Path(__file__).resolve().parents[3] / "platform" / "clusterhub" / "templates"


@pytest.mark.parametrize("path", ["/", "/login", "/healthz", "/static/css/site.css", "/no/such/page",
                                  "/api/v1/nothing", "/account"])
def test_every_response_carries_the_security_headers(client, path):
    r = client.get(path)
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_the_policy_allows_nothing_inline():
    directives = dict(d.strip().split(" ", 1) for d in headers.CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"


def test_templates_have_no_inline_scripts_styles_or_handlers():
    for template in TEMPLATES.rglob("*.html"):
        html = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), template
        assert "<style" not in html and not re.search(r"\sstyle=", html), template
        assert not re.search(r"\son[a-z]+=", html), template


def test_every_form_carries_a_csrf_token(client, app):
    add_user(app, "admin@example.org", "admin")
    log_in(client, "admin@example.org", "correct horse battery")
    for path in ("/login", "/account", "/admin/users", "/credentials/kmedihub"):
        html = client.get(path).get_data(as_text=True)
        forms = re.findall(r"<form[^>]*method=\"post\".*?</form>", html, re.S)
        assert forms, path
        assert all('name="csrf_token"' in form for form in forms), path


@pytest.mark.parametrize("token", [None, "forged"])
def test_a_post_without_the_session_token_is_refused(client, app, token):
    add_user(app, "m@example.org", "member")
    data = {"email": "m@example.org", "password": "correct horse battery"}
    if token:
        csrf_token(client)  # the session has a token, but not the one sent
        data["csrf_token"] = token
    r = client.post("/login", data=data)
    assert r.status_code == 400 and "페이지를 새로 고친 뒤 다시 시도하세요" in r.get_data(as_text=True)
    english = client.post("/login?lang=en", data=data)
    assert english.status_code == 400 and "reload the page" in english.get_data(as_text=True)
    assert client.get("/account").status_code == 302


def test_a_csrf_failure_on_a_json_request_uses_the_error_shape(client):
    r = client.post("/logout", headers={"Accept": "application/json"})
    assert r.status_code == 400 and r.json["code"] == "csrf_failed"


def test_anonymous_json_clients_get_401_not_a_redirect(client):
    r = client.get("/account", headers={"Accept": "application/json"})
    assert r.status_code == 401 and set(r.json) == {"code", "status", "message", "errors"}


def test_pages_for_a_signed_in_user_are_not_cached(client, app):
    add_user(app, "m@example.org", "member")
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    log_in(client, "m@example.org", "correct horse battery")
    assert client.get("/").headers["Cache-Control"] == "no-store"
