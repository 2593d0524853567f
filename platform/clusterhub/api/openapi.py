"""The OpenAPI 3 document of /api/v1, generated from the marshmallow schemas with apispec."""
from __future__ import annotations

from functools import lru_cache

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import jsonify

from schemas.listing import EquipmentSchema, ExpertSchema, ServiceSchema

from ..search.params import CONTROLS, FACETS
from . import bp, inquiries_doc, reservations_doc
from .schemas import (ClusterOutSchema, ErrorSchema, PushResponseSchema, SearchResponseSchema,
                      VocabularySchema)


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {"422": _json(_ref("Error"), "Invalid parameters: each error names the parameter"),
          "503": _json(_ref("Error"), "The search engine is unavailable")}


@lru_cache(maxsize=1)
def document() -> dict:
    spec = APISpec(title="ClusterHub API", version="1.0.0", openapi_version="3.0.3",
                   plugins=[MarshmallowPlugin()],
                   info={"description": "The federated catalog of Korea's bio-health clusters."})
    for name, schema in (("Error", ErrorSchema), ("SearchResponse", SearchResponseSchema),
                         ("Cluster", ClusterOutSchema), ("Vocabulary", VocabularySchema),
                         ("PushResponse", PushResponseSchema), ("ServiceListing", ServiceSchema),
                         ("EquipmentListing", EquipmentSchema), ("ExpertListing", ExpertSchema)):
        spec.components.schema(name, schema=schema)
    listing = {"oneOf": [_ref("ServiceListing"), _ref("EquipmentListing"), _ref("ExpertListing")]}
    search_params = [{"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 200}},
                     {"name": "sort", "in": "query",
                      "schema": {"type": "string", "enum": ["relevance", "updated", "title"]}},
                     {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                     {"name": "size", "in": "query",
                      "schema": {"type": "integer", "minimum": 1, "maximum": 100}}]
    search_params += [{"name": f, "in": "query", "explode": True, "style": "form",
                       "description": f"Facet filter, repeatable ({f}=a&{f}=b means a OR b)",
                       "schema": {"type": "array", "items": {"type": "string"}}} for f in FACETS]
    assert {p["name"] for p in search_params} == set(CONTROLS) | set(FACETS)
    spec.path(path="/api/v1/search", operations={"get": {
        "summary": "Search the federation with disjunctive facets", "parameters": search_params,
        "responses": {"200": _json(_ref("SearchResponse"), "One page of hits with facet counts"),
                      **ERRORS}}})
    spec.path(path="/api/v1/listings/{listing_id}", operations={"get": {
        "summary": "One published listing",
        "parameters": [{"name": "listing_id", "in": "path", "required": True,
                        "schema": {"type": "string"}, "example": "kmedihub:equipment:EQ-0001"}],
        "responses": {"200": _json(listing, "The listing document"),
                      "404": _json(_ref("Error"), "No such published listing")}}})
    spec.path(path="/api/v1/clusters", operations={"get": {
        "summary": "The clusters of the federation with counts by kind",
        "responses": {"200": _json({"type": "array", "items": _ref("Cluster")}, "Clusters")}}})
    spec.path(path="/api/v1/vocabularies", operations={"get": {
        "summary": "Every controlled vocabulary with Korean and English labels",
        "responses": {"200": _json({"type": "object", "additionalProperties": _ref("Vocabulary")},
                                   "Vocabularies by name")}}})
    spec.path(path="/api/v1/clusters/{code}/listings", operations={"post": {
        "summary": "Push a batch of shared-schema listings (a cluster's connector credentials)",
        "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["listings"], "properties": {
                "listings": {"type": "array", "items": listing},
                "mode": {"type": "string", "enum": ["partial", "full"]},
                "dry_run": {"type": "boolean"}, "allow_mass_withdrawal": {"type": "boolean"}}}}}},
        "responses": {"200": _json(_ref("PushResponse"), "Counts and per-record issues"),
                      "401": _json(_ref("Error"), "Missing or invalid token"),
                      "403": _json(_ref("Error"), "Token of another cluster"),
                      "409": _json(_ref("PushResponse"), "Stopped by the mass-withdrawal guard")}}})
    inquiries_doc.add_paths(spec)
    reservations_doc.add_paths(spec)
    return spec.to_dict()


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())
