"""The home page: the federation at a glance."""
from __future__ import annotations

from flask import Blueprint, render_template

from .. import db
from ..catalog import clusters, listings

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    with db.session() as s:
        rows = clusters.all_clusters(s)
        counts = listings.counts_by_cluster_and_kind(s)
    by_region: dict[str, list] = {}
    for cluster in rows:
        by_region.setdefault(cluster.region, []).append(cluster)
    return render_template("home.html", clusters=rows, counts=counts,
                           totals=listings.totals_by_kind(counts), by_region=by_region)
