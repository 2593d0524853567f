"""The one place that maps errors to responses: pages in the visitor's language, or the one JSON
shape {code, status, message, errors} in English (the API's contract)."""
from __future__ import annotations

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from .errors import (BadRequest, Conflict, Forbidden, Invalid, NotFound, ServiceError, Unauthenticated,
                     Unavailable, detail, fill, shown)
from .messages import N_


def translate(template: str, params: dict | None = None) -> str:
    """The template in the current language, filled (gettext("") would be the catalog's header)."""
    if not isinstance(template, str) or not template:
        return template
    return gettext(template, **shown(params, translate))


def message(exc: ServiceError) -> str:
    """A service error's message in the current request's language."""
    return translate(exc.template, exc.params)


def details(exc: ServiceError) -> list[dict]:
    """A service error's {path, message} details in the current request's language."""
    return [detail(e, translate) for e in exc.details]


STATUS = {BadRequest: 400, NotFound: 404, Invalid: 422, Unauthenticated: 401, Forbidden: 403, Conflict: 409,
          Unavailable: 503}
JSON_PREFIXES = ("/api/", "/schemas/", "/healthz")
# Werkzeug's own descriptions of the HTTP errors a visitor meets, marked so that they are
# extracted and translated (tests/clusterhub/test_app.py checks they are still Werkzeug's words).
HTTP_DESCRIPTIONS = {
    400: N_("The browser (or proxy) sent a request that this server could not understand."),
    403: N_("You don't have the permission to access the requested resource. It is either "
            "read-protected or not readable by the server."),
    404: N_("The requested URL was not found on the server. If you entered the URL manually please "
            "check your spelling and try again."),
    405: N_("The method is not allowed for the requested URL."),
}


def wants_json() -> bool:
    return request.path.startswith(JSON_PREFIXES) or request.accept_mimetypes.best == "application/json"


def error_body(code: str, status: int, message: str, errors: list | None = None) -> dict:
    """The one JSON error shape: {code, status, message, errors}."""
    return {"code": code, "status": status, "message": message, "errors": errors or []}


def _respond(code: str, status: int, template: str, params: dict | None = None,
             details: list[dict] | None = None):
    """JSON in English; a page in the visitor's language."""
    details = details or []
    if wants_json():
        body = error_body(code, status, fill(template, params), [detail(e, fill) for e in details])
        return jsonify(body), status
    return render_template("error.html", status=status, message=translate(template, params),
                           errors=[detail(e, translate) for e in details]), status


def init_app(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def _service_error(exc: ServiceError):
        status = next((s for cls, s in STATUS.items() if isinstance(exc, cls)), 400)
        return _respond(exc.code, status, exc.template, exc.params, exc.details)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        message, params = exc.description or exc.name, None
        if exc.code == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH") or 0
            message = N_("The request body is larger than the %(limit)s MB this site accepts; nothing "
                         "was stored. Send a smaller file or split the batch.")
            params = {"limit": f"{limit / 1048576:g}"}
        if exc.code == 414:
            message = N_("The address is longer than the %(limit)s characters this site reads. "
                         "Search with fewer words or filters.")
            params = {"limit": app.config.get("MAX_URL_LENGTH")}
        response, status = _respond(code, exc.code or 500, message, params)
        if exc.code == 405 and getattr(exc, "valid_methods", None):
            # RFC 9110: a 405 names the methods the resource allows.
            response = make_response(response, status)
            response.headers["Allow"] = ", ".join(sorted(exc.valid_methods))
        return response, status

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        return _respond("internal_error", 500, N_("Something went wrong on our side; it has been logged."))
