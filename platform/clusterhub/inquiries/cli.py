"""`clusterhub mail deliver`, `clusterhub mail queue` and `clusterhub tickets escalate`: the first
and last go through the job queue (clusterhub.jobs)."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from sqlmodel import select

from .. import db, jobs
from . import mail
from .models import OutboxMail


@click.group("mail", cls=AppGroup)
def mail_group():
    """Notification mail: deliver what is queued, list what waits."""


@mail_group.command("deliver")
def deliver():
    """Try every queued mail once more (deploy/systemd/clusterhub-mail.timer runs this)."""
    if not mail.Smtp.from_config(current_app.config).host:
        click.echo("SMTP_HOST is not set: mail stays in the outbox, which admins read at /admin/outbox.")
        return
    job, result = jobs.current().submit(mail.DELIVER)
    if job:
        click.echo(f"Queued delivery job {job}.")
        return
    sent, failed = result
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


@click.group("tickets", cls=AppGroup)
def tickets_group():
    """Tickets: escalate the unanswered ones to the foundation."""


@tickets_group.command("escalate")
def escalate():
    """Escalate tickets without a first answer after 3 and 5 working days (mails each step once;
    deploy/systemd/clusterhub-escalate.timer runs this). With REDIS_URL the job is queued for a
    worker; without, it runs here."""
    job, raised = jobs.current().submit("clusterhub.inquiries.escalation.job")
    if job:
        click.echo(f"Queued escalation job {job}.")
        return
    for ticket_id, cluster, level in raised:
        click.echo(f"#{ticket_id} {cluster}: step {level}")
    click.echo(f"Escalated {len(raised)} ticket(s).")


COMMANDS = (mail_group, tickets_group)
