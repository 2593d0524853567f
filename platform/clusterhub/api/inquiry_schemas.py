"""marshmallow schemas of the requests and tickets API: they shape its JSON and its OpenAPI document."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..inquiries.surveys import SCALES
from ..inquiries.tickets import DECISIONS, NOTES, STATUSES
from ..reservations import bookings


class QuoteSchema(Schema):
    amount = fields.Integer(required=True, metadata={"description": "KRW"})
    valid_until = fields.Date(required=True)


class QuoteAnswerSchema(Schema):
    """The company's answer to the current quote."""

    decision = fields.String(required=True, validate=validate.OneOf(DECISIONS))
    reason = fields.String(required=True, allow_none=True)
    at = fields.DateTime(required=True)


class TicketEventSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(["status", "message", "quote"]))
    status = fields.String(required=True, allow_none=True)
    body = fields.String(required=True, metadata={"description": "what the author wrote, as written"})
    note = fields.String(required=True, allow_none=True, validate=validate.OneOf(NOTES + bookings.NOTES), metadata={
        "description": "what the platform adds, as a code for the reader's language: no_quote (the work "
                       "started without a quote); of a reservation: res_requested, res_confirmed, "
                       "res_proposed, res_accepted, res_declined, res_cancelled (the body holds the reason "
                       "given), use_recorded"})
    note_params = fields.Dict(required=True, allow_none=True, metadata={
        "description": "the note's values: slots (a list of {day, start_hour, end_hour}, KST hours) for "
                       "res_requested (with mode: self_use or staff), res_confirmed, res_proposed, res_accepted; "
                       "total_krw and files (result file names) for use_recorded"})
    side = fields.String(required=True, metadata={"description": "company, cluster or foundation"})
    at = fields.DateTime(required=True)


class SurveyAnswerSchema(Schema):
    """The requester's scores, 1 to 5 on each scale of inquiries/surveys.py, and a comment."""

    quality = fields.Integer(required=True, validate=validate.Range(1, 5))
    speed = fields.Integer(required=True, validate=validate.Range(1, 5))
    communication = fields.Integer(required=True, validate=validate.Range(1, 5))
    comment = fields.String(required=True)


assert set(SCALES) < set(SurveyAnswerSchema().fields)


class TicketSchema(Schema):
    id = fields.Integer(required=True)
    request_id = fields.Integer(required=True)
    cluster = fields.String(required=True)
    listing_ids = fields.List(fields.String(), required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    decline_reason = fields.String(required=True, allow_none=True)
    quote = fields.Nested(QuoteSchema, required=True, allow_none=True)
    quote_answer = fields.Nested(QuoteAnswerSchema, required=True, allow_none=True)
    created_at = fields.DateTime(required=True)
    first_response_at = fields.DateTime(required=True, allow_none=True)
    overdue = fields.Boolean(required=True)
    events = fields.List(fields.Nested(TicketEventSchema),
                         metadata={"description": "Only on one ticket: its timestamped events"})
    survey = fields.Nested(SurveyAnswerSchema, allow_none=True,
                           metadata={"description": "Only on one ticket: the requester's survey answer"})


class RequestSchema(Schema):
    id = fields.Integer(required=True)
    need = fields.String(required=True)
    timeline = fields.String(required=True)
    budget = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    tickets = fields.List(fields.Nested(TicketSchema), required=True)
