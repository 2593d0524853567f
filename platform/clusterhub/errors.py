"""Service errors (no HTTP codes) and the one place that maps them to responses."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException


class ServiceError(Exception):
    """Base of the errors services raise; `errors` lists {path, message} details."""

    code = "error"

    def __init__(self, message: str, errors: list[dict] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class NotFound(ServiceError):
    code = "not_found"


class Invalid(ServiceError):
    code = "invalid"


class Forbidden(ServiceError):
    code = "forbidden"


class Conflict(ServiceError):
    code = "conflict"


class Unavailable(ServiceError):
    code = "unavailable"


class Unauthenticated(ServiceError):
    code = "unauthorized"


STATUS = {NotFound: 404, Invalid: 422, Unauthenticated: 401, Forbidden: 403, Conflict: 409,
          Unavailable: 503}
JSON_PREFIXES = ("/api/", "/schemas/", "/healthz")


def wants_json() -> bool:
    return request.path.startswith(JSON_PREFIXES) or request.accept_mimetypes.best == "application/json"


def error_body(code: str, status: int, message: str, errors: list | None = None) -> dict:
    """The one JSON error shape: {code, status, message, errors}."""
    return {"code": code, "status": status, "message": message, "errors": errors or []}


def _respond(code: str, status: int, message: str, errors: list | None = None):
    if wants_json():
        return jsonify(error_body(code, status, message, errors)), status
    return render_template("error.html", status=status, message=message, errors=errors or []), status


def init_app(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def _service_error(exc: ServiceError):
        status = next((s for cls, s in STATUS.items() if isinstance(exc, cls)), 400)
        return _respond(exc.code, status, exc.message, exc.errors)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        message = exc.description or exc.name
        if exc.code == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH") or 0
            message = (f"The request body is larger than the {limit / 1048576:g} MB this site "
                       f"accepts; nothing was stored. Send a smaller file or split the batch.")
        return _respond(code, exc.code or 500, message)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        return _respond("internal_error", 500, "Something went wrong on our side; it has been logged.")
