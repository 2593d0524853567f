"""The "tell us what you need" form of a search that found nothing."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from .. import db, responses
from ..catalog import needs
from ..errors import Invalid
from ..i18n import locale
from ..search import params as search_params

bp = Blueprint("needs", __name__)


@bp.post("/needs")
def submit():
    form = request.form
    search = search_params.parse(_search_args(form))
    try:
        with db.session() as s:
            needs.record(s, query=search.q, filters={k: list(v) for k, v in search.selections.items()},
                         description=form.get("description", ""),
                         contact_email=form.get("contact_email", ""), locale=locale())
    except Invalid as exc:
        return render_template("needs/form.html", p=search, form=form, errors=responses.details(exc)), 422
    return redirect(url_for("needs.thanks", **search.args().to_dict(flat=False)), code=303)


@bp.get("/needs/thanks")
def thanks():
    search = search_params.parse(request.args)
    return render_template("needs/thanks.html", p=search)


def _search_args(form):
    """The search the form was sent from: its hidden q and facet fields."""
    from werkzeug.datastructures import MultiDict

    keep = set(search_params.FACETS) | {"q"}
    return MultiDict([(k, v) for k, v in form.items(multi=True) if k in keep])
