"""The curator console: review queue, a listing's overrides and flags, duplicates, the audit log."""
from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, request, url_for

from schemas import vocabularies

from .. import db, responses, unit
from ..auth import current_user, role_required
from ..catalog import listings, paths
from ..catalog.clusters import all_clusters
from ..catalog.models import Listing
from ..curation import audit, categories, duplicates as dupes, field_forms, merges, overrides, review, thesaurus
from ..errors import Invalid, NotFound
from ..i18n import locale
from ..messages import N_

bp = Blueprint("curator", __name__, url_prefix="/curation")
CURATOR = "curator"


@bp.get("")
@role_required(CURATOR)
def index():
    with db.session() as s:
        queue = {"new": review.new_listings(s), "issues": review.with_issues(s),
                 "changed": review.source_changed(s), "waiting": review.waiting_count(s),
                 "clusters": review.review_clusters(s)}
    return render_template("curator/index.html", **queue)


def _listing_page(listing_id: str, error: str | None = None, form: dict | None = None,
                  status: int = 200, errors: dict | None = None):
    with db.session() as s:
        row = s.get(Listing, listing_id)
        if row is None:
            raise NotFound(N_("No listing %(id)s."), id=repr(listing_id))
        found = listings.overrides_of(s, listing_id)
        flags = listings.flags(s, listing_id)
        changes = {c.field: c for c in overrides.source_changes(row, found)}
        doc = listings.effective(row.document, found)
        history = audit.search(s, target=listing_id, limit=50)
    fields = sorted(k for k in row.document if k not in paths.LOCKED)
    return render_template("curator/listing.html", row=row, doc=doc, overrides=found, flags=flags,
                           changes=changes, fields=fields, history=history, show=paths.show,
                           get=paths.get, error=error, form=form or {}, errors=errors or {},
                           field_forms=field_forms.forms_for(row.kind), vocab_label=_vocab_label), status


def _vocab_label(vocabulary: str, code: str) -> str:
    return vocabularies.get(vocabulary).label(code, locale())


@bp.get("/listings/<listing_id>")
@role_required(CURATOR)
def listing(listing_id: str):
    return _listing_page(listing_id)


def _back(listing_id: str):
    return redirect(url_for("curator.listing", listing_id=listing_id), 303)


@bp.post("/listings/<listing_id>/override")
@role_required(CURATOR)
def override(listing_id: str):
    f = request.form
    try:
        with unit.begin() as u:
            overrides.set_override(u, current_user(), listing_id, f.get("field", ""),
                                   f.get("value", ""), f.get("reason", ""))
    except Invalid as exc:
        return _listing_page(listing_id, error=responses.message(exc), form=f, status=422)
    return _back(listing_id)


@bp.post("/listings/<listing_id>/override/clear")
@role_required(CURATOR)
def clear(listing_id: str):
    field = request.form.get("field", "")
    with unit.begin() as u:
        overrides.clear_override(u, current_user(), listing_id, field, request.form.get("reason", ""))
    return _back(listing_id)


@bp.post("/listings/<listing_id>/override/acknowledge")
@role_required(CURATOR)
def acknowledge(listing_id: str):
    field = request.form.get("field", "")
    with unit.begin() as u:
        overrides.accept_source(u, current_user(), listing_id, field)
    return _back(listing_id)


@bp.post("/listings/<listing_id>/flag")
@role_required(CURATOR)
def flag(listing_id: str):
    f = request.form
    action = f.get("action", "")
    try:
        if action in overrides.NEEDS_REASON and f.get("confirm") != "1":
            raise Invalid(N_("Tick the box to confirm."), [{"path": "confirm", "message": N_("required")}])
        with unit.begin() as u:
            overrides.set_flag(u, current_user(), listing_id, action, f.get("reason", ""))
    except Invalid as exc:
        errors = {f"{action}_{d['path']}": d["message"] for d in responses.details(exc)}
        return _listing_page(listing_id, error=responses.message(exc), form=f, status=422,
                             errors=errors)
    return _back(listing_id)


def _field_page(row, form, inputs: dict, errors: dict | None = None, error: str | None = None,
                reason: str = "", status: int = 200):
    with db.session() as s:
        found = {o.field: o for o in listings.overrides_of(s, row.id)}
    return render_template("curator/field.html", row=row, f=form, inputs=inputs, errors=errors or {},
                           error=error, reason=reason, override=found.get(form.path),
                           source=paths.get(row.document, form.path), show=paths.show,
                           vocabulary=vocabularies.get(form.vocabulary) if form.vocabulary else None), status


def _row(listing_id: str) -> Listing:
    with db.session() as s:
        row = s.get(Listing, listing_id)
    if row is None:
        raise NotFound(N_("No listing %(id)s."), id=repr(listing_id))
    return row


@bp.get("/listings/<listing_id>/fields/<path>")
@role_required(CURATOR)
def field_form(listing_id: str, path: str):
    row = _row(listing_id)
    form = field_forms.form_for(row.kind, path)
    with db.session() as s:
        doc = listings.effective(row.document, listings.overrides_of(s, listing_id))
    return _field_page(row, form, field_forms.inputs_of(form, paths.get(doc, path)))


@bp.post("/listings/<listing_id>/fields/<path>")
@role_required(CURATOR)
def save_field(listing_id: str, path: str):
    row = _row(listing_id)
    form = field_forms.form_for(row.kind, path)
    data, reason = request.form, request.form.get("reason", "")
    try:
        value = field_forms.value_of(form, data)
        with unit.begin() as u:
            overrides.set_value(u, current_user(), listing_id, path, value, reason)
    except Invalid as exc:
        problems = responses.details(exc)
        inputs = {k: (data.getlist(k) if form.input == "choices" and k == "value" else data.get(k, ""))
                  for k in ("value", "value_ko", "value_en")}
        return _field_page(row, form, inputs, field_forms.by_input(form, problems),
                           responses.message(exc), reason, 422)
    return redirect(url_for("curator.listing", listing_id=listing_id, saved=path), 303)


@bp.post("/listings/<listing_id>/review")
@role_required(CURATOR)
def reviewed(listing_id: str):
    decision = request.form.get("decision", "approve")
    with unit.begin() as u:
        review.decide(u, current_user(), listing_id, decision)
    return redirect(url_for("curator.index", _anchor="new"), 303)


@bp.post("/clusters/<code>/review-policy")
@role_required(CURATOR)
def review_policy(code: str):
    required = request.form.get("requires_review") == "1"
    with unit.begin() as u:
        review.set_policy(u, current_user(), code, required)
    return redirect(url_for("curator.index", _anchor="policy"), 303)


@bp.post("/listings/<listing_id>/merge")
@role_required(CURATOR)
def merge(listing_id: str):
    target = request.form.get("canonical", "").strip()
    with unit.begin() as u:
        merges.merge(u, current_user(), listing_id, target, request.form.get("reason", ""))
    if request.form.get("next") == "duplicates":
        return redirect(url_for("curator.duplicates"), 303)
    return _back(listing_id)


@bp.post("/listings/<listing_id>/unmerge")
@role_required(CURATOR)
def unmerge(listing_id: str):
    with unit.begin() as u:
        merges.unmerge(u, current_user(), listing_id, request.form.get("reason", ""))
    if request.form.get("next") == "duplicates":
        return redirect(url_for("curator.duplicates", undone=listing_id), 303)
    return _back(listing_id)


DUPLICATE_FILTERS = ("cluster", "kind", "confidence")


@bp.get("/duplicates")
@role_required(CURATOR)
def duplicates():
    a = request.args
    filters = {k: a.get(k, "").strip() for k in DUPLICATE_FILTERS}
    number = a.get("page", "1")
    number = int(number) if number.isdigit() else 1
    with db.session() as s:
        found, total = dupes.page(s, number, cluster=filters["cluster"], kind=filters["kind"],
                                  level=filters["confidence"])
        clusters = all_clusters(s)
    pages = max(1, -(-total // dupes.PAGE))
    return render_template("curator/duplicates.html", pairs=found, total=total, filters=filters,
                           number=min(number, pages), pages=pages, clusters=clusters,
                           levels=[name for name, _low in dupes.LEVELS],
                           merged=a.get("merged", ""), into=a.get("into", ""), undone=a.get("undone", ""),
                           dismissed=a.get("dismissed", ""))


def _compare_page(a_id: str, b_id: str, error: str | None = None, errors: dict | None = None,
                  form: dict | None = None, status: int = 200):
    with db.session() as s:
        view = dupes.compare(s, a_id, b_id)
        names = {c.code: c.name(locale()) for c in all_clusters(s)}
    return render_template("curator/compare.html", **view, names=names, show=paths.show, error=error,
                           errors=errors or {}, form=form or {}), status


@bp.get("/duplicates/compare")
@role_required(CURATOR)
def compare():
    return _compare_page(request.args.get("a", ""), request.args.get("b", ""))


@bp.post("/duplicates/merge")
@role_required(CURATOR)
def merge_pair():
    f = request.form
    a_id, b_id = f.get("a", ""), f.get("b", "")
    keep, drop = (a_id, b_id) if f.get("keep") != "b" else (b_id, a_id)
    try:
        if f.get("confirm") != "1":
            raise Invalid(N_("Tick the box to confirm."), [{"path": "confirm", "message": N_("required")}])
        with unit.begin() as u:
            merges.merge(u, current_user(), drop, keep, f.get("reason", "").strip())
    except Invalid as exc:
        errors = {d["path"]: d["message"] for d in responses.details(exc)}
        return _compare_page(a_id, b_id, responses.message(exc), errors, f, 422)
    return redirect(url_for("curator.duplicates", merged=drop, into=keep), 303)


@bp.post("/duplicates/dismiss")
@role_required(CURATOR)
def dismiss_pair():
    f = request.form
    with unit.begin() as u:
        dupes.dismiss(u, current_user(), f.get("a", ""), f.get("b", ""), f.get("reason", ""))
    return redirect(url_for("curator.duplicates", dismissed="1"), 303)


def _audit_filters() -> dict:
    a = request.args
    return {k: a.get(k, "").strip() for k in ("actor", "action", "cluster", "target")}


@bp.get("/audit")
@role_required(CURATOR)
def audit_log():
    filters = _audit_filters()
    with db.session() as s:
        entries = audit.search(s, **filters)
        actions = audit.actions(s)
    return render_template("curator/audit.html", entries=entries, filters=filters,
                           actions=actions, limit=audit.PAGE, show=paths.show)


@bp.get("/audit.csv")
@role_required(CURATOR)
def audit_csv():
    with db.session() as s:
        entries = audit.search(s, **_audit_filters(), limit=None)
    return Response(audit.to_csv(entries), headers={
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": "attachment; filename=clusterhub-audit.csv"})


@bp.get("/categories")
@role_required(CURATOR)
def categories_page():
    with db.session() as s:
        queue = categories.unmapped(s)
        existing = categories.mappings(s)
    return render_template("curator/categories.html", queue=queue, existing=existing,
                           codes=vocabularies.get("categories").codes)


@bp.post("/categories/map")
@role_required(CURATOR)
def map_category():
    f = request.form
    with db.session() as s:
        categories.map_term(s, current_user(), f.get("cluster", ""), f.get("term", ""),
                            f.get("code", ""))
    return redirect(url_for("curator.categories_page"), 303)


@bp.get("/thesaurus")
@role_required(CURATOR)
def thesaurus_page():
    q = request.args.get("q", "").strip()[:100]
    with db.session() as s:
        concepts = thesaurus.concepts(s, q)
        total = len(thesaurus.effective(s))
    return render_template("curator/thesaurus.html", concepts=concepts, total=total, q=q)


@bp.post("/thesaurus")
@role_required(CURATOR)
def save_thesaurus():
    f = request.form
    with unit.begin() as u:
        thesaurus.save(u, current_user(), f.get("key", ""), f.get("ko", ""), f.get("en", ""),
                       f.get("abbr", ""))
    return redirect(url_for("curator.thesaurus_page"), 303)
