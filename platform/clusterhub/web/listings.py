"""Listing pages: every field, related listings, the cluster, freshness and how to ask."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from .. import db
from ..catalog import experts, listings
from ..errors import NotFound
from ..messages import N_
from ..sync import runs

bp = Blueprint("listings", __name__)


@bp.get("/listings/<listing_id>")
def show(listing_id: str):
    with db.session() as s:
        found = listings.published(s, listing_id)
        if isinstance(found, listings.Moved):
            # Moved for good, but a curator can undo a merge: browsers keep a bare 301 for ever,
            # so they are told to ask again each time (the page of the undone listing came back).
            moved = redirect(url_for("listings.show", listing_id=found.to), 301)
            moved.headers["Cache-Control"] = "no-cache"
            return moved
        if found is None:
            raise NotFound(N_("No published listing %(id)s. It may have been withdrawn by its cluster, "
                              "or the address is mistyped."), id=repr(listing_id))
        row, doc = found.listing, found.document
        related = listings.related(s, doc.get("related") or [])
        runners = experts.runners(s, row, doc)
        last_run = runs.last_of(s, row.cluster)
    return render_template("listing.html", row=row, d=doc, related=related, runners=runners,
                           last_run=last_run, featured=found.flags.featured)
