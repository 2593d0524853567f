"""CSRF protection: a per-session token that every unsafe request from a form must echo back."""
from __future__ import annotations

import hmac
import secrets
from typing import Callable

from flask import Flask, current_app, request, session
from werkzeug.exceptions import BadRequest

from ..messages import N_

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
SESSION_KEY = "_csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class CsrfFailed(BadRequest):
    name = "CSRF failed"  # the error shape's code becomes "csrf_failed"
    description = N_("The form expired or did not come from this site: reload the page and try again.")


def token() -> str:
    """This session's token (made on first use; a login starts a new session, so a new token)."""
    value = session.get(SESSION_KEY)
    if not value:
        value = session[SESSION_KEY] = secrets.token_urlsafe(32)
    return value


def exempt(view: Callable) -> Callable:
    """Mark a view that authenticates by other means than the session cookie (bearer, client auth)."""
    view.csrf_exempt = True
    return view


def _check() -> None:
    if request.method in SAFE_METHODS or request.endpoint is None:
        return
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "csrf_exempt", False):
        return
    expected = session.get(SESSION_KEY)
    sent = request.form.get(FIELD) or request.headers.get(HEADER)
    if not expected or not sent or not hmac.compare_digest(str(sent), expected):
        raise CsrfFailed()


def init_app(app: Flask) -> None:
    app.before_request(_check)
    app.jinja_env.globals["csrf_token"] = token
