"""`clusterhub mail deliver` and `clusterhub mail queue`: the outbox from the command line."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from sqlmodel import select

from .. import db
from . import mail
from .models import OutboxMail


@click.group("mail", cls=AppGroup)
def mail_group():
    """Notification mail: deliver what is queued, list what waits."""


@mail_group.command("deliver")
def deliver():
    """Try every queued mail once more (deploy/systemd/clusterhub-mail.timer runs this)."""
    if not mail.setting(current_app, "SMTP_HOST"):
        click.echo("SMTP_HOST is not set: mail stays in the outbox, which admins read at /admin/outbox.")
        return
    sent, failed = mail.deliver_pending(current_app._get_current_object())
    click.echo(f"Sent {sent}, failed {failed}.")
    if failed:
        raise SystemExit(1)


@mail_group.command("queue")
def queue():
    """The mail that is not sent yet, with its attempts and last error."""
    with db.session() as s:
        rows = list(s.exec(select(OutboxMail).where(OutboxMail.sent_at.is_(None))
                           .order_by(OutboxMail.id)))
    if not rows:
        click.echo("Nothing waits.")
    for m in rows:
        click.echo(f"#{m.id} {m.to} attempts {m.attempts}: {m.subject}"
                   + (f" — {m.last_error}" if m.last_error else ""))


COMMANDS = (mail_group,)
