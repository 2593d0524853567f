"""Service errors (no HTTP codes) and the one place that maps them to responses.

A message is an English template marked with N_, its %(name)s placeholders filled from the
error's params. JSON, logs and the CLI get the English text (the API's contract); HTML pages show
the template through gettext, in the page's language (English when no translation exists).
"""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from .i18n import N_


def fill(template: str, params: dict | None = None) -> str:
    """The English text of a template."""
    return template % _shown(params, fill) if params else template


def translate(template: str, params: dict | None = None) -> str:
    """The template in the current language, filled (gettext("") would be the catalog's header)."""
    if not isinstance(template, str) or not template:
        return template
    return gettext(template, **_shown(params, translate))


def _shown(params: dict | None, text) -> dict:
    """Params as text shows them: a ServiceError (the reason of another) by its message, a list of
    {path, message} details as "path: message; …"; other values as they are."""
    def one(value):
        if isinstance(value, ServiceError):
            return text(value.template, value.params)
        if isinstance(value, list):
            return "; ".join(f"{e['path']}: {text(e['message'], e.get('params'))}" for e in value)
        return value
    return {k: one(v) for k, v in (params or {}).items()}


def _detail(error: dict, text) -> dict:
    """A {path, message} detail as shown: its message through text(template, params)."""
    out = {k: v for k, v in error.items() if k != "params"}
    out["message"] = text(error.get("message"), error.get("params"))
    return out


class ServiceError(Exception):
    """Base of the errors services raise.

    message is an English template (marked with N_) filled from params; errors lists
    {path, message} details, whose message may be a template filled from the detail's "params".
    A param may also be another ServiceError or a list of details (see _shown). `.message` and
    `.errors` are the English text; `.template`, `.params` and `.details` are kept for the page,
    which shows them translated.
    """

    code = "error"

    def __init__(self, message: str, errors: list[dict] | None = None, **params):
        self.template, self.params = message, params
        self.message = fill(message, params)
        super().__init__(self.message)
        self.details = [dict(e) for e in errors or []]
        self.errors = [_detail(e, fill) for e in self.details]

    def localized_message(self) -> str:
        """The message in the current request's language."""
        return translate(self.template, self.params)

    def localized_errors(self) -> list[dict]:
        """The {path, message} details in the current request's language."""
        return [_detail(e, translate) for e in self.details]


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
        body = error_body(code, status, fill(template, params), [_detail(e, fill) for e in details])
        return jsonify(body), status
    return render_template("error.html", status=status, message=translate(template, params),
                           errors=[_detail(e, translate) for e in details]), status


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
        return _respond(code, exc.code or 500, message, params)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        return _respond("internal_error", 500, N_("Something went wrong on our side; it has been logged."))
