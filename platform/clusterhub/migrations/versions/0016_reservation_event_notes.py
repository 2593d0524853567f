"""Reservation events' notes: the events a reservation added to its ticket were stored as bilingual
bodies ("예약 확정 / reservation confirmed: 2026-12-10 09–11"); they become a note code (as 0015 did
for no_quote) with its values in the new note_params (slots, mode, amount, file names), the body
keeping only the reason a person wrote. The request text of a reservation ("예약 요청 / reservation:
<slots> (<mode>)" then the company's note) keeps only the company's note; the slots and mode go
with the ticket's received event (note res_requested).

Revision ID: 0016
Revises: 0015
"""
import re
from datetime import date

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
events = sa.table("inquiry_events", sa.column("id", sa.Integer), sa.column("ticket_id", sa.Integer),
                  sa.column("kind", sa.String), sa.column("status", sa.String), sa.column("body", sa.Text),
                  sa.column("note", sa.String), sa.column("note_params", JSON))
requests = sa.table("inquiry_requests", sa.column("id", sa.Integer), sa.column("need", sa.Text))
tickets = sa.table("inquiry_tickets", sa.column("id", sa.Integer), sa.column("request_id", sa.Integer))

SLOT = r"\d{4}-\d{2}-\d{2} \d{2}–\d{2}"
SLOTS = rf"{SLOT}(?:, {SLOT})*"
# note: (prefix of the old body, whether slots follow, whether a reason follows)
OLD = {"res_confirmed": ("예약 확정 / reservation confirmed: ", True, False),
       "res_accepted": ("제안 수락 / proposal accepted: ", True, False),
       "res_proposed": ("다른 일정 제안 / proposed: ", True, True),
       "res_declined": ("예약 거절 / declined: ", False, True),
       "res_cancelled": ("예약 취소 / cancelled: ", False, True)}
REQUESTED = "예약 요청 / reservation: "
USE, FILE = "이용 기록 / use recorded: ₩", "\n결과 파일 / result file: "


def _slots(text: str) -> list[dict]:
    out = []
    for part in text.split(", "):
        day, hours = part.split(" ")
        start, end = hours.split("–")
        out.append({"day": date.fromisoformat(day).isoformat(), "start_hour": int(start), "end_hour": int(end)})
    return out


def _described(slots: list[dict]) -> str:
    return ", ".join(f"{x['day']} {x['start_hour']:02d}–{x['end_hour']:02d}" for x in slots)


def _parse(body: str):
    """(note, params, body) of an old bilingual body, or None if it is no reservation event's."""
    for note, (prefix, slots, reason) in OLD.items():
        if not body.startswith(prefix):
            continue
        rest = body[len(prefix):]
        if not slots:
            return note, None, rest
        m = re.fullmatch(rf"({SLOTS})(?: (.*))?" if reason else rf"({SLOTS})", rest, re.S)
        return (note, {"slots": _slots(m[1])}, (m[2] or "") if reason else "") if m else None
    m = re.fullmatch(r"([\d,]+)((?:\n결과 파일 / result file: [^\n]*)*)", body[len(USE):], re.S) \
        if body.startswith(USE) else None
    if m:
        return "use_recorded", {"total_krw": int(m[1].replace(",", "")), "files": m[2].split(FILE)[1:]}, ""
    return None


def _unparse(note: str, params: dict, body: str) -> str:
    if note == "use_recorded":
        return f"{USE}{params['total_krw']:,}" + "".join(FILE + name for name in params.get("files") or [])
    prefix, slots, reason = OLD[note]
    if not slots:
        return prefix + body
    return prefix + _described(params["slots"]) + (f" {body}" if reason else "")


def upgrade() -> None:
    with op.batch_alter_table('inquiry_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note_params', JSON, nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.select(events.c.id, events.c.body).where(
        events.c.kind == "message", events.c.note == "")).all()
    for id_, body in rows:
        parsed = _parse(body or "")
        if parsed:
            note, params, body = parsed
            conn.execute(events.update().where(events.c.id == id_).values(note=note, note_params=params, body=body))
    asked = conn.execute(sa.select(requests.c.id, requests.c.need).where(requests.c.need.like(REQUESTED + "%"))).all()
    for id_, need in asked:
        m = re.fullmatch(rf"{REQUESTED}({SLOTS}) \((\w+)\)(?:\n(.*))?", need, re.S)
        if not m:
            continue
        params = {"slots": _slots(m[1]), "mode": m[2]}
        conn.execute(requests.update().where(requests.c.id == id_).values(need=m[3] or ""))
        of_request = sa.select(tickets.c.id).where(tickets.c.request_id == id_).scalar_subquery()
        conn.execute(events.update().where(events.c.ticket_id.in_(of_request), events.c.kind == "status",
                                           events.c.status == "received", events.c.note == "")
                     .values(note="res_requested", note_params=params))


def downgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(events.c.id, events.c.ticket_id, events.c.note, events.c.note_params,
                                  events.c.body).where(events.c.note.in_(list(OLD) + ["use_recorded",
                                                                                     "res_requested"]))).all()
    for id_, ticket_id, note, params, body in rows:
        if note == "res_requested":
            request_id = conn.execute(sa.select(tickets.c.request_id).where(tickets.c.id == ticket_id)).scalar_one()
            need = conn.execute(sa.select(requests.c.need).where(requests.c.id == request_id)).scalar_one()
            text = f"{REQUESTED}{_described(params['slots'])} ({params['mode']})" + (f"\n{need}" if need else "")
            conn.execute(requests.update().where(requests.c.id == request_id).values(need=text))
            conn.execute(events.update().where(events.c.id == id_).values(note="", note_params=None))
        else:
            conn.execute(events.update().where(events.c.id == id_)
                         .values(note="", note_params=None, body=_unparse(note, params or {}, body or "")))
    with op.batch_alter_table('inquiry_events', schema=None) as batch_op:
        batch_op.drop_column('note_params')
