"""The home page: the federation at a glance."""
from __future__ import annotations

from flask import Blueprint, render_template

from schemas import vocabularies

from .. import db
from ..catalog import clusters, listings
from ..curation import featured

bp = Blueprint("home", __name__)
FLAGSHIPS = ("kmedihub", "kbiohealth")


@bp.get("/")
def index():
    with db.session() as s:
        rows = clusters.all_clusters(s)
        counts = listings.counts_by_cluster_and_kind(s)
        showcase = featured.showcase(s)
    regions = vocabularies.get("regions").codes
    # The two advanced medical complexes lead: the federation grew from them.
    rows.sort(key=lambda c: (c.code not in FLAGSHIPS, regions.index(c.region), c.name("ko")))
    return render_template("home.html", clusters=rows, counts=counts,
                           totals=listings.totals_by_kind(counts), showcase=showcase)
