"""marshmallow schemas of the API's responses: they shape the JSON and the OpenAPI document."""
from __future__ import annotations

from marshmallow import Schema, fields

from schemas.fields import BilingualSchema


class ErrorDetailSchema(Schema):
    path = fields.String()
    message = fields.String()


class ErrorSchema(Schema):
    """The one error shape of the API."""

    code = fields.String(required=True)
    status = fields.Integer(required=True)
    message = fields.String(required=True)
    errors = fields.List(fields.Nested(ErrorDetailSchema), required=True)


class FacetValueSchema(Schema):
    value = fields.String(required=True)
    count = fields.Integer(required=True)


class SearchHitSchema(Schema):
    """A hit: the listing document's fields, its id and highlighted snippets."""

    id = fields.String(required=True)
    kind = fields.String(required=True)
    cluster = fields.String(required=True)
    title = fields.Nested(BilingualSchema, required=True)
    summary = fields.Nested(BilingualSchema)
    highlights = fields.Dict(keys=fields.String(), values=fields.String(),
                             metadata={"description": "field -> HTML-escaped text with <mark>"})
    featured = fields.Boolean(metadata={"description": "the foundation's curators feature it"})

    class Meta:
        unknown = "include"


class SteerSchema(Schema):
    word = fields.String(required=True, metadata={"description": "The word of q, as typed"})
    field = fields.String(required=True, metadata={"description": "The facet it selects"})
    value = fields.String(required=True)
    soft = fields.Boolean(required=True, metadata={
        "description": "A hint (시험, study -> service): the word stays in q; held only when it fills a page"})


class GroupSchema(Schema):
    lead = fields.String(required=True, metadata={"description": "The hit standing for the group: its best-ranked unit"})
    members = fields.List(fields.String(), required=True, metadata={
        "description": "Ids of every unit of the group in the whole result (not only this page), lead first"})


class ElsewhereSchema(Schema):
    q = fields.String(required=True, metadata={"description": "Every word searched (as `understood.q`)"})
    total = fields.Integer(required=True, metadata={
        "description": "Listings outside the places read from q that hold every word of q"})


class UnderstoodSchema(Schema):
    q = fields.String(required=True, metadata={"description": "The text actually searched"})
    filters = fields.List(fields.Nested(SteerSchema), required=True,
                          metadata={"description": "Places and a kind read from q, applied as "
                                                   "facet selections"})
    widened = fields.List(fields.Nested(SteerSchema), required=True, metadata={
        "description": "Places read from q that were not applied: no listing there matched "
                       "q, so the search ran over the whole federation instead"})
    strict = fields.Boolean(required=True)
    elsewhere = fields.Nested(ElsewhereSchema, metadata={
        "description": "Only when places read from q (`filters`) filled the page by leaving words "
                       "out (`dropped`) and listings outside them hold every word: how many. The "
                       "hits are unchanged; search `q` with strict=1 and without those places "
                       "to list every listing with all the words, the whole country over"})


class SearchResponseSchema(Schema):
    hits = fields.List(fields.Dict(), required=True,
                       metadata={"description": "SearchHit objects: id, kind, cluster, title, …, "
                                               "highlights, featured"})
    total = fields.Integer(required=True, metadata={"description": "Listings found (every unit counts)"})
    total_groups = fields.Integer(allow_none=True, metadata={
        "description": "Cards found: a group of identical instruments counts once. Pages (page, "
                       "size) count cards"})
    page = fields.Integer(required=True)
    size = fields.Integer(required=True)
    facets = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(FacetValueSchema)),
                         required=True)
    took_ms = fields.Float()
    backend = fields.String()
    dropped = fields.List(fields.String(), metadata={
        "description": "Words of q the hits do not require: words of intent, and words left "
                       "out because all of them found fewer than a page (ask with strict=1)"})
    understood = fields.Nested(UnderstoodSchema)
    groups = fields.List(fields.Nested(GroupSchema), metadata={
        "description": "Groups among this page's hits: units of one model (same maker, model, "
                       "centre and cluster) are one hit, their lead, and one card; a group never "
                       "shows again on another page"})


class ClusterOutSchema(Schema):
    code = fields.String(required=True)
    name = fields.Nested(BilingualSchema, required=True)
    region = fields.String(required=True)
    operator = fields.Nested(BilingualSchema, allow_none=True)
    homepage = fields.String(allow_none=True)
    description = fields.Nested(BilingualSchema, allow_none=True)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())


class TermSchema(Schema):
    code = fields.String(required=True)
    ko = fields.String(required=True)
    en = fields.String(required=True)


class VocabularySchema(Schema):
    name = fields.String(required=True)
    label = fields.Nested(BilingualSchema, required=True)
    terms = fields.List(fields.Nested(TermSchema), required=True)


class PushResponseSchema(Schema):
    run_id = fields.Integer(required=True)
    cluster = fields.String(required=True)
    outcome = fields.String(required=True)
    message = fields.String(required=True)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    issues = fields.List(fields.Dict())
