"""Notification e-mail: queued in the outbox with the action that caused it, delivered through SMTP
after the commit (when SMTP_HOST is set) and retried until sent; without SMTP the outbox is where
admins read it.

An SMTP outage therefore never fails or undoes the request, quote or message that mails: the
mail waits in the outbox with its attempts and last error, and `clusterhub mail deliver` (run by
deploy/systemd/clusterhub-mail.timer) tries again."""
from __future__ import annotations

import os
import smtplib
import threading
from email.message import EmailMessage

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy import event
from sqlmodel import Session, select

from .. import db
from ..auth.models import User
from ..models import utcnow
from .models import OutboxMail

MAX_ATTEMPTS = 10
_delivering = threading.Lock()


def setting(app: Flask, name: str, default: str = "") -> str:
    return str(app.config.get(name) or os.environ.get(name, default))


def send(s: Session, to: str, subject: str, body: str) -> OutboxMail:
    """Queue the mail in the caller's transaction; it is delivered once that transaction commits."""
    mail = OutboxMail(to=to, subject=subject[:300], body=body)
    s.add(mail)
    app = current_app._get_current_object()
    if setting(app, "SMTP_HOST") and not s.info.get("mail_hooked"):
        s.info["mail_hooked"] = True
        event.listen(s, "after_commit", lambda done: _after_commit(app, done), once=True)
    return mail


def _after_commit(app: Flask, session: Session) -> None:
    session.info.pop("mail_hooked", None)
    if app.config.get("MAIL_IN_BACKGROUND", True):  # the visitor does not wait for SMTP
        threading.Thread(target=deliver_pending, args=(app,), name="mail", daemon=True).start()
    else:
        deliver_pending(app)


def deliver_pending(app: Flask, limit: int = 100) -> tuple[int, int]:
    """Try every queued mail once (oldest first, fewer than MAX_ATTEMPTS tries so far);
    returns (sent, failed). Does nothing without SMTP_HOST."""
    if not setting(app, "SMTP_HOST"):
        return 0, 0
    sent = failed = 0
    with _delivering, app.app_context():
        with db.session(app) as s:
            queued = list(s.exec(select(OutboxMail).where(
                OutboxMail.sent_at.is_(None), OutboxMail.attempts < MAX_ATTEMPTS)
                .order_by(OutboxMail.id).limit(limit)))
        for mail in queued:
            if not _claim(app, mail):
                continue  # another worker took it
            try:
                _smtp(app, mail)
            except (OSError, smtplib.SMTPException) as exc:
                _record(app, mail.id, error=f"{type(exc).__name__}: {exc}"[:500])
                failed += 1
            else:
                _record(app, mail.id, sent=True)
                sent += 1
    return sent, failed


def _claim(app: Flask, mail: OutboxMail) -> bool:
    """Count this attempt first, so two workers never send the same mail."""
    with db.session(app) as s:
        done = s.execute(sa.update(OutboxMail).where(
            OutboxMail.id == mail.id, OutboxMail.attempts == mail.attempts,
            OutboxMail.sent_at.is_(None)).values(attempts=mail.attempts + 1))
        return done.rowcount == 1


def _record(app: Flask, mail_id: int, *, sent: bool = False, error: str = "") -> None:
    with db.session(app) as s:
        values = {"sent_at": utcnow(), "last_error": ""} if sent else {"last_error": error}
        s.execute(sa.update(OutboxMail).where(OutboxMail.id == mail_id).values(**values))


def _smtp(app: Flask, mail: OutboxMail) -> None:
    message = EmailMessage()
    message["From"] = setting(app, "SMTP_FROM", "clusterhub@localhost")
    message["To"], message["Subject"] = mail.to, mail.subject
    message.set_content(mail.body)
    with smtplib.SMTP(setting(app, "SMTP_HOST"), int(setting(app, "SMTP_PORT", "587")),
                      timeout=10) as smtp:
        if setting(app, "SMTP_STARTTLS", "1") == "1":
            smtp.starttls()
        if setting(app, "SMTP_USER"):
            smtp.login(setting(app, "SMTP_USER"), setting(app, "SMTP_PASSWORD"))
        smtp.send_message(message)


def operators_of(s: Session, cluster: str) -> list[str]:
    """E-mail addresses of the active operators of a cluster."""
    rows = s.exec(select(User.email).where(User.role == "operator", User.cluster == cluster,
                                           User.active == True))  # noqa: E712
    return list(rows)


def outbox(s: Session, limit: int = 200) -> list[OutboxMail]:
    return list(s.exec(select(OutboxMail).order_by(OutboxMail.id.desc()).limit(limit)))
