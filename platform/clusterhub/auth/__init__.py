"""People and access: roles, local and OIDC login, connector credentials, web security.

Other features guard their views with the helpers exported here::

    from clusterhub.auth import current_user, require_role, require_cluster_operator, CURATOR

    @bp.get("/curation")
    @role_required(CURATOR)          # admins pass every role check
    def queue(): ...

    require_cluster_operator(code)   # in a view or service entry: its operators and admins pass

Anonymous visitors of an HTML page are sent to /login?next=...; JSON clients get 401 or 403 in
the one error shape.
"""
from __future__ import annotations

from datetime import timedelta

from flask import Flask, jsonify, redirect, request, url_for

from ..errors import Unauthenticated
from ..responses import error_body, wants_json
from .oauth2 import PUBLISH, require_cluster_token
from .current import (cluster_operator_required, current_user, login_required,
                      require_cluster_operator, require_login, require_role, role_required)
from .roles import ADMIN, ANONYMOUS, CURATOR, MEMBER, OPERATOR, ROLES, Principal

__all__ = ["ADMIN", "ANONYMOUS", "CURATOR", "MEMBER", "OPERATOR", "ROLES", "PUBLISH", "Principal",
           "current_user", "require_login", "require_role", "require_cluster_operator",
           "login_required", "role_required", "cluster_operator_required", "require_cluster_token",
           "init_app"]


def _unauthenticated(exc: Unauthenticated):
    """HTML: off to the login page and back; JSON: 401 in the one error shape."""
    if wants_json():
        return jsonify(error_body(exc.code, 401, exc.message, exc.errors)), 401
    target = request.full_path if request.query_string else request.path
    return redirect(url_for("auth.login", next=target if request.method == "GET" else None))


def _user_for_templates() -> Principal:
    """current_user() for the page header; an error page must render even without a database."""
    from .roles import ANONYMOUS_USER
    try:
        return current_user()
    except Exception:  # the database may be the reason this error page is shown
        return ANONYMOUS_USER


def init_app(app: Flask) -> None:
    from . import credential_pages, csrf, headers, oauth2, oidc, user_pages, views

    config = app.config
    config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=int(config["SESSION_LIFETIME"]))
    csrf.init_app(app)
    headers.init_app(app)
    oidc.init_app(app)
    oauth2.init_app(app)
    for blueprint in (views.bp, user_pages.bp, credential_pages.bp):
        app.register_blueprint(blueprint)
    app.register_error_handler(Unauthenticated, _unauthenticated)
    app.jinja_env.globals.update(current_user=_user_for_templates, oidc_enabled=oidc.enabled)
