"""A ticket event's note (what the platform adds to it, stored as a code with its values) said in
the reader's language: the ticket and request timelines show it beside what a person wrote."""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l

from ..inquiries import tickets
from ..reservations import bookings
from .reservations import MODE_LABELS

LABELS = {tickets.NO_QUOTE: _l("no quote needed"), bookings.CONFIRMED: _l("reservation confirmed"),
          bookings.ACCEPTED: _l("proposal accepted"), bookings.PROPOSED: _l("other slots proposed"),
          bookings.DECLINED: _l("reservation declined"), bookings.CANCELLED: _l("reservation cancelled")}


def text(note: str, params: dict | None = None) -> str:
    """The note with its values, e.g. "reservation confirmed: 2026-12-10 09–11"; an unknown code as is."""
    params = params or {}
    if note == bookings.REQUESTED:
        return _("reservation: %(slots)s, %(mode)s", slots=_slots(params),
                 mode=MODE_LABELS.get(params.get("mode"), params.get("mode")))
    if note == bookings.USE_RECORDED:
        files = params.get("files") or []
        said = _("use recorded: ₩%(total)s", total=f"{params.get('total_krw', 0):,}")
        return said + "".join("; " + _("result file: %(name)s", name=name) for name in files)
    label = str(LABELS.get(note, note))
    return f"{label}: {_slots(params)}" if params.get("slots") else label


def _slots(params: dict) -> str:
    return bookings.describe(bookings.slots_from_params(params.get("slots")))
