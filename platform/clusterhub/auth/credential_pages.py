"""Connector credential pages: admins see every cluster, operators their own; issue, rotate, revoke."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from .. import db
from ..catalog import clusters
from ..errors import NotFound
from ..messages import N_
from . import credentials
from .oauth2 import PUBLISH
from .current import cluster_operator_required, current_user, role_required
from .roles import ADMIN, OPERATOR

bp = Blueprint("credentials", __name__, url_prefix="/credentials")


@bp.get("")
@role_required(OPERATOR)
def index():
    user = current_user()
    if user.role != ADMIN:
        return redirect(url_for("credentials.cluster", code=user.cluster))
    with db.session() as s:
        rows = clusters.all_clusters(s)
        clients = credentials.active_by_cluster(s)
    return render_template("auth/credentials.html", clusters=rows, clients=clients)


def _cluster_page(code: str, issued: credentials.Issued | None = None, status: int = 200):
    with db.session() as s:
        cluster = clusters.get(s, code)
        if cluster is None:
            raise NotFound(N_("No cluster %(cluster)s."), cluster=repr(code))
        client = issued.client if issued else credentials.active(s, code)
        live = credentials.live_tokens(s, client) if client else 0
    response = render_template("auth/cluster_credentials.html", cluster=cluster, client=client,
                               live=live, secret=issued.secret if issued else None, scope=PUBLISH)
    # A page that shows a secret must not stay in any cache.
    return response, status, {"Cache-Control": "no-store"}


@bp.get("/<code>")
@cluster_operator_required()
def cluster(code: str):
    return _cluster_page(code)


@bp.post("/<code>/issue")
@cluster_operator_required()
def issue(code: str):
    with db.session() as s:
        issued = credentials.issue(s, code, by=current_user().email)
    return _cluster_page(code, issued, 201)


@bp.post("/<code>/rotate")
@cluster_operator_required()
def rotate(code: str):
    with db.session() as s:
        issued = credentials.rotate(s, code, by=current_user().email)
    return _cluster_page(code, issued)


@bp.post("/<code>/revoke")
@cluster_operator_required()
def revoke(code: str):
    with db.session() as s:
        credentials.revoke(s, code, by=current_user().email)
    return redirect(url_for("credentials.cluster", code=code))
