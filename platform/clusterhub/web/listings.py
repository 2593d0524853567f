"""Listing pages: every field, related listings, the cluster, freshness and how to ask."""
from __future__ import annotations

from flask import Blueprint, render_template

from .. import db
from ..catalog import listings
from ..errors import NotFound
from ..sync import runs

bp = Blueprint("listings", __name__)


@bp.get("/listings/<listing_id>")
def show(listing_id: str):
    with db.session() as s:
        row = listings.get_published(s, listing_id)
        if row is None:
            raise NotFound(f"No published listing {listing_id!r}. It may have been withdrawn "
                           "by its cluster, or the address is mistyped.")
        related = listings.related(s, row.document.get("related") or [])
        last_run = runs.last_per_cluster(s).get(row.cluster)
    return render_template("listing.html", row=row, d=row.document, related=related,
                           last_run=last_run)
