"""Notification e-mail: rendered from templates/mail in the recipient's language, queued in the
outbox with the action that caused it, and delivered through SMTP by a job (deliver_job, on
clusterhub.jobs) that the unit of work enqueues once that action has committed; retried until sent. Without SMTP
the outbox is where admins read it.

An SMTP outage therefore never fails or undoes the request, quote or message that mails: the
mail waits in the outbox with its attempts and last error, and `clusterhub mail deliver` (run by
deploy/systemd/clusterhub-mail.timer) tries again. Flask-free: the SMTP settings and the database
engine come in as arguments."""
from __future__ import annotations

import os
import smtplib
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Iterator, Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from .. import db, jobs, unit
from ..auth.models import User
from ..models import utcnow
from . import letters
from .models import OutboxMail

DELIVER = "clusterhub.inquiries.mail.deliver_job"
MAX_ATTEMPTS = 10
_delivering = threading.Lock()


@dataclass(frozen=True)
class Smtp:
    """Where mail goes: SMTP_HOST (empty: nowhere, it stays in the outbox), port, STARTTLS, login."""

    host: str = ""
    port: int = 587
    starttls: bool = True
    user: str = ""
    password: str = ""
    sender: str = "clusterhub@localhost"

    @classmethod
    def from_config(cls, config: Mapping) -> "Smtp":
        """The settings in config (the app's), else in the environment."""
        def get(name: str, default: str = "") -> str:
            return str(config.get(name) or os.environ.get(name, default))

        return cls(host=get("SMTP_HOST"), port=int(get("SMTP_PORT", "587")),
                   starttls=get("SMTP_STARTTLS", "1") == "1", user=get("SMTP_USER"),
                   password=get("SMTP_PASSWORD"), sender=get("SMTP_FROM", "clusterhub@localhost"))


def recipient_language(s: Session, to: str, fallback: str | None = None) -> str:
    """The language mail to this address is written in: its user's, else fallback (the language
    recorded with the request that mails), else Korean."""
    user = s.exec(select(User).where(User.email == (to or "").strip().lower())).first()
    return letters.language_of(user.language if user is not None else fallback)


def send(s: Session, to: str, template: str, *, language: str | None = None, **context) -> OutboxMail:
    """Queue mail `template` (templates/mail/<template>.txt) to `to` in the caller's transaction,
    in the recipient's language (see recipient_language; `language` is the fallback for an address
    with no account). It is delivered once that transaction commits."""
    subject, body = letters.render(template, recipient_language(s, to, language), **context)
    mail = OutboxMail(to=to, subject=subject[:300], body=body)
    s.add(mail)
    unit.of(s).mail()
    return mail


@contextmanager
def _session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s, s.begin():
        yield s


def deliver_pending(engine: Engine, smtp: Smtp, limit: int = 100) -> tuple[int, int]:
    """Try every queued mail once (oldest first, fewer than MAX_ATTEMPTS tries so far);
    returns (sent, failed). Does nothing without an SMTP host."""
    if not smtp.host:
        return 0, 0
    sent = failed = 0
    with _delivering:
        with _session(engine) as s:
            queued = list(s.exec(select(OutboxMail).where(
                OutboxMail.sent_at.is_(None), OutboxMail.attempts < MAX_ATTEMPTS)
                .order_by(OutboxMail.id).limit(limit)))
        for mail in queued:
            if not _claim(engine, mail):
                continue  # another worker took it
            try:
                _smtp(smtp, mail)
            except (OSError, smtplib.SMTPException) as exc:
                _record(engine, mail.id, error=f"{type(exc).__name__}: {exc}"[:500])
                failed += 1
            else:
                _record(engine, mail.id, sent=True)
                sent += 1
    return sent, failed


def deliver_job() -> tuple[int, int]:
    """The job: deliver the outbox with the settings of the app the worker runs."""
    app = jobs.current().app
    return deliver_pending(db.engine(app), Smtp.from_config(app.config))


def on_commit(app, u: unit.Unit) -> None:
    """After-commit handler: a unit that queued mail gets a delivery job (with an SMTP host)."""
    if u.mailed and Smtp.from_config(app.config).host:
        jobs.current(app).enqueue(DELIVER)


def init_app(app) -> None:
    unit.after_commit(app, on_commit)


def _claim(engine: Engine, mail: OutboxMail) -> bool:
    """Count this attempt first, so two workers never send the same mail."""
    with _session(engine) as s:
        done = s.execute(sa.update(OutboxMail).where(
            OutboxMail.id == mail.id, OutboxMail.attempts == mail.attempts,
            OutboxMail.sent_at.is_(None)).values(attempts=mail.attempts + 1))
        return done.rowcount == 1


def _record(engine: Engine, mail_id: int, *, sent: bool = False, error: str = "") -> None:
    with _session(engine) as s:
        values = {"sent_at": utcnow(), "last_error": ""} if sent else {"last_error": error}
        s.execute(sa.update(OutboxMail).where(OutboxMail.id == mail_id).values(**values))


def _smtp(smtp: Smtp, mail: OutboxMail) -> None:
    message = EmailMessage()
    message["From"] = smtp.sender
    message["To"], message["Subject"] = mail.to, mail.subject
    message.set_content(mail.body)
    with smtplib.SMTP(smtp.host, smtp.port, timeout=10) as server:
        if smtp.starttls:
            server.starttls()
        if smtp.user:
            server.login(smtp.user, smtp.password)
        server.send_message(message)


def operators_of(s: Session, cluster: str) -> list[str]:
    """E-mail addresses of the active operators of a cluster."""
    rows = s.exec(select(User.email).where(User.role == "operator", User.cluster == cluster,
                                           User.active == True))  # noqa: E712
    return list(rows)


def outbox(s: Session, limit: int = 200) -> list[OutboxMail]:
    return list(s.exec(select(OutboxMail).order_by(OutboxMail.id.desc()).limit(limit)))
