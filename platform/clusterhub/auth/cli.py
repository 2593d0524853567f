"""`clusterhub users ...` and `clusterhub credentials ...`: people and connector credentials."""
from __future__ import annotations

import sys
from contextlib import contextmanager

import click
from flask.cli import AppGroup

from .. import db
from ..errors import ServiceError
from . import accounts, credentials
from .roles import ROLES


@contextmanager
def _service():
    """A database session whose service errors become a clean CLI error."""
    try:
        with db.session() as s:
            yield s
    except ServiceError as exc:
        details = "".join(f"\n  {e.get('path')}: {e.get('message')}" for e in exc.errors)
        raise click.ClickException(exc.message + details) from None


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@click.group("users", cls=AppGroup)
def users():
    """People: local accounts, roles, OIDC-linked users."""


@users.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--cluster", help="The cluster a cluster operator runs (clusters.code).")
@click.option("--company", help="The company of a company member (created on first use).")
@click.option("--name", default="", help="Display name.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@click.option("--no-password", is_flag=True, help="No local password: the user logs in through OIDC.")
def users_create(email, role, cluster, company, name, password_stdin, no_password):
    """Create a user; asks for the password unless --password-stdin or --no-password."""
    password = None if no_password else _read_password(password_stdin)
    with _service() as s:
        user = accounts.create(s, email, role, cluster=cluster, company=company, name=name,
                               password=password)
    click.echo(f"Created {user.email} ({user.role}{' of ' + user.cluster if user.cluster else ''}).")


@users.command("list")
def users_list():
    """List users with their role, cluster or company and how they log in."""
    with _service() as s:
        rows = accounts.all_users(s)
    for user, company in rows:
        place = user.cluster or (company.name if company else "")
        login = "+".join(x for x, on in (("password", user.password_hash), ("oidc", user.oidc_subject)) if on)
        state = "" if user.active else "  (disabled)"
        click.echo(f"{user.email:<40} {user.role:<9} {place:<24} {login or '-'}{state}")


@users.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLES))
@click.option("--cluster")
@click.option("--company")
def users_set_role(email, role, cluster, company):
    """Assign ROLE to a user (an operator needs --cluster); it takes effect on the next request."""
    with _service() as s:
        accounts.assign_role(s, accounts.get(s, email), role, cluster=cluster, company=company)
    click.echo(f"{email} is now {role}.")


@users.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True)
def users_set_password(email, password_stdin):
    """Set a user's local password; their other sessions end."""
    password = _read_password(password_stdin)
    with _service() as s:
        accounts.set_password(s, accounts.get(s, email), password)
    click.echo(f"Password of {email} changed.")


@users.command("disable")
@click.argument("email")
def users_disable(email):
    """Disable an account; its sessions end at once."""
    with _service() as s:
        accounts.set_active(s, accounts.get(s, email), False)
    click.echo(f"{email} is disabled.")


@users.command("enable")
@click.argument("email")
def users_enable(email):
    """Enable a disabled account again."""
    with _service() as s:
        accounts.set_active(s, accounts.get(s, email), True)
    click.echo(f"{email} is enabled.")


@click.group("credentials", cls=AppGroup)
def credentials_group():
    """Connector credentials: each cluster's OAuth2 client for POST /oauth/token."""


def _show(issued: credentials.Issued) -> None:
    click.echo(f"cluster:       {issued.client.cluster}")
    click.echo(f"client_id:     {issued.client.client_id}")
    click.echo(f"client_secret: {issued.secret}")
    click.echo(f"scope:         {issued.client.scope}")
    click.echo("The secret is shown this once and stored only hashed: keep it now.", err=True)


@credentials_group.command("issue")
@click.argument("cluster")
def credentials_issue(cluster):
    """Issue a client id and secret to CLUSTER."""
    with _service() as s:
        issued = credentials.issue(s, cluster, by="cli")
    _show(issued)


@credentials_group.command("rotate")
@click.argument("cluster")
def credentials_rotate(cluster):
    """Give CLUSTER's client a new secret; the old one and its tokens stop working."""
    with _service() as s:
        issued = credentials.rotate(s, cluster, by="cli")
    _show(issued)


@credentials_group.command("revoke")
@click.argument("cluster")
def credentials_revoke(cluster):
    """Revoke CLUSTER's client and every token it holds."""
    with _service() as s:
        client = credentials.revoke(s, cluster, by="cli")
    click.echo(f"Revoked {client.client_id} of {cluster}.")


@credentials_group.command("list")
def credentials_list():
    """The clusters that hold live credentials."""
    with _service() as s:
        clients = credentials.active_by_cluster(s)
        rows = [(c, credentials.live_tokens(s, c)) for c in clients.values()]
    for client, live in sorted(rows, key=lambda r: r[0].cluster):
        changed = client.rotated_at or client.created_at
        click.echo(f"{client.cluster:<22} {client.client_id:<36} {live} live token(s), "
                   f"secret from {changed:%Y-%m-%d %H:%M} UTC")


COMMANDS = (users, credentials_group)
