"""Mail goes through SMTP when SMTP_HOST is set, and is always kept in the outbox."""
from __future__ import annotations

from clusterhub import db
from clusterhub.inquiries import mail


class FakeSMTP:
    sent: list = []

    def __init__(self, host, port, timeout):
        self.host, self.port = host, port

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        self.tls = True

    def login(self, user, password):
        self.user = user

    def send_message(self, message):
        FakeSMTP.sent.append((self.host, self.port, message["To"], message["Subject"]))


def test_smtp_when_configured_outbox_always(world, monkeypatch):
    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    with world.app_context():
        with db.session() as s:
            kept = mail.send(s, "a@example.org", "데모", "본문")
        assert kept.sent_at is None and FakeSMTP.sent == []
        world.config.update(SMTP_HOST="smtp.example.org", SMTP_PORT="2525")
        with db.session() as s:
            sent = mail.send(s, "b@example.org", "알림", "본문")
        assert sent.sent_at is not None
        assert FakeSMTP.sent == [("smtp.example.org", 2525, "b@example.org", "알림")]
        with db.session() as s:
            assert [m.to for m in mail.outbox(s)] == ["b@example.org", "a@example.org"]
