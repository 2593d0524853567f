"""The demo accounts in headless Chromium on http://127.0.0.1: Secure cookies, CSP, each role."""
from __future__ import annotations


import pytest

from clusterhub import db
from clusterhub.auth import demo
from clusterhub.auth.roles import LABELS
from tests.conftest import build_app, serving


@pytest.fixture
def chromium(browser):
    """The suite's one Chromium (tests/conftest.py)."""
    return browser


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """The app with the demo accounts, served on a loopback port over plain http."""
    tmp = tmp_path_factory.mktemp("browser-login")
    app = build_app(tmp, f"sqlite:///{tmp / 'demo.db'}")
    with app.app_context():
        demo.ensure_demo_accounts()
    with serving(app) as url:
        yield url
    db.engine(app).dispose()


@pytest.mark.parametrize("account", demo.ACCOUNTS, ids=lambda a: a.role)
def test_each_demo_account_logs_in_in_a_browser(chromium, demo_server, account):
    context = chromium.new_context(locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        page.goto(f"{demo_server}/lang/en?next=/")
        page.click("text=Log in")
        page.fill("#email", account.email)
        page.fill("#password", account.password)
        page.click("form.stacked button[type=submit]")
        page.wait_for_url(f"{demo_server}/")  # back where the login link was clicked
        page.click(f"header >> text={account.name}")   # the account menu, named by the person
        page.click("header .nav-account >> text=Your account")
        page.wait_for_url(f"{demo_server}/account")
        assert account.email in page.content() and str(LABELS[account.role]) in page.content()
        cookie = next(c for c in context.cookies() if c["name"] == "session")
        assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Lax"
        page.click(f"header >> text={account.name}")
        page.click("header .nav-account >> text=Log out")
        page.wait_for_url(f"{demo_server}/")
        assert "Log in" in page.content()
        assert not violations
    finally:
        context.close()
