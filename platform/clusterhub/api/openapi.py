"""The OpenAPI 3 document of /api/v1, generated from the marshmallow schemas with apispec."""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import jsonify

from schemas.listing import EquipmentSchema, ExpertSchema, ServiceSchema

from ..search.contract import MAX_SIZE, SORTS
from ..search.params import CONTROLS
from ..search.registry import SHOWN
from . import bodies, bp, inquiries_doc, reservations_doc
from .paths import answer as _json, body, ref as _ref
from .schemas import (ClusterOutSchema, ErrorSchema, PushResponseSchema, SearchResponseSchema,
                      VocabularySchema)


# Feature packages with their own API blueprint add their paths here (pathways/api.py); the api
# package never imports them.
EXTRA: list[Callable[[APISpec], None]] = []
ERRORS = {"422": _json(_ref("Error"), "Invalid parameters: each error names the parameter"),
          "503": _json(_ref("Error"), "The search engine is unavailable")}
# Answers any operation may give before its view runs (clusterhub/web/guards.py).
EVERYWHERE = {"400": _json(_ref("Error"), "bad_request: a NUL character in a parameter or the body, "
                                          "or a JSON body nested deeper than 64 levels"),
              "414": _json(_ref("Error"), "The URL is longer than 4,096 characters")}
SECURITY_SCHEMES = {
    "bearer": {"type": "http", "scheme": "bearer",
               "description": "A cluster connector's access token (OAuth2 client credentials at "
                              "/oauth/token, scope catalog:publish)"},
    "session": {"type": "apiKey", "in": "cookie", "name": "session",
                "description": "The signed-in session cookie set by /login"},
    "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token",
             "description": "The session's CSRF token (the csrf_token field of any form); without "
                            "it a POST is answered 400 csrf_failed"},
}


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
    for name, schema in bodies.BODIES.items():  # strict: unknown fields refused
        spec.components.schema(name, schema=schema)
    listing = {"oneOf": [_ref("ServiceListing"), _ref("EquipmentListing"), _ref("ExpertListing")]}
    search_params = [{"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 200}},
                     {"name": "sort", "in": "query",
                      "schema": {"type": "string", "enum": list(SORTS)}},
                     {"name": "page", "in": "query",
                      "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
                     {"name": "size", "in": "query",
                      "schema": {"type": "integer", "minimum": 1, "maximum": MAX_SIZE}},
                     {"name": "strict", "in": "query",
                      "description": "1: search q as typed, every word required (no places or "
                                     "words of intent read from q, no words left out)",
                      "schema": {"type": "integer", "enum": [0, 1]}}]
    # One repeatable parameter per facet of the registry (search/registry.py), in its order.
    search_params += [{"name": f.field, "in": "query", "explode": True, "style": "form",
                       "description": f"Facet filter, repeatable ({f.field}=a&{f.field}=b means a OR b)",
                       "schema": {"type": "array", "items": {"type": "string"}}} for f in SHOWN]
    assert {p["name"] for p in search_params} == set(CONTROLS) | {f.field for f in SHOWN}
    spec.path(path="/api/v1/search", operations={"get": {
        "summary": "Search the federation with disjunctive facets", "parameters": search_params,
        "responses": {"200": _json(_ref("SearchResponse"), "One page of hits with facet counts; "
                                   "anonymous calls carry an ETag (the catalog version and the query)"),
                      "304": {"description": "Not modified: If-None-Match named this call's "
                                             "current ETag (no body)"},
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
        "security": [{"bearer": []}],
        "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
        "requestBody": body("PushBody"),
        "responses": {"200": _json(_ref("PushResponse"), "Counts and per-record issues"),
                      "401": _json(_ref("Error"), "Missing or invalid token"),
                      "403": _json(_ref("Error"), "Token of another cluster"),
                      "409": _json(_ref("PushResponse"), "Stopped by the mass-withdrawal guard")}}})
    inquiries_doc.add_paths(spec)
    reservations_doc.add_paths(spec)
    for add in EXTRA:
        add(spec)
    for name, scheme in SECURITY_SCHEMES.items():
        spec.components.security_scheme(name, scheme)
    doc = spec.to_dict()
    doc["components"]["schemas"]["PushBody"]["properties"]["listings"]["items"] = listing
    for operations in doc["paths"].values():
        for operation in operations.values():
            for status, answer in EVERYWHERE.items():
                operation["responses"].setdefault(status, answer)
    return doc


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())
