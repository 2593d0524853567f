"""Survey campaigns: foundation staff create, send, remind and read them; invitees answer through a
one-time link without logging in."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for

from .. import db, responses
from ..auth import CURATOR, current_user, role_required
from ..catalog.models import Cluster
from ..errors import Conflict, Forbidden, Invalid
from ..inquiries import campaign_results, campaigns, charts
from ..spreadsheet import csv_text
from sqlmodel import select

bp = Blueprint("campaigns", __name__)


def _secret() -> str:
    return str(current_app.secret_key)


def _link(campaign_id: int, token: str) -> str:
    return url_for("campaigns.respond", campaign_id=campaign_id, token=token, _external=True)


@bp.get("/surveys")
@role_required(CURATOR)
def index():
    with db.session() as s:
        rows = [(c, campaign_results.summary(s, c)) for c in campaigns.listing(s)]
    return render_template("campaigns/index.html", rows=rows)


@bp.get("/surveys/new")
@role_required(CURATOR)
def new(errors=None, form=None, status=200):
    with db.session() as s:
        clusters = [c for c in s.exec(select(Cluster.code).order_by(Cluster.code))]
    return render_template("campaigns/new.html", errors=errors or [], form=form or {}, clusters=clusters,
                           audiences=campaigns.AUDIENCES), status


@bp.post("/surveys")
@role_required(CURATOR)
def create():
    form = request.form
    try:
        with db.session() as s:
            campaign = campaigns.create(s, current_user().email, **{k: form.get(k, "") for k in (
                "title_ko", "title_en", "questions", "audience", "closes_on", "cluster", "period_from", "period_to")})
    except Invalid as exc:
        return new(errors=responses.details(exc), form=form, status=422)
    return redirect(url_for("campaigns.show", campaign_id=campaign.id), code=303)


@bp.get("/surveys/<id:campaign_id>")
@role_required(CURATOR)
def show(campaign_id: int, errors=None, status=200):
    with db.session() as s:
        campaign = campaigns.get(s, campaign_id)
        result = campaign_results.summary(s, campaign)
        audience = len(campaigns.audience(s, campaign))
    svg = {row["q"]["id"]: charts.bars(row["counts"], row["q"]["ko"]) for row in result["questions"] if row["counts"]}
    return render_template("campaigns/show.html", c=campaign, result=result, svg=svg, audience=audience,
                           errors=errors or []), status


def _act(campaign_id: int, action):
    try:
        with db.session() as s:
            action(s)
    except (Invalid, Conflict) as exc:
        return show(campaign_id, errors=[{"message": responses.message(exc)}], status=409)
    return redirect(url_for("campaigns.show", campaign_id=campaign_id), code=303)


@bp.post("/surveys/<id:campaign_id>/send")
@role_required(CURATOR)
def send(campaign_id: int):
    return _act(campaign_id, lambda s: campaigns.invite(s, campaign_id, _secret(), _link))


@bp.post("/surveys/<id:campaign_id>/remind")
@role_required(CURATOR)
def remind(campaign_id: int):
    return _act(campaign_id, lambda s: campaigns.remind(s, campaign_id, _secret(), _link))


@bp.get("/surveys/<id:campaign_id>.csv")
@role_required(CURATOR)
def csv_export(campaign_id: int):
    with db.session() as s:
        header, rows = campaign_results.csv_rows(s, campaigns.get(s, campaign_id))
    return Response(csv_text(header, rows), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="clusterhub-survey-{campaign_id}.csv"'})


@bp.route("/s/<id:campaign_id>/<token>", methods=("GET", "POST"))
def respond(campaign_id: int, token: str):
    """The one-time link: no login; a refused link says why (forged, other survey, used, closed)."""
    errors, status = [], 200
    try:
        with db.session() as s:
            campaign, _inv = campaigns.open_invitation(s, campaign_id, token, _secret())
        if request.method == "POST":
            with db.session() as s:
                campaigns.answer(s, campaign_id, token, _secret(), request.form)
            return render_template("campaigns/thanks.html", c=campaign)
    except Invalid as exc:
        errors, status = responses.details(exc), 422
    except (Forbidden, Conflict) as exc:
        return render_template("campaigns/refused.html", message=responses.message(exc)), (
            403 if isinstance(exc, Forbidden) else 409)
    return render_template("campaigns/respond.html", c=campaign, errors=errors, form=request.form), status
