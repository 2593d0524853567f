"""The foundation dashboard (curators, admins): demand, response, satisfaction, gaps; CSV; outbox."""
from __future__ import annotations

from flask import Blueprint, Response, render_template
from flask_babel import gettext as _

from .. import db
from ..auth import ADMIN, CURATOR, role_required
from ..errors import NotFound
from ..messages import N_
from ..inquiries import charts, dashboard, escalation, mail
from ..spreadsheet import csv_text
from .labels import value_label

bp = Blueprint("dashboard", __name__)
GAP_ROWS = 50  # gap groups on the page: a busy log has thousands, most searched once
TABLES = ("by_cluster", "by_category", "by_month", "clusters", "gaps")


def _tables(s) -> dict[str, tuple[list[str], list[list]]]:
    """Every table of the dashboard as (header, rows); the page and the CSV share them."""
    by = dashboard.requests_by(s)
    per = dashboard.per_cluster(s)
    cols = ["cluster", "tickets", "answered", "median_hours", "within_share", "surveys", "quality", "speed",
            "communication"]  # answered: the n of the median and the share; surveys: the n of the averages
    return {
        "by_cluster": (["cluster", "tickets"], [list(r) for r in by["cluster"]]),
        "by_category": (["category", "tickets"], [list(r) for r in by["category"]]),
        "by_month": (["month", "tickets"], [list(r) for r in by["month"]]),
        "clusters": (cols, [[r[c] for c in cols] for r in per]),
        # widened_searches: the place read from q held no listing with the words (the search
        # showed the whole country); place_gaps names them. Added last: older readers keep theirs.
        "gaps": (["query", "zero_result_searches", "low_result_searches", "unmet_needs", "examples",
                  "pathway_stages", "widened_searches", "place_gaps"],
                 [[g["query"], g["zero"], g["low"], g["needs"], " | ".join(g["examples"]), " ".join(g["pathways"]),
                   g["widened"], dashboard.place_gaps(g)]
                  for g in dashboard.gaps(s)]),
    }


# The page names clusters and categories in the reader's language; the CSV keeps the codes.
LABELLED = {"by_cluster": "cluster", "clusters": "cluster", "by_category": "categories"}


def _labelled(tables: dict) -> dict:
    out = dict(tables)
    for name, field in LABELLED.items():
        header, rows = tables[name]
        out[name] = (header, [[value_label(field, r[0]), *r[1:]] for r in rows])
    return out


@bp.get("/dashboard")
@role_required(CURATOR)
def index():
    with db.session() as s:
        tables = _labelled(_tables(s))
        escalated = escalation.escalated(s)
    header, gaps = tables["gaps"]
    tables["gaps"] = (header, gaps[:GAP_ROWS])  # the weightiest; the CSV and gap triage list all
    svg = {name: charts.bars([(r[0], r[1]) for r in tables[name][1]], title)
           for name, title in (("by_cluster", _("Requests by cluster")),
                               ("by_category", _("Requests by category")),
                               ("by_month", _("Requests by month")))}
    return render_template("dashboard/index.html", tables=tables, svg=svg,
                           low_results=dashboard.LOW_RESULTS, escalated=escalated,
                           steps=escalation.STEPS, gaps_total=len(gaps))


@bp.get("/dashboard/<name>.csv")
@role_required(CURATOR)
def csv_table(name: str):
    if name not in TABLES:
        raise NotFound(N_("No table %(name)s; the tables are %(tables)s."),
                       name=repr(name), tables=", ".join(TABLES))
    with db.session() as s:
        header, rows = _tables(s)[name]
    return Response(csv_text(header, rows), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="clusterhub-{name}.csv"'})


@bp.get("/admin/outbox")
@role_required(ADMIN)
def outbox():
    with db.session() as s:
        rows = mail.outbox(s)
    return render_template("dashboard/outbox.html", rows=rows)
