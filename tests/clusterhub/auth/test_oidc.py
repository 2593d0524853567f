"""OIDC login against a real provider on loopback: the whole flow, and the attacks it must refuse."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.auth import oidc
from clusterhub.auth.models import User
from tests.clusterhub.auth.browser import add_user, through_provider
from tests.clusterhub.auth.provider import CLIENT_ID, CLIENT_SECRET
from tests.conftest import build_app


def oidc_app(tmp_path, issuer: str):
    return build_app(tmp_path, f"sqlite:///{tmp_path / 'oidc.db'}", OIDC_ISSUER=issuer,
                     OIDC_CLIENT_ID=CLIENT_ID, OIDC_CLIENT_SECRET=CLIENT_SECRET)


def start(client, next_path: str = "/account") -> str:
    r = client.get(f"/auth/oidc/login?next={next_path}")
    assert r.status_code == 302, r.get_data(as_text=True)
    return r.headers["Location"]


def signed_in_as(client) -> str | None:
    r = client.get("/account")
    if r.status_code != 200:
        return None
    return re.search(r"<dd>([^<]+@[^<]+)</dd>", r.get_data(as_text=True)).group(1)


@pytest.fixture
def good(tmp_path, oidc_provider):
    return oidc_app(tmp_path, oidc_provider["good"])


def test_login_through_the_provider_takes_role_and_cluster_from_claims(good, oidc_provider):
    client = good.test_client()
    location = start(client)
    query = parse_qs(urlsplit(location).query)
    assert location.startswith(oidc_provider["good"])
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["state"][0] and query["nonce"][0] and "openid" in query["scope"][0]
    assert "code_verifier" not in location
    r = client.get(through_provider(location, "ana"))
    assert r.status_code == 302 and r.headers["Location"] == "/account"
    assert signed_in_as(client) == "ana@kmedihub.example"
    with good.app_context(), db.session() as s:
        user = s.exec(select(User).where(User.email == "ana@kmedihub.example")).one()
    assert (user.role, user.cluster, user.role_source) == ("operator", "kmedihub", "claim")
    assert user.oidc_issuer == oidc_provider["good"] and user.oidc_subject == "ana"
    assert user.company_id is None  # a company claim means nothing for an operator


def test_claims_the_id_token_leaves_out_come_from_userinfo(tmp_path, oidc_provider, monkeypatch):
    fetched = []
    real = oidc._with_userinfo
    monkeypatch.setattr(oidc, "_with_userinfo", lambda *a: fetched.append(a[2]) or real(*a))
    app = oidc_app(tmp_path, oidc_provider["userinfo"])
    client = app.test_client()
    assert client.get(through_provider(start(client), "ana")).status_code == 302
    assert "email" not in fetched[0]  # the ID token had no e-mail: it came from UserInfo
    assert signed_in_as(client) == "ana@kmedihub.example"
    assert "Cluster operator" in client.get("/account?lang=en").get_data(as_text=True)


def test_the_strongest_claimed_role_wins_and_members_get_their_company(good):
    client = good.test_client()
    client.get(through_provider(start(client), "cora"))
    assert "Curator" in client.get("/account?lang=en").get_data(as_text=True)
    member = good.test_client()
    member.get(through_provider(start(member), "mina"))
    page = member.get("/account?lang=en").get_data(as_text=True)
    assert "Company member" in page and "한빛제약" in page


def test_an_admin_created_account_is_linked_on_a_verified_email_and_keeps_its_role(good):
    add_user(good, "pat@foundation.example", "curator", password=None)
    client = good.test_client()
    client.get(through_provider(start(client), "pat"))
    page = client.get("/account?lang=en").get_data(as_text=True)
    assert "pat@foundation.example" in page and "Curator" in page


def test_an_unverified_email_never_takes_over_an_account(good):
    add_user(good, "pat@foundation.example", "admin", password=None)
    client = good.test_client()
    r = client.get(through_provider(start(client), "eve"))
    assert r.status_code == 401  # the refusal, on the Korean login page, in Korean
    assert "이 이메일 주소의 계정이 있지만 이 신원과 연결되어 있지 않습니다." in r.get_data(as_text=True)
    assert signed_in_as(client) is None


def test_an_operator_claim_without_a_cluster_is_refused(good):
    client = good.test_client()
    r = client.get(through_provider(start(client), "olaf"))
    assert r.status_code == 401  # the claim's problem, translated with the refusal
    assert ("역할 클레임을 쓸 수 없습니다: 클러스터 운영자에게는 운영하는 클러스터를 지정해야 합니다."
            in r.get_data(as_text=True))
    assert signed_in_as(client) is None


def test_a_token_from_another_issuer_is_refused(tmp_path, oidc_provider):
    # The discovered issuer is "mixup", whose endpoints hand out the "good" provider's tokens.
    app = oidc_app(tmp_path, oidc_provider["mixup"])
    client = app.test_client()
    r = client.get(through_provider(start(client), "ana"))
    assert r.status_code == 401 and "Invalid claim: &#39;iss&#39;" in r.get_data(as_text=True)
    assert signed_in_as(client) is None


def test_an_expired_id_token_is_refused(tmp_path, oidc_provider):
    # This provider's clock runs two hours slow while it signs: its ID tokens expired an hour ago.
    app = oidc_app(tmp_path, oidc_provider["expired"])
    client = app.test_client()
    r = client.get(through_provider(start(client), "ana"))
    assert r.status_code == 401 and "token is expired" in r.get_data(as_text=True)
    assert signed_in_as(client) is None


def test_a_nonce_mismatch_is_refused(tmp_path, oidc_provider):
    # This provider swaps the nonce of the authorization request for another one.
    app = oidc_app(tmp_path, oidc_provider["tampered"])
    client = app.test_client()
    r = client.get(through_provider(start(client), "ana"))
    assert r.status_code == 401 and "Invalid claim: &#39;nonce&#39;" in r.get_data(as_text=True)
    assert signed_in_as(client) is None


def test_a_replayed_state_is_refused_even_with_the_old_cookie(good):
    client = good.test_client()
    callback = through_provider(start(client), "ana")
    old_cookie = client.get_cookie("session").value
    assert client.get(callback).status_code == 302
    assert client.get(callback).status_code == 401  # the same browser: state already used
    attacker = good.test_client()
    attacker.set_cookie("session", old_cookie)  # a copy of the cookie from before the callback
    r = attacker.get(callback)
    assert r.status_code == 401 and "이미 완료되었거나 만료된 로그인입니다." in r.get_data(as_text=True)
    assert signed_in_as(attacker) is None


def test_a_callback_without_a_login_in_progress_is_refused(good):
    r = good.test_client().get("/auth/oidc/callback?code=made-up&state=made-up")
    assert r.status_code == 401


def test_without_an_issuer_the_login_page_offers_passwords_only(client):
    assert "/auth/oidc/login" not in client.get("/login").get_data(as_text=True)
    assert client.get("/auth/oidc/login").status_code == 404
    assert client.get("/auth/oidc/callback?code=x&state=y").status_code == 404


def test_the_login_page_offers_both_when_an_issuer_is_set(good):
    html = good.test_client().get("/login").get_data(as_text=True)
    assert "/auth/oidc/login" in html and 'name="password"' in html
