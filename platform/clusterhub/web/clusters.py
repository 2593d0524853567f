"""The cluster directory and each cluster's page."""
from __future__ import annotations

from flask import Blueprint, render_template

from schemas import vocabularies

from .. import db
from ..catalog import clusters, listings
from ..curation import quality
from ..errors import NotFound
from ..messages import N_
from ..sync import runs

bp = Blueprint("clusters", __name__)


@bp.get("/clusters")
def directory():
    with db.session() as s:
        rows = clusters.all_clusters(s)
        counts = listings.counts_by_cluster_and_kind(s)
        last = runs.last_per_cluster(s)
    order = vocabularies.get("regions").codes
    by_region = {code: [c for c in rows if c.region == code] for code in order}
    return render_template("clusters/directory.html",
                           by_region={k: v for k, v in by_region.items() if v},
                           counts=counts, last=last)


@bp.get("/clusters/<code>")
def show(code: str):
    with db.session() as s:
        cluster = clusters.get(s, code)
        if cluster is None:
            raise NotFound(N_("No cluster %(cluster)s. See the directory for the %(n)d clusters."),
                           cluster=repr(code), n=len(clusters.all_clusters(s)))
        counts = listings.counts_by_cluster_and_kind(s).get(code, {})
        recent = runs.recent(s, code, limit=10)
        score = quality.compute(s, code)
    return render_template("clusters/show.html", cluster=cluster, counts=counts, recent=recent,
                           q=score)
