"""GET /api/v1/search, /listings/<id>, /clusters and /vocabularies."""
from __future__ import annotations

from flask import jsonify, redirect, request, url_for

from schemas import vocabularies

from .. import db
from ..catalog import clusters, listings
from ..errors import NotFound
from ..messages import N_
from ..inquiries import search_log
from ..search import params as search_params
from ..search import grouping, service
from . import bp
from .schemas import ClusterOutSchema, VocabularySchema


@bp.get("/search")
def search():
    p = search_params.parse(request.args)
    result = service.run(p, group=True)
    search_log.log_search(p, result.total, widened=result.understood.widened)
    body = {
        "hits": [{**h.document, "id": h.id, "highlights": h.highlights, "featured": h.featured}
                 for h in result.hits],
        "total": result.total, "total_groups": result.total_groups, "page": p.page, "size": p.size,
        "facets": {f: [{"value": v.value, "count": v.count} for v in values]
                   for f, values in result.facets.items()},
        "took_ms": round(result.took_ms, 2), "backend": result.backend,
        "dropped": list(result.dropped),
        "groups": [{"lead": c.lead.id, "members": [m.id for m in c.members]}
                   for c in grouping.cards(result.hits) if c.count > 1],
        "understood": {"q": result.understood.params.q,
                       "filters": [vars(s) for s in result.understood.filters],
                       "widened": [vars(s) for s in result.understood.widened],
                       "strict": p.strict},
    }
    if result.understood.elsewhere:     # optional: a place kept only by leaving words out
        body["understood"]["elsewhere"] = {"q": result.understood.params.q,
                                           "total": result.understood.elsewhere}
    # Built in SearchResponseSchema's shape (the OpenAPI document's source), so sent as it is:
    # dumping it through marshmallow again took ~15 % of a JSON search (docs/performance.md).
    # tests/clusterhub/api/test_catalog_api.py keeps the body equal to the schema's dump of it.
    return jsonify(body)


@bp.get("/listings/<listing_id>")
def listing(listing_id: str):
    with db.session() as s:
        found = listings.published(s, listing_id)
        if isinstance(found, listings.Moved):
            moved = redirect(url_for("api.listing", listing_id=found.to), 301)
            moved.headers["Cache-Control"] = "no-cache"  # a curator can undo the merge
            return moved
        if found is None:
            raise NotFound(N_("No published listing %(id)s."), id=repr(listing_id))
        row = found.listing
    return jsonify({**found.document, "id": row.id,
                    "synced_at": row.synced_at.isoformat(), "updated_at": row.updated_at.isoformat()})


@bp.get("/clusters")
def cluster_list():
    with db.session() as s:
        rows = clusters.all_clusters(s)
        counts = listings.counts_by_cluster_and_kind(s)
    out = [{**c.record, "counts": counts.get(c.code, {})} for c in rows]
    return jsonify(ClusterOutSchema(many=True).dump(out))


@bp.get("/vocabularies")
def vocabulary_list():
    return jsonify({name: VocabularySchema().dump(v.as_dict())
                    for name, v in vocabularies.all_vocabularies().items()})
