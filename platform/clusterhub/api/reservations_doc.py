"""The OpenAPI paths of the calendars, reservations and statements API (schemas from marshmallow)."""
from __future__ import annotations

from .reservation_schemas import (CalendarSchema, MonthlyStatementSchema, ReservationActionSchema,
                                  ReservationRequestSchema, ReservationSchema, StatementSchema)
from .paths import CSRF_FAILED, DENIED, ERROR, INVALID, SESSION, SESSION_AND_CSRF, answer, body, path_id, ref

SCHEMAS = {"Calendar": CalendarSchema, "Reservation": ReservationSchema, "ReservationRequest": ReservationRequestSchema,
           "ReservationAction": ReservationActionSchema, "Statement": StatementSchema,
           "MonthlyStatement": MonthlyStatementSchema}
CHANGED = {"409": answer(ERROR, "Not allowed now (a slot taken, a deadline passed), with the reason"),
           **INVALID, **CSRF_FAILED, **DENIED}


def add_paths(spec) -> None:
    for name, schema in SCHEMAS.items():
        spec.components.schema(name, schema=schema)
    spec.path(path="/api/v1/listings/{listing_id}/calendar", operations={"get": {
        "summary": "An instrument's availability (public): free and taken hours per day, Korean time",
        "parameters": [path_id("listing_id", "string"),
                       {"name": "start", "in": "query", "schema": {"type": "string", "format": "date"}},
                       {"name": "days", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 366}}],
        "responses": {"200": answer(ref("Calendar"), "Days from start (default today, 56 days)"),
                      "404": answer(ERROR, "No published equipment that takes reservations"),
                      "422": answer(ERROR, "Invalid parameters")}}})
    spec.path(path="/api/v1/reservations", operations={
        "get": {"summary": "Reservations: a member's company's, an operator's cluster's (admins: ?cluster=)",
                "parameters": [{"name": "cluster", "in": "query", "schema": {"type": "string"}}],
                "security": SESSION,
        "responses": {"200": answer({"type": "array", "items": ref("Reservation")}, "Reservations"),
                              **DENIED}},
        "post": {"summary": "Ask for slots of an instrument (members); a ticket of its cluster carries it",
                 "security": SESSION_AND_CSRF, "requestBody": body("ReservationRequest"),
                 "responses": {"201": answer(ref("Reservation"), "The reservation, requested"), **CHANGED}}})
    spec.path(path="/api/v1/reservations/{reservation_id}", operations={"get": {
        "summary": "One reservation (its company or its cluster's operators)",
        "parameters": [path_id("reservation_id")],
        "security": SESSION,
        "responses": {"200": answer(ref("Reservation"), "The reservation"), **DENIED}}})
    spec.path(path="/api/v1/reservations/{reservation_id}/{action}", operations={"post": {
        "summary": "confirm, propose (slots, reason), decline (reason): operators; accept (a proposal): the "
                   "company; cancel (reason): either side within the cluster's rules; use (the use record): operators",
        "parameters": [path_id("reservation_id"), {"name": "action", "in": "path", "required": True, "schema": {
            "type": "string", "enum": ["confirm", "propose", "decline", "cancel", "accept", "use"]}}],
        "security": SESSION_AND_CSRF,
        "requestBody": body("ReservationAction"),
        "responses": {"200": answer(ref("Reservation"), "The reservation after the action"), **CHANGED}}})
    spec.path(path="/api/v1/tickets/{ticket_id}/statement", operations={"get": {
        "summary": "The settlement statement (정산서) of a ticket: its used reservations and the total",
        "parameters": [path_id("ticket_id")],
        "security": SESSION,
        "responses": {"200": answer(ref("Statement"), "The statement"), **DENIED}}})
    spec.path(path="/api/v1/tickets/{ticket_id}/statement/accept", operations={"post": {
        "summary": "Accept the statement (the requesting company), once",
        "parameters": [path_id("ticket_id")], "security": SESSION_AND_CSRF,
        "responses": {"200": answer(ref("Statement"), "The accepted statement"), **CHANGED}}})
    spec.path(path="/api/v1/statements", operations={"get": {
        "summary": "The monthly statement: a member's company's, an operator's cluster's (admins: ?cluster=)",
        "parameters": [{"name": "month", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "example": "2026-12"}},
                       {"name": "cluster", "in": "query", "schema": {"type": "string"}}],
        "security": SESSION,
        "responses": {"200": answer(ref("MonthlyStatement"), "Used reservations whose first slot is in month"),
                      "422": answer(ERROR, "month is not YYYY-MM"), **DENIED}}})
