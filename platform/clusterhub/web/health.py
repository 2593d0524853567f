"""/healthz: whether the database answers and what state the search index is in."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy.exc import SQLAlchemyError

from .. import db, search
from ..catalog import listings

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    body = {"status": "ok"}
    try:
        with db.session() as s:
            body["database"] = {"ok": True, "dialect": db.engine().dialect.name,
                                "listings": listings.count(s)}
    except SQLAlchemyError as exc:
        body["database"] = {"ok": False, "error": str(exc.__cause__ or exc).splitlines()[0]}
        body["status"] = "error"
    body["search"] = search.health(current_app)
    if body["status"] == "ok" and body["search"].get("state") != "ready":
        body["status"] = "degraded"
    return jsonify(body), 200 if body["status"] != "error" else 503
