"""The OpenAPI paths of the requests and tickets API (schemas from marshmallow: inquiry_schemas.py
for the answers, bodies.py for the request bodies)."""
from __future__ import annotations

from .inquiry_schemas import RequestSchema, TicketSchema
from .paths import CSRF_FAILED, DENIED, ERROR, INVALID, SESSION, SESSION_AND_CSRF, answer, body, path_id, ref

SCHEMAS = {"Ticket": TicketSchema, "Request": RequestSchema}
TICKET_ID = path_id("ticket_id", example=1)
CHANGE = {"200": answer(ref("Ticket"), "The ticket with its events"), "409": answer(ERROR, "Not allowed now"),
          **INVALID, **CSRF_FAILED, **DENIED}


def _post(summary: str, body_name: str) -> dict:
    return {"post": {"summary": summary, "parameters": [TICKET_ID], "security": SESSION_AND_CSRF,
                     "requestBody": body(body_name), "responses": CHANGE}}


def add_paths(spec) -> None:
    """Document /api/v1/requests and /api/v1/tickets on spec."""
    for name, schema in SCHEMAS.items():
        spec.components.schema(name, schema=schema)
    spec.path(path="/api/v1/requests", operations={
        "get": {"summary": "The requests of my company with their tickets", "security": SESSION,
                "responses": {"200": answer({"type": "array", "items": ref("Request")}, "Requests"), **DENIED}},
        "post": {"summary": "Send one request; it is split into one ticket per cluster",
                 "security": SESSION_AND_CSRF,
                 "requestBody": body("NewRequestBody"),
                 "responses": {"201": answer(ref("Request"), "The request and its tickets"),
                               **INVALID, **CSRF_FAILED, **DENIED}}})
    spec.path(path="/api/v1/requests/{request_id}", operations={"get": {
        "summary": "One request of my company", "security": SESSION,
        "parameters": [path_id("request_id", example=1)],
        "responses": {"200": answer(ref("Request"), "The request"), **DENIED}}})
    spec.path(path="/api/v1/tickets", operations={"get": {
        "summary": "The inbox: tickets of my cluster (admins: all, or ?cluster=)", "security": SESSION,
        "parameters": [{"name": "cluster", "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": answer({"type": "array", "items": ref("Ticket")}, "Tickets"), **DENIED}}})
    spec.path(path="/api/v1/tickets/{ticket_id}", operations={"get": {
        "summary": "One ticket with its timestamped events", "parameters": [TICKET_ID], "security": SESSION,
        "responses": {"200": answer(ref("Ticket"), "The ticket"), **DENIED}}})
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
