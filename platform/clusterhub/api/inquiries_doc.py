"""The OpenAPI paths of the requests and tickets API."""
from __future__ import annotations

ERROR = {"$ref": "#/components/schemas/Error"}
QUOTE = {"type": "object", "nullable": True, "properties": {
    "amount": {"type": "integer"}, "valid_until": {"type": "string", "format": "date"}}}
QUOTE_ANSWER = {"type": "object", "nullable": True, "description": "The company's answer to the current quote",
                "properties": {"decision": {"type": "string", "enum": ["accepted", "rejected"]},
                               "reason": {"type": "string", "nullable": True},
                               "at": {"type": "string", "format": "date-time"}}}
TICKET = {"type": "object", "properties": {
    "id": {"type": "integer"}, "request_id": {"type": "integer"}, "cluster": {"type": "string"},
    "listing_ids": {"type": "array", "items": {"type": "string"}},
    "status": {"type": "string", "enum": ["received", "reviewing", "quoted", "in_progress",
                                          "completed", "declined"]},
    "decline_reason": {"type": "string", "nullable": True}, "quote": QUOTE,
    "created_at": {"type": "string", "format": "date-time"},
    "first_response_at": {"type": "string", "format": "date-time", "nullable": True},
    "overdue": {"type": "boolean"}, "quote_answer": QUOTE_ANSWER,
    "events": {"type": "array", "items": {"type": "object"}},
    "survey": {"type": "object", "nullable": True}}}
REQUEST = {"type": "object", "properties": {
    "id": {"type": "integer"}, "need": {"type": "string"}, "timeline": {"type": "string"},
    "budget": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
    "tickets": {"type": "array", "items": TICKET}}}
SESSION = [{"session": []}]  # the security schemes of openapi.SECURITY_SCHEMES
SESSION_AND_CSRF = [{"session": [], "csrf": []}]
ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}  # the `id` URL converter's range
TICKET_ID = {"name": "ticket_id", "in": "path", "required": True, "schema": ID, "example": 1}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


DENIED = {"401": _json(ERROR, "Not signed in (unauthorized)"), "403": _json(ERROR, "Not yours to see or change"),
          "404": _json(ERROR, "No such request or ticket")}
CSRF_FAILED = {"400": _json(ERROR, "csrf_failed: the X-CSRF-Token header is missing or not this "
                                     "session's token; bad_request: a NUL character or JSON nested too deep")}
CHANGE = {"200": _json(TICKET, "The ticket with its events"), "409": _json(ERROR, "Not allowed now"),
          "422": _json(ERROR, "Invalid fields, each named"), **CSRF_FAILED, **DENIED}


def body(name: str) -> dict:
    """A required JSON request body: the schema of api/bodies.py registered under name."""
    return {"required": True, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{name}"}}}}


def _post(summary: str, body_name: str) -> dict:
    return {"post": {"summary": summary, "parameters": [TICKET_ID], "security": SESSION_AND_CSRF,
                     "requestBody": body(body_name), "responses": CHANGE}}


def add_paths(spec) -> None:
    """Document /api/v1/requests and /api/v1/tickets on spec."""
    spec.path(path="/api/v1/requests", operations={
        "get": {"summary": "The requests of my company with their tickets", "security": SESSION,
                "responses": {"200": _json({"type": "array", "items": REQUEST}, "Requests"), **DENIED}},
        "post": {"summary": "Send one request; it is split into one ticket per cluster",
                 "security": SESSION_AND_CSRF,
                 "requestBody": body("NewRequestBody"),
                 "responses": {"201": _json(REQUEST, "The request and its tickets"),
                               "422": _json(ERROR, "Invalid fields, each named"), **CSRF_FAILED,
                               **DENIED}}})
    spec.path(path="/api/v1/requests/{request_id}", operations={"get": {
        "summary": "One request of my company", "security": SESSION,
        "parameters": [{"name": "request_id", "in": "path", "required": True, "schema": ID,
                        "example": 1}],
        "responses": {"200": _json(REQUEST, "The request"), **DENIED}}})
    spec.path(path="/api/v1/tickets", operations={"get": {
        "summary": "The inbox: tickets of my cluster (admins: all, or ?cluster=)", "security": SESSION,
        "parameters": [{"name": "cluster", "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": _json({"type": "array", "items": TICKET}, "Tickets"), **DENIED}}})
    spec.path(path="/api/v1/tickets/{ticket_id}", operations={"get": {
        "summary": "One ticket with its timestamped events", "parameters": [TICKET_ID], "security": SESSION,
        "responses": {"200": _json(TICKET, "The ticket"), **DENIED}}})
    spec.path(path="/api/v1/tickets/{ticket_id}/status", operations=_post(
        "Change the status (operators); declined needs a reason", "StatusBody"))
    spec.path(path="/api/v1/tickets/{ticket_id}/quote", operations=_post(
        "Send a quote (operators)", "QuoteBody"))
    spec.path(path="/api/v1/tickets/{ticket_id}/quote-answer", operations=_post(
        "Accept or reject the current quote (the requesting company), once per quote while it is valid; "
        "a rejection needs a reason. The status stays quoted: the cluster then starts the work, or "
        "sends a new quote", "QuoteAnswerBody"))
    spec.path(path="/api/v1/tickets/{ticket_id}/messages", operations=_post(
        "Post a message (either side)", "MessageBody"))
    spec.path(path="/api/v1/tickets/{ticket_id}/survey", operations=_post(
        "Answer the satisfaction survey of a completed ticket (the requester), 1 to 5 each",
        "SurveyBody"))
