"""Export of the current search results: CSV that Excel opens in Korean, and JSON."""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort, request, url_for

from ..messages import N_
from ..search import params as search_params
from ..search import service
from ..spreadsheet import csv_text

bp = Blueprint("export", __name__)

COLUMNS = ("id", "kind", "cluster", "title_ko", "title_en", "center", "region", "categories",
           "manufacturer", "model", "sharing_scope", "booking_mode", "fee_model", "fee_min_krw",
           "fee_max_krw", "regulatory_grade", "turnaround_days", "url")
def _row(hit) -> dict:
    d = hit.document
    title, fee, booking = d.get("title") or {}, d.get("fee") or {}, d.get("booking") or {}
    center = d.get("center") or {}
    return {
        "id": hit.id, "kind": d["kind"], "cluster": d["cluster"], "title_ko": title.get("ko"),
        "title_en": title.get("en"), "center": center.get("ko") or center.get("en"),
        "region": d.get("region"), "categories": ";".join(d.get("categories") or []),
        "manufacturer": d.get("manufacturer"), "model": d.get("model"),
        "sharing_scope": d.get("sharing_scope"), "booking_mode": booking.get("mode"),
        "fee_model": fee.get("model"), "fee_min_krw": fee.get("min_krw"),
        "fee_max_krw": fee.get("max_krw"), "regulatory_grade": d.get("regulatory_grade"),
        "turnaround_days": d.get("turnaround_days"),
        "url": url_for("listings.show", listing_id=hit.id, _external=True),
    }


@bp.get("/search/export.<fmt>")
def results(fmt: str):
    if fmt not in ("csv", "json"):
        abort(404, description=N_("Export formats: csv, json."))
    p = search_params.parse(request.args)
    hits, total = service.export_hits(p)
    headers = {"Content-Disposition": f"attachment; filename=clusterhub-search.{fmt}",
               "X-Total-Results": str(total), "X-Exported-Rows": str(len(hits))}
    if fmt == "json":
        body = {"total": total, "exported": len(hits), "limit": service.EXPORT_MAX,
                "truncated": total > len(hits), "listings": [h.document | {"id": h.id} for h in hits]}
        return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json",
                        headers=headers)
    text = csv_text(COLUMNS, ([_row(hit)[c] for c in COLUMNS] for hit in hits))
    return Response(text, mimetype="text/csv", headers={
        **headers, "Content-Type": "text/csv; charset=utf-8"})
