"""Mail is queued with the action, delivered through a real SMTP server (aiosmtpd on loopback)
by a job enqueued after the commit (on RQ in this machine's Redis, or in the embedded worker), and
an SMTP outage loses nothing: the action stands and the mail is retried."""
from __future__ import annotations

import socket
import time

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from clusterhub import db, jobs
from clusterhub.inquiries import mail
from clusterhub.inquiries.cli import mail_group, tickets_group
from clusterhub.inquiries.models import InquiryRequest, OutboxMail, Ticket
from tests.clusterhub.inquiries.conftest import EQUIPMENT, make_world, signed_in
from tests.clusterhub.jobs.test_sync_jobs import REDIS_URL, redis_prefix  # noqa: F401 (fixture)


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


def use_smtp(app, port: int, background: bool = False) -> None:
    """SMTP on loopback; jobs of the embedded worker run in the caller unless background."""
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=str(port), SMTP_STARTTLS="0",
                      SYNC_IN_BACKGROUND=background)


def deliver(app) -> tuple[int, int]:
    return mail.deliver_pending(db.engine(app), mail.Smtp.from_config(app.config))


def note(s, to: str, text: str) -> OutboxMail:
    return mail.send(s, to, "ticket_message", ticket_id=1, body=text, link="/tickets/1")


def request_mail(app):
    member = signed_in(app, "member")
    r = member.post("/api/v1/requests", json={"listing_ids": [EQUIPMENT], "need": "LC-MS 분석",
                                              "timeline": "6월", "budget": "undecided",
                                              "consent": True})
    assert r.status_code == 201, r.json
    return r.json["id"]


def outbox(app) -> list[OutboxMail]:
    with app.app_context(), db.session() as s:
        return list(s.exec(select(OutboxMail).order_by(OutboxMail.id)))


def test_without_smtp_mail_is_kept_in_the_outbox(world):
    with world.app_context(), db.session() as s:
        note(s, "a@example.org", "본문")
    [kept] = outbox(world)
    assert (kept.to, kept.sent_at, kept.attempts) == ("a@example.org", None, 0)


def test_mail_goes_through_smtp_after_the_commit(world):
    controller, box = smtp_server(free_port())
    controller.start()
    try:
        use_smtp(world, controller.port)
        with world.app_context(), db.session() as s:
            note(s, "b@example.org", "견적이 도착했습니다")
    finally:
        controller.stop()
    [(to, content)] = box.received
    assert to == ["b@example.org"] and "견적이 도착했습니다" in content
    [sent] = outbox(world)
    assert sent.sent_at is not None and sent.attempts == 1 and sent.last_error == ""


def test_an_smtp_outage_loses_nothing_and_the_mail_is_retried(world):
    port = free_port()  # nothing listens here yet: the SMTP server is down
    use_smtp(world, port)
    request_id = request_mail(world)  # the request stands although its mail could not go
    with world.app_context(), db.session() as s:
        assert s.get(InquiryRequest, request_id) is not None
    [waiting] = outbox(world)
    assert waiting.to == "operator_a@example.org" and waiting.sent_at is None
    assert waiting.attempts == 1 and "ConnectionRefused" in waiting.last_error

    controller, box = smtp_server(port)  # the server is back
    controller.start()
    try:
        with world.app_context():
            assert deliver(world) == (1, 0)
            assert deliver(world) == (0, 0)  # sent once, never twice
    finally:
        controller.stop()
    assert [to for to, _ in box.received] == [["operator_a@example.org"]]
    [delivered] = outbox(world)
    assert delivered.sent_at is not None and delivered.attempts == 2 and delivered.last_error == ""


def test_the_admin_outbox_shows_attempts_and_the_last_error(world):
    use_smtp(world, free_port())
    with world.app_context(), db.session() as s:
        note(s, "c@example.org", "본문")
    page = signed_in(world, "admin").get("/admin/outbox").get_data(as_text=True)
    assert "c@example.org" in page and "ConnectionRefusedError" in page


@pytest.mark.parametrize("configured", [False, True])
def test_the_deliver_command(world, configured):
    if configured:
        use_smtp(world, free_port())
    result = world.test_cli_runner().invoke(mail_group, ["deliver"])
    assert ("Sent 0, failed 0." if configured else "SMTP_HOST is not set") in result.output


def test_a_rolled_back_action_mails_nobody(world):
    controller, box = smtp_server(free_port())
    controller.start()
    try:
        use_smtp(world, controller.port)
        with pytest.raises(RuntimeError), world.app_context(), db.session() as s:
            note(s, "d@example.org", "보내면 안 됩니다")
            raise RuntimeError("the action failed")
        with world.app_context(), db.session() as s:
            note(s, "e@example.org", "다음 요청")
    finally:
        controller.stop()
    assert [to for to, _ in box.received] == [["e@example.org"]]
    assert [m.to for m in outbox(world)] == ["e@example.org"]


def wait_until_sent(app, timeout: float = 60) -> list[OutboxMail]:
    """The outbox once every mail in it is marked sent (the worker thread's last step)."""
    deadline = time.monotonic() + timeout
    while True:
        kept = outbox(app)
        if kept and all(m.sent_at for m in kept):
            return kept
        assert time.monotonic() < deadline, kept
        time.sleep(0.05)


def test_the_embedded_worker_delivers_in_the_background(world):
    controller, box = smtp_server(free_port())
    controller.start()
    try:
        use_smtp(world, controller.port, background=True)
        assert isinstance(jobs.current(world), jobs.ThreadJobs)
        request_mail(world)
        [sent] = wait_until_sent(world)
    finally:
        controller.stop()
    [(to, content)] = box.received
    assert to == ["operator_a@example.org"] and "LC-MS" in content and sent.attempts == 1


def test_with_redis_a_worker_delivers_the_queued_mail(tmp_path, redis_prefix):  # noqa: F811
    app = make_world(tmp_path)
    app.config.update(REDIS_URL=REDIS_URL, REDIS_PREFIX=redis_prefix)
    app.extensions.pop(jobs.queue.EXTENSION)  # the queue is chosen again, now with Redis
    controller, box = smtp_server(free_port())
    controller.start()
    try:
        use_smtp(app, controller.port)
        queue = jobs.current(app)
        assert isinstance(queue, jobs.RQJobs)
        request_mail(app)
        assert box.received == [] and queue.queue.count == 1  # waits in Redis for a worker
        [waiting] = outbox(app)
        assert waiting.sent_at is None and waiting.attempts == 0
        with app.app_context():
            assert queue.worker(burst=True)
    finally:
        controller.stop()
        db.engine(app).dispose()
    assert [to for to, _ in box.received] == [["operator_a@example.org"]]
    [sent] = outbox(app)
    assert sent.sent_at is not None and sent.attempts == 1


def test_with_redis_the_escalate_command_queues_the_escalation(tmp_path, redis_prefix):  # noqa: F811
    app = make_world(tmp_path)
    app.config.update(REDIS_URL=REDIS_URL, REDIS_PREFIX=redis_prefix)
    app.extensions.pop(jobs.queue.EXTENSION)
    controller, box = smtp_server(free_port())
    controller.start()
    try:
        use_smtp(app, controller.port)
        queue = jobs.current(app)
        request_mail(app)
        with app.app_context():
            queue.worker(burst=True)  # the request's own mail
            with db.session() as s:
                [ticket] = s.exec(select(Ticket)).all()
                ticket.created_at = ticket.created_at.replace(year=ticket.created_at.year - 1)
                s.add(ticket)
        result = app.test_cli_runner().invoke(tickets_group, ["escalate"])
        assert result.exit_code == 0 and "Queued escalation job" in result.output, result.output
        with app.app_context(), db.session() as s:
            assert s.get(Ticket, ticket.id).escalation_level == 0  # not yet: a worker runs it
        with app.app_context():
            assert queue.worker(burst=True)  # escalates, then delivers the mail it queued
    finally:
        controller.stop()
        db.engine(app).dispose()
    with app.app_context(), db.session() as s:
        assert s.get(Ticket, ticket.id).escalation_level == 2
    escalated = [to for to, content in box.received[1:]]
    assert sorted(sum(escalated, [])) == ["admin@example.org", "curator@example.org"]
    assert all(m.sent_at is not None for m in outbox(app))
