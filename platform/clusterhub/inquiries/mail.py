"""Notification e-mail: through SMTP when SMTP_HOST is set, else kept in the local outbox table."""
from __future__ import annotations

import os
import smtplib
from email.message import EmailMessage

from flask import current_app
from sqlmodel import Session, select

from ..auth.models import User
from ..models import utcnow
from .models import OutboxMail


def _setting(name: str, default: str = "") -> str:
    return str(current_app.config.get(name) or os.environ.get(name, default))


def send(s: Session, to: str, subject: str, body: str) -> OutboxMail:
    """Record the mail and send it when SMTP is configured (SMTP_HOST, SMTP_PORT, SMTP_USER, ...)."""
    mail = OutboxMail(to=to, subject=subject[:300], body=body)
    host = _setting("SMTP_HOST")
    if host:
        message = EmailMessage()
        message["From"] = _setting("SMTP_FROM", "clusterhub@localhost")
        message["To"], message["Subject"] = to, subject
        message.set_content(body)
        with smtplib.SMTP(host, int(_setting("SMTP_PORT", "587")), timeout=10) as smtp:
            if _setting("SMTP_STARTTLS", "1") == "1":
                smtp.starttls()
            if _setting("SMTP_USER"):
                smtp.login(_setting("SMTP_USER"), _setting("SMTP_PASSWORD"))
            smtp.send_message(message)
        mail.sent_at = utcnow()
    s.add(mail)
    return mail


def operators_of(s: Session, cluster: str) -> list[str]:
    """E-mail addresses of the active operators of a cluster."""
    rows = s.exec(select(User.email).where(User.role == "operator", User.cluster == cluster,
                                           User.active == True))  # noqa: E712
    return list(rows)


def outbox(s: Session, limit: int = 200) -> list[OutboxMail]:
    return list(s.exec(select(OutboxMail).order_by(OutboxMail.id.desc()).limit(limit)))
