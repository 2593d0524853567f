"""Local accounts: hashed passwords, one answer for every failure, throttling, session expiry."""
from __future__ import annotations

import time

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.auth import accounts
from clusterhub.auth.models import LoginFailure, User
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.conftest import build_app

PASSWORD = "correct horse battery"


def test_passwords_are_stored_hashed_with_scrypt(app):
    add_user(app, "Op@Example.org", "operator", cluster="kmedihub")
    with app.app_context(), db.session() as s:
        user = accounts.find(s, "op@example.org")
    assert user.email == "op@example.org"
    assert user.password_hash.startswith("scrypt:") and PASSWORD not in user.password_hash


def test_login_then_account_then_logout(client, app):
    add_user(app, "op@example.org", "operator", cluster="kmedihub", name="Operator Kim")
    assert client.get("/account").headers["Location"] == "/login?next=/account"
    r = log_in(client, "OP@example.org ", PASSWORD, next="/account")
    assert r.status_code == 302 and r.headers["Location"] == "/account"
    page = client.get("/account?lang=en").get_data(as_text=True)
    assert "Operator Kim" in page and "Cluster operator" in page
    assert "Operator Kim" in client.get("/").get_data(as_text=True)  # the header's account link
    r = client.post("/logout", data={"csrf_token": csrf_token(client, "/account")})
    assert r.status_code == 302
    assert client.get("/account").status_code == 302


def test_logout_ends_the_session_on_the_server_so_a_copied_cookie_stops_working(client, app):
    add_user(app, "m@example.org", "member")
    assert log_in(client, "m@example.org", PASSWORD).status_code == 302
    copied = client.get_cookie("session").value  # another tab, or a cookie someone took
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/account").status_code == 200
    assert client.post("/logout", data={"csrf_token": csrf_token(client, "/account")}).status_code == 302
    assert thief.get("/account").status_code == 302  # off to the login page
    assert log_in(client, "m@example.org", PASSWORD).status_code == 302  # a new login works
    assert client.get("/account").status_code == 200


def test_an_outdated_cookie_logging_out_ends_no_other_session(client, app):
    add_user(app, "m@example.org", "member")
    assert log_in(client, "m@example.org", PASSWORD).status_code == 302
    old = client.get_cookie("session").value
    token = csrf_token(client, "/account")
    client.post("/logout", data={"csrf_token": token})
    fresh = app.test_client()
    assert log_in(fresh, "m@example.org", PASSWORD).status_code == 302
    stale = app.test_client()
    stale.set_cookie("session", old)
    stale.post("/logout", data={"csrf_token": token})
    assert fresh.get("/account").status_code == 200


def test_next_never_leaves_the_site(client, app):
    add_user(app, "m@example.org", "member")
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        r = log_in(client, "m@example.org", PASSWORD, next=target)
        assert r.headers["Location"] == "/account"


def test_unknown_account_and_wrong_password_get_the_same_answer(client, app):
    add_user(app, "known@example.org", "member")
    add_user(app, "oidc-only@example.org", "member", password=None)
    answers = [log_in(client, email, "wrong password!") for email in
               ("known@example.org", "nobody@example.org", "oidc-only@example.org")]
    assert {r.status_code for r in answers} == {401}
    messages = {r.get_data(as_text=True).split('class="form-error"')[1].split("</p>")[0] for r in answers}
    assert len(messages) == 1


def test_a_disabled_account_gets_the_same_answer_even_with_the_right_password(client, app):
    add_user(app, "gone@example.org", "member")
    with app.app_context(), db.session() as s:
        accounts.set_active(s, accounts.find(s, "gone@example.org"), False)
    assert log_in(client, "gone@example.org", PASSWORD).status_code == 401


def test_failures_are_throttled_per_account_whether_it_exists_or_not(client, app):
    add_user(app, "victim@example.org", "member")
    for email in ("victim@example.org", "ghost@example.org"):
        for _ in range(5):
            assert log_in(client, email, "wrong password!").status_code == 401
        # Locked now: even the right password is refused, and the answer is the same for both.
        assert log_in(client, email, PASSWORD).status_code == 429
    with app.app_context(), db.session() as s:
        assert len(s.exec(select(LoginFailure)).all()) == 10


def test_failures_are_throttled_per_address(tmp_path):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}", LOGIN_MAX_FAILURES_PER_IP=3)
    add_user(app, "real@example.org", "member")
    client = app.test_client()
    for i in range(3):
        assert log_in(client, f"guess{i}@example.org", "wrong password!").status_code == 401
    assert log_in(client, "real@example.org", PASSWORD).status_code == 429
    other = app.test_client()
    assert log_in(other, "real@example.org", PASSWORD).status_code == 429  # same address


@pytest.mark.parametrize("proxies", [0, 1])
def test_behind_a_proxy_the_throttle_counts_the_forwarded_client_address(tmp_path, proxies):
    """With PROXY_COUNT=1 (nginx in front) each client's address counts apart; without it the
    X-Forwarded-For header is ignored, so changing it does not escape the limit."""
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}", LOGIN_MAX_FAILURES_PER_IP=3,
                    PROXY_COUNT=proxies)
    add_user(app, "real@example.org", "member")
    guesser = app.test_client()
    for i in range(3):
        guesser.environ_base["HTTP_X_FORWARDED_FOR"] = f"203.0.113.{i + 7}" if not proxies \
            else "203.0.113.7"
        assert log_in(guesser, f"guess{i}@example.org", "wrong password!").status_code == 401
    colleague = app.test_client()
    colleague.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.2"
    assert log_in(colleague, "real@example.org", PASSWORD).status_code == (302 if proxies else 429)


def test_a_success_forgives_the_account_failures(client, app):
    add_user(app, "me@example.org", "member")
    for _ in range(4):
        log_in(client, "me@example.org", "typo typo typo")
    assert log_in(client, "me@example.org", PASSWORD).status_code == 302
    with app.app_context(), db.session() as s:
        assert not s.exec(select(LoginFailure).where(LoginFailure.account == "me@example.org")).all()


@pytest.mark.parametrize("setting", ["SESSION_LIFETIME", "SESSION_IDLE_TIMEOUT"])
def test_sessions_expire(tmp_path, setting):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}", **{setting: 1})
    add_user(app, "m@example.org", "member")
    client = app.test_client()
    log_in(client, "m@example.org", PASSWORD)
    assert client.get("/account").status_code == 200
    time.sleep(2.1)
    assert client.get("/account").status_code == 302


def test_a_new_password_or_disabling_ends_open_sessions(client, app):
    add_user(app, "m@example.org", "member")
    log_in(client, "m@example.org", PASSWORD)
    with app.app_context(), db.session() as s:
        accounts.set_password(s, accounts.find(s, "m@example.org"), "another long password")
    assert client.get("/account").status_code == 302


def test_a_role_change_applies_on_the_next_request(client, app):
    add_user(app, "m@example.org", "member")
    log_in(client, "m@example.org", PASSWORD)
    assert client.get("/admin/users").status_code == 403
    with app.app_context(), db.session() as s:
        accounts.assign_role(s, accounts.find(s, "m@example.org"), "admin")
    assert client.get("/admin/users").status_code == 200


def test_the_session_cookie_is_secure_httponly_and_samesite(client, app):
    add_user(app, "m@example.org", "member")
    r = log_in(client, "m@example.org", PASSWORD)
    cookie = r.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Expires=" in cookie  # a permanent session, bounded by SESSION_LIFETIME


def test_login_starts_a_new_session_with_a_new_csrf_token(client, app):
    add_user(app, "m@example.org", "member")
    before = csrf_token(client)
    log_in(client, "m@example.org", PASSWORD)
    assert csrf_token(client) != before


def test_account_rules(app):
    with app.app_context(), db.session() as s:
        with pytest.raises(Exception, match="needs the cluster"):
            accounts.create(s, "a@example.org", "operator")
        with pytest.raises(Exception, match="No cluster"):
            accounts.create(s, "a@example.org", "operator", cluster="atlantis")
        with pytest.raises(Exception, match="Only company members"):
            accounts.create(s, "a@example.org", "curator", company="ACME")
        with pytest.raises(Exception, match="characters"):
            accounts.create(s, "a@example.org", "member", password="short")
        user = accounts.create(s, "a@example.org", "member", company="  ACME   Bio ")
        assert user.company_id is not None
        with pytest.raises(Exception, match="exists already"):
            accounts.create(s, "A@example.org", "member")
        assert s.get(User, user.id).role == "member"
