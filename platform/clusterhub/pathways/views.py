"""Pathway pages: the templates, the planner (no JavaScript needed), pathway requests and their timeline."""
from __future__ import annotations

from datetime import date

import json

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext

from .. import db, responses
from ..auth import CURATOR, MEMBER, current_user, login_required, role_required
from ..catalog import listings
from ..errors import Forbidden, Invalid
from ..i18n import bilingual, locale
from ..inquiries.attachments import Upload
from ..messages import N_
from ..web.inquiries import BUDGET_LABELS, act, download
from . import coordination, handoffs, planner, requests, templates

bp = Blueprint("pathways", __name__)


@bp.app_context_processor
def _helpers():
    def reason(template: str, params: dict) -> str:
        shown = {k: bilingual(v) if isinstance(v, dict) else v for k, v in params.items()}
        return gettext(template) % shown if shown else gettext(template)

    def of_ticket(ticket_id: int):
        with db.session() as s:
            found = requests.of_ticket(s, ticket_id)
        return found[0] if found else None

    return {"pathway_reason": reason, "pathway_of_ticket": of_ticket}


def start_date(raw: str | None) -> date | None:
    """The plan's start from a form or query (YYYY-MM-DD); None for today."""
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


def order_of(template, args) -> list[str]:
    """The company's order of the stages: order=<key> repeated, or a number pos_<key> per stage."""
    keys = [st["key"] for st in template.data["stages"]]
    if args.getlist("order"):
        return [k for k in args.getlist("order") if k in keys]

    def position(i: int, key: str) -> tuple[float, int]:
        try:
            return float(args.get(f"pos_{key}", i + 1)), i
        except ValueError:
            return float(i + 1), i
    return [k for _, k in sorted((position(i, k), k) for i, k in enumerate(keys))]


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
def plan(key: str, args=None, errors=None, status=200):
    args = args or request.args
    with db.session() as s:
        template = templates.get(s, key)
    picks, skips = choices(template, args)
    with db.session() as s:
        p = planner.plan(s, template, picks=picks, skips=skips, start=start_date(args.get("start")),
                         order=order_of(template, args))
        planner.record_gaps(s, p, locale())
    return render_template("pathways/plan.html", p=p, shown=planner.SHOWN, form=args, errors=errors or [],
                           budgets=BUDGET_LABELS), status


@bp.post("/pathways/<key>/request")
@role_required(MEMBER)
def send(key: str):
    form = request.form
    with db.session() as s:
        template = templates.get(s, key)
    picks, skips = choices(template, form)
    try:
        with db.session() as s:
            pathway = requests.submit(s, current_user(), template, picks=picks, skips=skips,
                                      need=form.get("need", ""), budget=form.get("budget", ""),
                                      consent=form.get("consent") == "1", start=start_date(form.get("start")),
                                      order=order_of(template, form))
    except Invalid as exc:
        return plan(key, args=form, errors=responses.details(exc), status=422)
    return redirect(url_for("pathways.follow", pathway_id=pathway.id), code=303)


@bp.get("/my/pathways")
@role_required(MEMBER)
def mine():
    with db.session() as s:
        rows = requests.mine(s, current_user())
    return render_template("pathways/mine.html", rows=rows)


@bp.get("/pathways/requests/<id:pathway_id>")
@login_required
def follow(pathway_id: int, errors=None, status=200):
    user = current_user()
    with db.session() as s:
        pathway, side = requests.get_for(s, user, pathway_id)
        rows = requests.rows(s, user, pathway)
        packages = {}
        for row in rows:
            try:
                packages[row.stage.id] = handoffs.package_for(s, user, row.stage.id)
            except Forbidden:
                packages[row.stage.id] = None
    return render_template("pathways/follow.html", pathway=pathway, side=side, rows=rows,
                           packages=packages, errors=errors or {}), status


def _stage_action(stage_id: int, action):
    """Run a stage action; refusals are shown on the pathway's page under that stage."""
    with db.session() as s:
        pathway_id = handoffs.pathway_of(s, stage_id)
    return act(action, lambda errors, status: follow(pathway_id, errors={stage_id: errors}, status=status),
               url_for("pathways.follow", pathway_id=pathway_id, _anchor=f"s{stage_id}"))


@bp.post("/pathways/stages/<id:stage_id>/handoff")
@login_required
def add_handoff(stage_id: int):
    uploads = [Upload(f.filename or "", f.read()) for f in request.files.getlist("files")]
    return _stage_action(stage_id, lambda s: handoffs.add(s, current_user(), stage_id,
                                                          request.form.get("note", ""), uploads))


@bp.post("/pathways/stages/<id:stage_id>/consent")
@login_required
def consent(stage_id: int):
    return _stage_action(stage_id, lambda s: handoffs.consent(s, current_user(), stage_id))


@bp.post("/pathways/stages/<id:stage_id>/end")
@login_required
def revise_end(stage_id: int):
    form = request.form
    return _stage_action(stage_id, lambda s: handoffs.revise_end(s, current_user(), stage_id, form.get("end", ""),
                                                                 form.get("reason", "")))


@bp.get("/pathways/files/<id:file_id>")
@login_required
def handoff_file(file_id: int):
    with db.session() as s:
        row = handoffs.file_for(s, current_user(), file_id)
    return download(row)




@bp.get("/pathways/coordination")
@role_required(CURATOR)
def coordinate(errors=None, status=200):
    with db.session() as s:
        rows = coordination.overview(s, current_user())
    return render_template("pathways/coordination.html", rows=rows, errors=errors or {},
                           stall_days=coordination.STALL_DAYS, handoff_days=coordination.HANDOFF_DAYS), status


@bp.post("/pathways/requests/<id:pathway_id>/message")
@role_required(CURATOR)
def message_all(pathway_id: int):
    try:
        with db.session() as s:
            coordination.message_all(s, current_user(), pathway_id, request.form.get("body", ""))
    except Invalid as exc:
        return coordinate(errors={pathway_id: responses.details(exc)}, status=422)
    return redirect(url_for("pathways.coordinate", _anchor=f"p{pathway_id}"), code=303)


@bp.get("/pathways/<key>/edit")
@role_required(CURATOR)
def edit(key: str, text=None, errors=None, status=200):
    """A curator edits a template as JSON: checked field by field, versioned, audited."""
    with db.session() as s:
        row = templates.get(s, key)
    text = text if text is not None else json.dumps(row.data, ensure_ascii=False, indent=2)
    return render_template("pathways/edit.html", row=row, text=text, errors=errors or []), status


@bp.post("/pathways/<key>/edit")
@role_required(CURATOR)
def save(key: str):
    text = request.form.get("data", "")
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not an object")
    except ValueError as exc:
        error = Invalid(N_("The template is not a JSON object: %(reason)s"), reason=str(exc))
        return edit(key, text=text, errors=[{"path": "data", "message": responses.message(error)}], status=422)
    try:
        with db.session() as s:
            templates.save(s, current_user(), key, data, reason=request.form.get("reason", ""))
    except Invalid as exc:
        return edit(key, text=text, errors=responses.details(exc), status=422)
    return redirect(url_for("pathways.plan", key=key), code=303)
