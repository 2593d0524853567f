"""Playing the browser in access tests: forms with their CSRF token, and the provider's pages."""
from __future__ import annotations

import re
from urllib.parse import urljoin

import requests

from clusterhub import db
from clusterhub.auth import accounts

APP = "http://localhost"  # the Flask test client's origin
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
FORM_ACTION = re.compile(r'<form method="post" action="([^"]+)"')


def csrf_token(client, path: str = "/login") -> str:
    """The CSRF token of client's session, read from a rendered form as a browser would."""
    html = client.get(path).get_data(as_text=True)
    match = CSRF_FIELD.search(html)
    assert match, f"no CSRF field on {path}"
    return match.group(1)


def log_in(client, email: str, password: str, **extra):
    """Submit the login form; returns the response (302 on success)."""
    data = {"email": email, "password": password, "csrf_token": csrf_token(client), **extra}
    return client.post("/login", data=data)


def add_user(app, email: str, role: str, password: str | None = "correct horse battery", **kw):
    with app.app_context(), db.session() as s:
        return accounts.create(s, email, role, password=password, **kw)


def through_provider(location: str, account: str) -> str:
    """Play the browser at the provider: log in as account, consent, and return the callback path."""
    browser = requests.Session()
    url = location
    for _ in range(10):
        if url.startswith(APP):
            return url[len(APP):]
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200:
            action = FORM_ACTION.search(response.text)
            assert action, response.text
            data = {"login": account} if 'name="login"' in response.text else {}
            response = browser.post(urljoin(url, action.group(1)), data=data,
                                    allow_redirects=False, timeout=10)
        assert response.status_code in (302, 303), (response.status_code, response.text[:500])
        url = urljoin(url, response.headers["Location"])
    raise AssertionError(f"the provider never sent the browser back: {url}")


def sign_in(page, base: str, email: str, password: str, next_path: str = "/") -> None:
    """Log in through the login form in a real browser page and land on next_path."""
    page.goto(f"{base}/login?next={next_path}")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))
