"""`clusterhub users ...`, `clusterhub credentials ...` and the demo accounts."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clusterhub import db
from clusterhub.auth import accounts, demo
from clusterhub.auth.roles import LABELS
from clusterhub.cli import main
from tests.clusterhub.auth.browser import log_in
from tests.clusterhub.auth.tokens import fetch_token

CLI = Path(sys.executable).with_name("clusterhub")


def run(app, *args, stdin: str | None = None):
    return app.test_cli_runner().invoke(main, list(args), input=stdin)


def test_users_create_list_set_role_and_disable(app):
    r = run(app, "users", "create", "Op@Example.org", "--role", "operator", "--cluster", "kmedihub",
            "--password-stdin", stdin="a long enough password\n")
    assert r.exit_code == 0, r.output
    assert log_in(app.test_client(), "op@example.org", "a long enough password").status_code == 302
    r = run(app, "users", "create", "m@example.org", "--role", "member", "--company", "한빛제약",
            "--no-password")
    assert r.exit_code == 0, r.output
    listing = run(app, "users", "list").output
    assert "op@example.org" in listing and "kmedihub" in listing and "한빛제약" in listing
    assert run(app, "users", "set-role", "m@example.org", "curator").exit_code == 0
    assert run(app, "users", "disable", "op@example.org").exit_code == 0
    with app.app_context(), db.session() as s:
        assert accounts.find(s, "m@example.org").role == "curator"
        assert accounts.find(s, "op@example.org").active is False


def test_users_create_explains_what_is_wrong(app):
    r = run(app, "users", "create", "x@example.org", "--role", "operator", "--no-password")
    assert r.exit_code != 0 and "needs the cluster" in r.output
    r = run(app, "users", "create", "x@example.org", "--role", "member", "--password-stdin", stdin="short\n")
    assert r.exit_code != 0 and "characters" in r.output


def test_credentials_commands(app):
    r = run(app, "credentials", "issue", "kmedihub")
    assert r.exit_code == 0, r.output
    fields = dict(line.split(":", 1) for line in r.stdout.splitlines() if ":" in line)
    client_id, secret = fields["client_id"].strip(), fields["client_secret"].strip()
    assert fetch_token(app.test_client(), client_id, secret)
    assert "kmedihub" in run(app, "credentials", "list").output
    assert run(app, "credentials", "issue", "kmedihub").exit_code != 0
    rotated = run(app, "credentials", "rotate", "kmedihub")
    assert rotated.exit_code == 0 and secret not in rotated.output
    assert run(app, "credentials", "revoke", "kmedihub").exit_code == 0
    assert run(app, "credentials", "revoke", "kmedihub").exit_code != 0


def test_the_console_script_reads_the_password_from_stdin(tmp_path):
    env = dict(os.environ, CLUSTERHUB_INSTANCE=str(tmp_path / "instance"))
    env.pop("DATABASE_URL", None)
    subprocess.run([str(CLI), "db", "upgrade"], env=env, check=True, capture_output=True, timeout=120)
    subprocess.run([str(CLI), "clusters", "load"], env=env, check=True, capture_output=True, timeout=120)
    done = subprocess.run([str(CLI), "users", "create", "admin@example.org", "--role", "admin",
                           "--password-stdin"], input="a long enough password\n", env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "admin@example.org" in subprocess.run([str(CLI), "users", "list"], env=env, text=True,
                                                 capture_output=True, timeout=120).stdout


@pytest.mark.parametrize("account", demo.ACCOUNTS, ids=lambda a: a.role)
def test_each_demo_account_logs_in_with_its_role(app, account):
    with app.app_context():
        demo.ensure_demo_accounts()
        demo.ensure_demo_accounts()  # a second demo load changes nothing
    client = app.test_client()
    assert log_in(client, account.email, account.password).status_code == 302
    page = client.get("/account?lang=en").get_data(as_text=True)
    assert account.email in page and str(LABELS[account.role]) in page
