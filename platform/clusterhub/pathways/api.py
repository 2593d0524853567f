"""JSON API of pathways: templates, a plan with its candidates, creating and following a pathway
request (session auth; POSTs send the X-CSRF-Token header, as the requests API does)."""
from __future__ import annotations

from apispec import APISpec
from flask import Blueprint, jsonify, request

from .. import db
from ..api import openapi
from ..api.paths import ERROR, answer as _json, body, path_id, ref
from ..auth import MEMBER, current_user, require_login, require_role
from ..errors import Invalid, fill
from ..messages import N_
from . import planner, requests, templates
from .schemas import (PathwayCreateSchema, PathwaySchema, PlanSchema, TemplateSchema)
from .views import choices, order_of, start_date

bp = Blueprint("pathways_api", __name__, url_prefix="/api/v1")


def _english(params: dict) -> dict:
    return {k: (v.get("en") or v.get("ko")) if isinstance(v, dict) else v for k, v in params.items()}


def _template(row) -> dict:
    return TemplateSchema().dump({**row.data, "version": row.version})


def _plan(p: planner.Plan) -> dict:
    low, high, quoted = p.fee_range
    return PlanSchema().dump({
        "template": p.template.key, "start": p.start, "end": p.end, "fee_min_krw": low, "fee_max_krw": high,
        "stages_on_quotation": quoted,
        "stages": [{"key": sp.stage["key"], "title": sp.stage["title"], "skipped": sp.skipped, "gap": sp.gap,
                    "pick": sp.pick.id if sp.pick else None, "days": sp.days,
                    "start": sp.dates.start if sp.dates else None, "end": sp.dates.end if sp.dates else None,
                    "candidates": [{"id": c.id, "cluster": c.cluster, "region": c.region or None,
                                    "title": c.document.get("title") or {}, "fit": len(c.matched),
                                    "matched": c.matched, "handoff": c.handoff, "turnaround_days": c.turnaround,
                                    "fee_min_krw": c.fee[0], "fee_max_krw": c.fee[1],
                                    "reasons": [{"code": t, "text": fill(t, _english(params))}
                                                for t, params in c.reasons]}
                                   for c in sp.candidates[:planner.SHOWN]]}
                   for sp in p.stages]})


def _pathway(s, user, pathway) -> dict:
    rows = requests.rows(s, user, pathway)
    return PathwaySchema().dump({
        "id": pathway.id, "request_id": pathway.request_id, "template": pathway.template_key,
        "title": pathway.title, "start": pathway.start_on,
        "stages": [{"position": r.stage.position + 1, "key": r.stage.stage_key, "title": r.stage.title,
                    "cluster": r.stage.cluster, "listing_id": r.stage.listing_id, "status": r.status,
                    "start": r.dates.start, "end": r.dates.end, "planned_end": r.dates.planned_end,
                    "shift_days": r.dates.shift_days, "completed_on": r.stage.completed_on, "quote": r.quote,
                    "ticket_id": r.ticket_id, "handoff": r.stage.handoff,
                    "handoff_consent": r.stage.handoff_consent_at is not None} for r in rows]})


@bp.get("/pathways/templates")
def template_list():
    with db.session() as s:
        return jsonify([_template(r) for r in templates.active(s)])


@bp.get("/pathways/templates/<key>")
def template_show(key: str):
    with db.session() as s:
        return jsonify(_template(templates.get(s, key)))


@bp.get("/pathways/templates/<key>/plan")
def plan(key: str):
    with db.session() as s:
        template = templates.get(s, key)
    picks, skips = choices(template, request.args)
    with db.session() as s:
        p = planner.plan(s, template, picks=picks, skips=skips, start=start_date(request.args.get("start")),
                         order=order_of(template, request.args))
        planner.record_gaps(s, p, "en")
        return jsonify(_plan(p))


@bp.post("/pathways")
def create():
    require_login()
    user = require_role(MEMBER)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Invalid(N_("Send a JSON object."))
    problems = PathwayCreateSchema().validate(body)
    if problems:
        raise Invalid(N_("The pathway request could not be sent."),
                      [{"path": k, "message": "; ".join(map(str, v)) if isinstance(v, list) else str(v)}
                       for k, v in sorted(problems.items())])
    with db.session() as s:
        template = templates.get(s, body["template"])
        pathway = requests.submit(s, user, template, picks=dict(body.get("picks") or {}),
                                  skips=set(body.get("skips") or []), need=body["need"], budget=body["budget"],
                                  consent=body["consent"], start=start_date(body.get("start")),
                                  order=list(body.get("order") or []) or None)
        return jsonify(_pathway(s, user, pathway)), 201


@bp.get("/pathways")
def mine():
    user = require_role(MEMBER)
    with db.session() as s:
        return jsonify([_pathway(s, user, p) for p in requests.mine(s, user)])


@bp.get("/pathways/<id:pathway_id>")
def follow(pathway_id: int):
    user = require_login()
    with db.session() as s:
        pathway, _side = requests.get_for(s, user, pathway_id)
        return jsonify(_pathway(s, user, pathway))


def add_paths(spec: APISpec) -> None:
    """The pathways API in the OpenAPI document."""
    for name, schema in (("PathwayTemplate", TemplateSchema), ("PathwayPlan", PlanSchema),
                         ("Pathway", PathwaySchema), ("PathwayCreate", PathwayCreateSchema)):
        spec.components.schema(name, schema=schema)
    error = ERROR
    key = {"name": "key", "in": "path", "required": True, "schema": {"type": "string"}, "example": "small_molecule"}
    spec.path(path="/api/v1/pathways/templates", operations={"get": {
        "summary": "The curated pathway templates (ordered stages as data)",
        "responses": {"200": _json({"type": "array", "items": ref("PathwayTemplate")}, "Templates")}}})
    spec.path(path="/api/v1/pathways/templates/{key}", operations={"get": {
        "summary": "One pathway template", "parameters": [key],
        "responses": {"200": _json(ref("PathwayTemplate"), "The template"), "404": _json(error, "No such template")}}})
    spec.path(path="/api/v1/pathways/templates/{key}/plan", operations={"get": {
        "summary": "A plan: per stage the ranked candidates across clusters with reasons, gaps, timeline, fees",
        "parameters": [key,
                       {"name": "skip", "in": "query", "explode": True, "style": "form",
                        "schema": {"type": "array", "items": {"type": "string"}}, "description": "stage keys to skip"},
                       {"name": "start", "in": "query", "schema": {"type": "string", "format": "date"}},
                       {"name": "order", "in": "query", "explode": True, "style": "form",
                        "schema": {"type": "array", "items": {"type": "string"}},
                        "description": "stage keys in the company's order (others keep theirs, after)"},
                       {"name": "from", "in": "query", "schema": {"type": "string"},
                        "description": "plan from this listing: picked for its stage, earlier stages skipped"},
                       {"name": "picks", "in": "query", "style": "form", "explode": True,
                        "schema": {"type": "object", "additionalProperties": {"type": "string"}},
                        "description": "pick_<stage>=<listing id>, one per stage"}],
        "responses": {"200": _json(ref("PathwayPlan"), "The plan"), "404": _json(error, "No such template"),
                      "422": _json(error, "Invalid parameters")}}})
    denied = {"401": _json(error, "Not signed in"), "403": _json(error, "Not yours to see")}
    spec.path(path="/api/v1/pathways", operations={
        "get": {"summary": "The pathway requests of the member's company",
                "responses": {"200": _json({"type": "array", "items": ref("Pathway")}, "Pathways"), **denied}},
        "post": {"summary": "Send one pathway request: an ordered ticket per stage",
                 "parameters": [{"name": "X-CSRF-Token", "in": "header", "required": True,
                                 "schema": {"type": "string"}}],
                 "requestBody": body("PathwayCreate"),
                 "responses": {"201": _json(ref("Pathway"), "The pathway and its timeline"),
                               "422": _json(error, "Invalid fields, each named"), **denied}}})
    spec.path(path="/api/v1/pathways/{pathway_id}", operations={"get": {
        "summary": "Follow a pathway: each stage's status and expected dates (quotes only where the caller may see them)",
        "parameters": [path_id("pathway_id")],
        "responses": {"200": _json(ref("Pathway"), "The pathway"), "404": _json(error, "No such pathway"),
                      **denied}}})


if add_paths not in openapi.EXTRA:
    openapi.EXTRA.append(add_paths)
