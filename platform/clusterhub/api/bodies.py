"""The JSON bodies the API accepts, read strictly: a number where text is expected, text or a
boolean where a number is, 0/1 for a boolean, an unknown field are each a 422 naming the field.
The same schemas write the request bodies of the OpenAPI document (openapi.py)."""
from __future__ import annotations

from flask import request
from marshmallow import RAISE, Schema, ValidationError, fields

from ..errors import Invalid
from ..inquiries.requests import BUDGETS
from ..inquiries.tickets import DECISIONS, STATUSES
from ..messages import N_

INVALID_BODY = N_("The JSON body has invalid fields: %(fields)s.")
NOT_AN_OBJECT = N_("Send a JSON object.")


class Whole(fields.Integer):
    """A JSON integer: not a string of digits, not a boolean, not 2.5."""

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class Flag(fields.Boolean):
    """A JSON true or false: not 1, not "yes"."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


def _enum(values) -> dict:
    return {"enum": list(values)}


class Strict(Schema):
    class Meta:
        unknown = RAISE


class NewRequestBody(Strict):
    listing_ids = fields.List(fields.String(), required=True)
    need = fields.String(required=True)
    timeline = fields.String(required=True)
    budget = fields.String(required=True, metadata=_enum(BUDGETS))
    consent = Flag(required=True)


class StatusBody(Strict):
    status = fields.String(required=True, metadata=_enum(STATUSES))
    reason = fields.String(load_default="", metadata={"description": "Needed to decline"})
    no_quote = Flag(load_default=False, metadata={
        "description": "Starting the work (in_progress) without a quote: no quote is needed. Otherwise "
                       "the company must have accepted the quote first."})


class QuoteBody(Strict):
    amount = Whole(required=True, metadata={"description": "KRW"})
    valid_until = fields.String(required=True, metadata={"format": "date"})


class QuoteAnswerBody(Strict):
    decision = fields.String(required=True, metadata=_enum(DECISIONS))
    reason = fields.String(load_default="", metadata={"description": "Needed to reject"})


class MessageBody(Strict):
    body = fields.String(required=True)


class SurveyBody(Strict):
    quality = Whole(required=True, metadata={"minimum": 1, "maximum": 5})
    speed = Whole(required=True, metadata={"minimum": 1, "maximum": 5})
    communication = Whole(required=True, metadata={"minimum": 1, "maximum": 5})
    comment = fields.String(load_default="")


class PushBody(Strict):
    listings = fields.Raw(required=True, metadata={
        "type": "array", "description": "Shared-schema documents; each is checked on its own"})
    mode = fields.String(load_default="partial", metadata=_enum(("partial", "full")))
    dry_run = Flag(load_default=False)
    allow_mass_withdrawal = Flag(load_default=False)


BODIES = {"NewRequestBody": NewRequestBody, "StatusBody": StatusBody, "QuoteBody": QuoteBody,
          "QuoteAnswerBody": QuoteAnswerBody, "MessageBody": MessageBody, "SurveyBody": SurveyBody,
          "PushBody": PushBody}


def _flat(messages, path: str = "") -> list[dict]:
    """marshmallow's nested {field: {0: [msg]}} as [{path: "field[0]", message}]."""
    out = []
    for key, value in messages.items():
        where = f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else str(key))
        if isinstance(value, dict):
            out += _flat(value, where)
        else:
            out += [{"path": where, "message": m} for m in value]
    return out


def read(schema: type[Schema], not_an_object: str = NOT_AN_OBJECT) -> dict:
    """The request's JSON body loaded with schema; Invalid (422) naming each bad field."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Invalid(not_an_object)
    try:
        return schema().load(body)
    except ValidationError as exc:
        errors = _flat(exc.messages)
        raise Invalid(INVALID_BODY, errors, fields=", ".join(e["path"] for e in errors)) from None
