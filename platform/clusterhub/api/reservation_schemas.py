"""marshmallow schemas of the reservations API: they shape the JSON and the OpenAPI document."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..reservations import bookings


class TakenHourSchema(Schema):
    hour = fields.Integer(required=True)
    reason = fields.String(required=True, metadata={"description": "maintenance, internal, closed, feed or booked"})


class CalendarDaySchema(Schema):
    date = fields.Date(required=True)
    state = fields.String(required=True, validate=validate.OneOf(["free", "partial", "full", "closed", "holiday"]))
    holiday = fields.String(allow_none=True)
    open_hours = fields.List(fields.Integer(), required=True)
    free_hours = fields.List(fields.Integer(), required=True)
    taken = fields.List(fields.Nested(TakenHourSchema), required=True)


class CalendarSchema(Schema):
    listing_id = fields.String(required=True)
    timezone = fields.String(required=True, metadata={"example": "Asia/Seoul"})
    days = fields.List(fields.Nested(CalendarDaySchema), required=True)


class SlotSchema(Schema):
    date = fields.Date(required=True)
    start_hour = fields.Integer(required=True, validate=validate.Range(min=0, max=23))
    end_hour = fields.Integer(required=True, validate=validate.Range(min=1, max=24))


class ReservationRequestSchema(Schema):
    listing_id = fields.String(required=True)
    slots = fields.List(fields.Nested(SlotSchema), required=True)
    mode = fields.String(required=True, validate=validate.OneOf(bookings.MODES))
    note = fields.String()


class ReservationActionSchema(Schema):
    """The body of an action: reason (decline, cancel, propose), slots (propose), use fields (use)."""

    reason = fields.String()
    slots = fields.List(fields.Nested(SlotSchema))
    hours = fields.Float()
    samples = fields.Integer()
    days = fields.Integer()
    consumables = fields.String()
    consumables_krw = fields.Integer()
    notes = fields.String()
    sme = fields.Boolean()
    adjustment_krw = fields.Integer()
    adjustment_reason = fields.String()


class UseSchema(Schema):
    hours = fields.Float(required=True)
    samples = fields.Integer(required=True)
    days = fields.Integer(required=True)
    consumables = fields.String(required=True)
    consumables_krw = fields.Integer(required=True)
    notes = fields.String(required=True)
    sme = fields.Boolean(required=True)
    lines = fields.List(fields.Dict(), required=True,
                        metadata={"description": "{code, qty, unit_krw, amount}: hour, sample, day, use, quote, free, "
                                                 "minimum, sme_discount, consumables"})
    computed_krw = fields.Integer(required=True)
    adjustment_krw = fields.Integer(required=True)
    adjustment_reason = fields.String(required=True)
    total_krw = fields.Integer(required=True)
    recorded_at = fields.DateTime(required=True)


class ReservationSchema(Schema):
    id = fields.Integer(required=True)
    listing_id = fields.String(required=True)
    cluster = fields.String(required=True)
    ticket_id = fields.Integer(required=True)
    mode = fields.String(required=True, validate=validate.OneOf(bookings.MODES))
    status = fields.String(required=True, validate=validate.OneOf(bookings.STATUSES))
    note = fields.String(required=True)
    reason = fields.String(required=True)
    slots = fields.List(fields.Nested(SlotSchema), required=True)
    use = fields.Nested(UseSchema, allow_none=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


class StatementSchema(Schema):
    ticket_id = fields.Integer(required=True)
    cluster = fields.String(required=True)
    reservations = fields.List(fields.Nested(ReservationSchema), required=True)
    total_krw = fields.Integer(required=True)
    accepted_at = fields.DateTime(allow_none=True)
    accepted_total_krw = fields.Integer(allow_none=True)


class MonthlyStatementSchema(Schema):
    month = fields.String(required=True, metadata={"example": "2026-12"})
    cluster = fields.String(allow_none=True)
    reservations = fields.List(fields.Nested(ReservationSchema), required=True)
    total_krw = fields.Integer(required=True)
