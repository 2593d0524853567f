"""The operator console: a cluster's connector, sync runs, issues, quality; start a sync."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for

from .. import db, responses
from ..auth import cluster_operator_required, current_user, require_role
from ..catalog import clusters
from ..curation import audit, categories, operations, quality, sources
from ..errors import Forbidden, Invalid, NotFound
from ..messages import N_
from ..sync import background, runs
from ..sync import sources as sync_sources

bp = Blueprint("operator", __name__, url_prefix="/operator")


@bp.get("")
def index():
    user = require_role("operator")
    if user.role == "operator":
        if not user.cluster:
            raise Forbidden(N_("Your account runs no cluster yet; ask an administrator to assign one."))
        return redirect(url_for("operator.console", code=user.cluster))
    with db.session() as s:
        rows = clusters.all_clusters(s)
        scores = {c.code: quality.compute(s, c.code) for c in rows}
    return render_template("operator/index.html", clusters=rows, scores=scores)


@bp.get("/<code>")
@cluster_operator_required()
def console(code: str):
    with db.session() as s:
        cluster = clusters.get(s, code)
        if cluster is None:
            raise NotFound(N_("No cluster %(cluster)s."), cluster=repr(code))
        recent = runs.recent(s, code, limit=20)
        live = {r.id: background.live_state(r) for r in recent if r.outcome == "running"}
        score = quality.compute(s, code)
        history = audit.search(s, cluster=code, limit=20)
        source = sync_sources.source_view(s, code, current_app.config)
    return render_template("operator/console.html", cluster=cluster, runs=recent, q=score,
                           source=source, source_rows=sources.table(operations.connector_settings(code, current_app.config)),
                           history=history, live=live)


@bp.get("/<code>/source")
@cluster_operator_required()
def source(code: str):
    return _source_page(code)


@bp.post("/<code>/source")
@cluster_operator_required()
def save_source(code: str):
    """An administrator changes the cluster's source; the next sync reads it."""
    require_role("admin")
    try:
        with db.session() as s:
            sources.save(s, current_user(), code, request.form, current_app.config)
            s.commit()
    except Invalid as exc:
        errors = {d["path"]: d["message"] for d in responses.details(exc)}
        return _source_page(code, form=request.form, errors=errors, status=422)
    return redirect(url_for("operator.source", code=code, saved=1), 303)


def _source_page(code: str, form=None, errors: dict | None = None, status: int = 200):
    with db.session() as s:
        cluster = clusters.get(s, code)
        if cluster is None:
            raise NotFound(N_("No cluster %(cluster)s."), cluster=repr(code))
        view = sync_sources.source_view(s, code, current_app.config)
        history = audit.search(s, cluster=code, action="source.update", limit=10)
    if view is None:
        raise NotFound(N_("Cluster %(cluster)s has no connector: it sends its listings through "
                          "the push API."), cluster=code)
    stored = sources.values(view.resolved.setting)
    inputs = {f: (form.get(f, "") if form is not None else (stored[f] or "")) for f in sources.FIELDS}
    if errors and "key_secret" in errors:  # it may be a pasted key: never echo it
        inputs["key_secret"] = ""
    return render_template("operator/source.html", cluster=cluster, source=view,
                           fields=sources.applies(view.resolved.format), inputs=inputs,
                           errors=errors or {}, paging=sync_sources.PAGING,
                           editable=current_user().role == "admin",
                           saved=request.args.get("saved") == "1", history=history), status


@bp.post("/<code>/sync")
@cluster_operator_required()
def sync(code: str):
    run_id, started = operations.start(
        current_user(), code, dry_run=request.form.get("dry_run") == "1",
        allow_mass_withdrawal=request.form.get("allow_mass_withdrawal") == "1")
    args = {} if started else {"already": 1}
    return redirect(url_for("operator.run", code=code, run_id=run_id, **args), 303)


@bp.get("/<code>/runs/<id:run_id>")
@cluster_operator_required()
def run(code: str, run_id: int):
    with db.session() as s:
        row = operations.run_of(s, code, run_id)
        issues = runs.issues(s, run_id)
        cluster = clusters.get(s, code)
        asked = categories.requested(s, code)

    def mappable(issue):
        found = categories.mappable(issue.message)
        return {"field": found[0], "term": found[1], "requested": found in asked} if found else None

    return render_template("operator/run.html", cluster=cluster, run=row, issues=issues[:500],
                           total_issues=len(issues), live=background.live_state(row),
                           already=request.args.get("already") == "1", place=sources.place,
                           mappable=mappable)


@bp.post("/<code>/runs/<id:run_id>/mapping-request")
@cluster_operator_required()
def ask_mapping(code: str, run_id: int):
    f = request.form
    with db.session() as s:
        operations.run_of(s, code, run_id)
        r = categories.request_mapping(s, current_user(), code, f.get("field", ""), f.get("term", ""),
                                       f.get("note", ""), run_id)
        term = r.term
    return redirect(url_for("operator.run", code=code, run_id=run_id, asked=term), 303)


@bp.post("/<code>/runs/<id:run_id>/cancel")
def cancel(code: str, run_id: int):
    """Cancel the running sync (its operators, curators, admins); the run page shows the end."""
    operations.cancel(current_user(), code, run_id)
    return redirect(url_for("operator.run", code=code, run_id=run_id), 303)


@bp.get("/<code>/runs/<id:run_id>/issues.csv")
@cluster_operator_required()
def issues_csv(code: str, run_id: int):
    with db.session() as s:
        operations.run_of(s, code, run_id)
        issues = runs.issues(s, run_id)
    return Response(operations.issues_csv(issues), headers={
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": f"attachment; filename=clusterhub-{code}-run-{run_id}-issues.csv"})
