"""Admin pages for users: list them, create local accounts, assign roles, disable accounts."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from .. import db, responses
from ..catalog import clusters
from ..errors import Conflict, Invalid, NotFound, ServiceError
from ..messages import N_
from . import accounts
from .models import User
from .current import current_user, role_required
from .roles import ADMIN, LABELS, ROLES

bp = Blueprint("users", __name__, url_prefix="/admin/users")


def _page(status: int = 200, error: str | None = None, form: dict | None = None):
    with db.session() as s:
        rows = accounts.all_users(s)
        cluster_rows = clusters.all_clusters(s)
    return render_template("auth/users.html", rows=rows, clusters=cluster_rows, roles=ROLES,
                           labels=LABELS, error=error, form=form or {}), status


@bp.get("")
@role_required(ADMIN)
def index():
    return _page()


@bp.post("")
@role_required(ADMIN)
def create():
    form = request.form
    try:
        with db.session() as s:
            accounts.create(s, form.get("email", ""), form.get("role", ""), cluster=form.get("cluster"),
                            company=form.get("company"), name=form.get("name", ""),
                            password=form.get("password") or None)
    except ServiceError as exc:
        return _page(409 if isinstance(exc, Conflict) else 422, responses.message(exc), form.to_dict())
    return redirect(url_for("users.index"))


@bp.post("/<id:user_id>")
@role_required(ADMIN)
def update(user_id: int):
    form = request.form
    try:
        with db.session() as s:
            user = s.get(User, user_id)
            if user is None:
                raise NotFound(N_("No user %(id)s."), id=user_id)
            if user.id == current_user().id and (form.get("role") != ADMIN or not form.get("active")):
                raise Invalid(N_("Administrators cannot demote or disable themselves."))
            accounts.assign_role(s, user, form.get("role", ""), cluster=form.get("cluster"),
                                 company=form.get("company"))
            accounts.set_active(s, user, bool(form.get("active")))
    except NotFound:
        raise
    except ServiceError as exc:
        return _page(422, responses.message(exc))
    return redirect(url_for("users.index"))
