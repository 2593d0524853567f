"""marshmallow schemas of the pathways API: they shape its JSON and its part of the OpenAPI document."""
from __future__ import annotations

from marshmallow import Schema, fields

from schemas.fields import BilingualSchema


class KeyedSchema(Schema):
    """A key and its bilingual title: what templates and every shape of a stage start with."""

    key = fields.String(required=True)
    title = fields.Nested(BilingualSchema, required=True)


class StageSchema(KeyedSchema):
    kinds = fields.List(fields.String(), required=True)
    categories = fields.List(fields.String(), required=True)
    concepts = fields.List(fields.String(), required=True, metadata={"description": "search words of the stage"})
    filters = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    duration_days = fields.Integer(required=True, metadata={"description": "typical duration"})
    handoff = fields.Nested(BilingualSchema, required=True, metadata={"description": "what goes to the next stage"})


class TemplateSchema(KeyedSchema):
    version = fields.Integer(required=True)
    modality = fields.String()
    summary = fields.Nested(BilingualSchema)
    stages = fields.List(fields.Nested(StageSchema), required=True)


class ReasonSchema(Schema):
    code = fields.String(required=True, metadata={"description": "the reason's English template"})
    text = fields.String(required=True)


class CandidateSchema(Schema):
    id = fields.String(required=True)
    cluster = fields.String(required=True)
    region = fields.String(allow_none=True)
    title = fields.Nested(BilingualSchema, required=True)
    fit = fields.Integer(required=True, metadata={"description": "stage words matched"})
    matched = fields.List(fields.String(), required=True)
    handoff = fields.Integer(required=True, metadata={"description": "2 per neighbour in the same cluster, 1 in the same region"})
    turnaround_days = fields.Integer(allow_none=True)
    fee_min_krw = fields.Integer(allow_none=True)
    fee_max_krw = fields.Integer(allow_none=True)
    reasons = fields.List(fields.Nested(ReasonSchema), required=True)


class StagePlanSchema(KeyedSchema):
    skipped = fields.Boolean(required=True)
    gap = fields.Boolean(required=True, metadata={"description": "no cluster offers this stage"})
    pick = fields.String(allow_none=True)
    days = fields.Integer(required=True)
    start = fields.Date(allow_none=True)
    end = fields.Date(allow_none=True)
    candidates = fields.List(fields.Nested(CandidateSchema), required=True)


class PlanSchema(Schema):
    template = fields.String(required=True)
    start = fields.Date(required=True)
    end = fields.Date(allow_none=True)
    fee_min_krw = fields.Integer(required=True)
    fee_max_krw = fields.Integer(required=True)
    stages_on_quotation = fields.Integer(required=True)
    stages = fields.List(fields.Nested(StagePlanSchema), required=True)


class PathwayStageSchema(KeyedSchema):
    position = fields.Integer(required=True)
    cluster = fields.String(required=True)
    listing_id = fields.String(required=True)
    status = fields.String(required=True)
    start = fields.Date(required=True)
    end = fields.Date(required=True, metadata={"description": "expected end; moves with earlier delays"})
    planned_end = fields.Date(required=True)
    shift_days = fields.Integer(required=True)
    completed_on = fields.Date(allow_none=True)
    quote = fields.Integer(allow_none=True, metadata={"description": "only for the company and the stage's cluster"})
    ticket_id = fields.Integer(allow_none=True, metadata={"description": "only for the company and the stage's cluster"})
    handoff = fields.Nested(BilingualSchema, required=True)
    handoff_consent = fields.Boolean(required=True)


class PathwaySchema(Schema):
    id = fields.Integer(required=True)
    request_id = fields.Integer(required=True)
    template = fields.String(required=True)
    title = fields.Nested(BilingualSchema, required=True)
    start = fields.Date(required=True)
    stages = fields.List(fields.Nested(PathwayStageSchema), required=True)


class PathwayCreateSchema(Schema):
    template = fields.String(required=True)
    picks = fields.Dict(keys=fields.String(), values=fields.String(),
                        metadata={"description": "stage key -> listing id; other stages take the best candidate"})
    skips = fields.List(fields.String(), metadata={"description": "stage keys to leave out"})
    order = fields.List(fields.String(), metadata={"description": "stage keys in the company's order"})
    need = fields.String(required=True)
    budget = fields.String(required=True)
    consent = fields.Boolean(required=True)
    start = fields.Date()
