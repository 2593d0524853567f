"""Mail is queued with the action, delivered through a real SMTP server (aiosmtpd on loopback)
after the commit, and an SMTP outage loses nothing: the action stands and the mail is retried."""
from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from clusterhub import db
from clusterhub.inquiries import mail
from clusterhub.inquiries.cli import mail_group
from clusterhub.inquiries.models import InquiryRequest, OutboxMail
from tests.clusterhub.inquiries.conftest import EQUIPMENT, signed_in


class Mailbox:
    """What the SMTP server received."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def smtp_server(port: int):
    box = Mailbox()
    return Controller(box, hostname="127.0.0.1", port=port), box


def use_smtp(app, port: int) -> None:
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=str(port), SMTP_STARTTLS="0",
                      MAIL_IN_BACKGROUND=False)


def outbox(app) -> list[OutboxMail]:
    with app.app_context(), db.session() as s:
        return list(s.exec(select(OutboxMail).order_by(OutboxMail.id)))


def test_without_smtp_mail_is_kept_in_the_outbox(world):
    with world.app_context(), db.session() as s:
        mail.send(s, "a@example.org", "데모", "본문")
    [kept] = outbox(world)
    assert (kept.to, kept.sent_at, kept.attempts) == ("a@example.org", None, 0)


def test_mail_goes_through_smtp_after_the_commit(world):
    controller, box = smtp_server(free_port())
    controller.start()
    try:
        use_smtp(world, controller.port)
        with world.app_context(), db.session() as s:
            mail.send(s, "b@example.org", "알림", "견적이 도착했습니다")
    finally:
        controller.stop()
    [(to, content)] = box.received
    assert to == ["b@example.org"] and "견적이 도착했습니다" in content
    [sent] = outbox(world)
    assert sent.sent_at is not None and sent.attempts == 1 and sent.last_error == ""


def test_an_smtp_outage_loses_nothing_and_the_mail_is_retried(world):
    port = free_port()  # nothing listens here yet: the SMTP server is down
    use_smtp(world, port)
    member = signed_in(world, "member")
    r = member.post("/api/v1/requests", json={"listing_ids": [EQUIPMENT], "need": "LC-MS 분석",
                                              "timeline": "6월", "budget": "undecided",
                                              "consent": True})
    assert r.status_code == 201, r.json  # the request stands although its mail could not go
    with world.app_context(), db.session() as s:
        assert s.get(InquiryRequest, r.json["id"]) is not None
    [waiting] = outbox(world)
    assert waiting.to == "operator_a@example.org" and waiting.sent_at is None
    assert waiting.attempts == 1 and "ConnectionRefused" in waiting.last_error

    controller, box = smtp_server(port)  # the server is back
    controller.start()
    try:
        with world.app_context():
            assert mail.deliver_pending(world) == (1, 0)
            assert mail.deliver_pending(world) == (0, 0)  # sent once, never twice
    finally:
        controller.stop()
    assert [to for to, _ in box.received] == [["operator_a@example.org"]]
    [delivered] = outbox(world)
    assert delivered.sent_at is not None and delivered.attempts == 2 and delivered.last_error == ""


def test_the_admin_outbox_shows_attempts_and_the_last_error(world):
    use_smtp(world, free_port())
    with world.app_context(), db.session() as s:
        mail.send(s, "c@example.org", "알림", "본문")
    page = signed_in(world, "admin").get("/admin/outbox").get_data(as_text=True)
    assert "c@example.org" in page and "ConnectionRefusedError" in page


@pytest.mark.parametrize("configured", [False, True])
def test_the_deliver_command(world, configured):
    if configured:
        use_smtp(world, free_port())
    result = world.test_cli_runner().invoke(mail_group, ["deliver"])
    assert ("Sent 0, failed 0." if configured else "SMTP_HOST is not set") in result.output
