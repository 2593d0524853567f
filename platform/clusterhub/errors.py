"""Service errors: no HTTP codes, no Flask; responses.py maps them to pages and the JSON shape.

A message is an English template marked with N_, its %(name)s placeholders filled from the
error's params. JSON, logs and the CLI get the English text (the API's contract); HTML pages show
the template through gettext, in the page's language (responses.translate).
"""
from __future__ import annotations

from typing import Callable

from .messages import Term

Text = Callable[[str, "dict | None"], str]


def fill(template: str, params: dict | None = None) -> str:
    """The English text of a template."""
    return template % shown(params, fill) if params else template


def shown(params: dict | None, text: Text) -> dict:
    """Params as text shows them: a ServiceError (the reason of another) by its message, a Term
    (or a list of them) translated, a list of {path, message} details as "path: message; …";
    other values as they are."""
    def one(value):
        if isinstance(value, ServiceError):
            return text(value.template, value.params)
        if isinstance(value, Term):
            return text(str(value), None)
        if isinstance(value, list) and value and all(isinstance(v, Term) for v in value):
            return ", ".join(text(str(v), None) for v in value)
        if isinstance(value, list):
            return "; ".join(f"{e['path']}: {text(e['message'], e.get('params'))}" for e in value)
        return value
    return {k: one(v) for k, v in (params or {}).items()}


def detail(error: dict, text: Text) -> dict:
    """A {path, message} detail as shown: its message through text(template, params)."""
    out = {k: v for k, v in error.items() if k != "params"}
    out["message"] = text(error.get("message"), error.get("params"))
    return out


class ServiceError(Exception):
    """Base of the errors services raise.

    message is an English template (marked with N_) filled from params; errors lists
    {path, message} details, whose message may be a template filled from the detail's "params".
    A param may also be another ServiceError or a list of details (see shown). `.message` and
    `.errors` are the English text; `.template`, `.params` and `.details` are kept for the page,
    which shows them translated.
    """

    code = "error"

    def __init__(self, message: str, errors: list[dict] | None = None, **params):
        self.template, self.params = message, params
        self.message = fill(message, params)
        super().__init__(self.message)
        self.details = [dict(e) for e in errors or []]
        self.errors = [detail(e, fill) for e in self.details]


class NotFound(ServiceError):
    code = "not_found"


class Invalid(ServiceError):
    code = "invalid"


class BadRequest(ServiceError):
    """What the client sent cannot be read at all (a NUL character, JSON nested too deep)."""

    code = "bad_request"


class Forbidden(ServiceError):
    code = "forbidden"


class Conflict(ServiceError):
    code = "conflict"


class Unavailable(ServiceError):
    code = "unavailable"


class Unauthenticated(ServiceError):
    code = "unauthorized"
