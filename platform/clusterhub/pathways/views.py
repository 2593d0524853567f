"""Pathway pages: the templates, the planner (no JavaScript needed), pathway requests and their timeline."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext

from .. import db
from ..catalog import listings
from ..errors import Invalid
from ..i18n import bilingual, locale
from ..messages import N_
from . import planner, templates

bp = Blueprint("pathways", __name__)


@bp.app_context_processor
def _helpers():
    def reason(template: str, params: dict) -> str:
        shown = {k: bilingual(v) if isinstance(v, dict) else v for k, v in params.items()}
        return gettext(template) % shown if shown else gettext(template)

    return {"pathway_reason": reason}


def _start(raw: str | None) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Invalid(N_("The start date is not a date (YYYY-MM-DD)."),
                      [{"path": "start", "message": N_("Give the start as a date (YYYY-MM-DD).")}])


def choices(template, args) -> tuple[dict[str, str], set[str]]:
    """The company's picks (pick_<stage>=listing id) and skipped stages (skip=<stage>) from a form,
    or, from a listing page (from=<listing id>), that listing picked and the stages before it skipped."""
    keys = [st["key"] for st in template.data["stages"]]
    picks = {k: args[f"pick_{k}"] for k in keys if args.get(f"pick_{k}")}
    skips = {k for k in args.getlist("skip") if k in keys}
    origin = args.get("from")
    if origin and not picks and not skips:
        with db.session() as s:
            found = listings.published(s, origin)
        stage = planner.stage_for(template, found.document) if isinstance(found, listings.Published) else None
        if stage:
            picks[stage] = origin
            skips = set(keys[:keys.index(stage)])
    return picks, skips


@bp.get("/pathways")
def index():
    origin = request.args.get("from", "")
    with db.session() as s:
        rows = templates.active(s)
        found = listings.published(s, origin) if origin else None
    if isinstance(found, listings.Published):
        rows = [r for r in rows if planner.stage_for(r, found.document)]
    else:
        origin, found = "", None
    return render_template("pathways/index.html", templates=rows, origin=origin,
                           origin_doc=found.document if found else None)


@bp.get("/pathways/<key>")
def plan(key: str):
    with db.session() as s:
        template = templates.get(s, key)
    picks, skips = choices(template, request.args)
    with db.session() as s:
        p = planner.plan(s, template, picks=picks, skips=skips, start=_start(request.args.get("start")))
        planner.record_gaps(s, p, locale())
    return render_template("pathways/plan.html", p=p, shown=planner.SHOWN, form={}, errors=[],
                           origin=request.args.get("from", ""))


