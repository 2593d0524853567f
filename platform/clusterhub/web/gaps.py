"""Gap triage for curators: the gap groups with their counts, examples and reply addresses; one
click per decision; the yearly report as CSV in Korean."""
from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, request, url_for
from sqlmodel import select
from werkzeug.datastructures import MultiDict

from .. import db, responses, unit
from ..auth import CURATOR, current_user, role_required
from ..catalog.models import Cluster
from ..errors import Invalid, NotFound
from ..inquiries import gap_triage
from ..inquiries.holidays import kst_day
from ..models import utcnow
from ..search import params as search_params, service as search_service
from ..spreadsheet import csv_text

bp = Blueprint("gaps", __name__)


@bp.get("/dashboard/gaps")
@role_required(CURATOR)
def index(errors=None, status=200):
    with db.session() as s:
        rows = gap_triage.groups(s)
        clusters = list(s.exec(select(Cluster.code).order_by(Cluster.code)))
    return render_template("dashboard/gaps.html", rows=rows, clusters=clusters, errors=errors or [],
                           year=kst_day(utcnow()).year, labels=gap_triage.LABELS_KO), status


def _rerun(query: str) -> int:
    """The query searched again, as a visitor would (after the synonym entry reached the engine)."""
    return search_service.run(search_params.parse(MultiDict({"q": query}))).total


@bp.post("/dashboard/gaps/triage")
@role_required(CURATOR)
def triage():
    f, user = request.form, current_user()
    query, decision = f.get("query", ""), f.get("decision", "")
    try:
        if decision == "synonym":
            with unit.begin() as u:
                gap_triage.synonym(u, user, query, f.get("terms", ""))
            with db.session() as s:
                gap_triage.rerun_recorded(s, query, _rerun(query))
        elif decision == "assign":
            with db.session() as s:
                gap_triage.assign(s, user, query, f.getlist("clusters"))
        elif decision == "merge":
            with db.session() as s:
                gap_triage.merge(s, user, query, f.get("into", ""))
        elif decision == "answer":
            with db.session() as s:
                gap_triage.answer(s, user, query, f.get("message", ""))
        else:
            with db.session() as s:
                gap_triage.mark(s, user, query, decision, f.get("note", ""))
    except (Invalid, NotFound) as exc:
        shown = responses.details(exc) or [{"message": responses.message(exc)}]
        return index(errors=shown, status=422 if isinstance(exc, Invalid) else 404)
    return redirect(url_for("gaps.index", _anchor="g-" + gap_triage.normalise(query)), code=303)


@bp.get("/dashboard/gaps/<id:year>.csv")
@role_required(CURATOR)
def report(year: int):
    with db.session() as s:
        header, rows = gap_triage.yearly_report(s, year)
    return Response(csv_text(header, rows), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="clusterhub-gap-report-{year}.csv"'})
