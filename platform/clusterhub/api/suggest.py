"""GET /api/v1/suggest?q=: what the search box offers while the user types."""
from __future__ import annotations

from flask import jsonify, request

from .. import i18n
from ..search import suggest
from . import bp, openapi

SUGGESTION = {"type": "object", "required": ["kind", "text", "detail", "count"], "properties": {
    "kind": {"type": "string", "enum": ["concept", "place", "title"],
             "description": "a thesaurus concept, a place the query reader knows (a cluster "
                            "or region name, or a wider area such as 충청권), or a listing title"},
    "text": {"type": "string", "description": "What goes into the search box"},
    "detail": {"type": "string", "description": "concept: a synonym in the other language; "
                                                  "place: the place's own name (a wider area: the "
                                                  "regions it selects, joined by ' · '); title: the kind"},
    "count": {"type": "integer", "minimum": 0, "description": "title: listings with this title"}}}

RESPONSE = {"type": "object", "required": ["q", "suggestions"], "properties": {
    "q": {"type": "string"}, "suggestions": {"type": "array", "items": SUGGESTION}}}


@bp.get("/suggest")
def suggest_list():
    found = suggest.suggest(request.args.get("q"), i18n.locale())
    return jsonify({"q": request.args.get("q", ""), "suggestions": [vars(s) for s in found]})


def add_paths(spec) -> None:
    spec.path(path="/api/v1/suggest", operations={"get": {
        "summary": "Autocomplete: concepts, places and listing titles whose words start with q",
        "description": "A prefix lookup in an index built once per catalog version, not a search. "
                       "At most 4 concepts, 3 places and 5 titles, in that order.",
        "parameters": [{"name": "q", "in": "query", "required": True,
                        "schema": {"type": "string", "minLength": 1, "maxLength": suggest.MAX_Q},
                        "example": "질량"}],
        "responses": {"200": openapi._json(RESPONSE, "Suggestions, best first within each kind"),
                      "422": openapi._json(openapi._ref("Error"), "q is missing, empty, longer than "
                                           "100 characters or holds a control character")}}})


if add_paths not in openapi.EXTRA:
    openapi.EXTRA.append(add_paths)
