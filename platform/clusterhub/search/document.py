"""The flat index document built from a listing: the one shape every backend indexes."""
from __future__ import annotations

from datetime import datetime


def _text(value) -> tuple[str, str]:
    if not value:
        return "", ""
    return value.get("ko", ""), value.get("en", "")


def _join(*parts) -> str:
    return "\n".join(p for p in parts if p)


def group_key(d: dict) -> str | None:
    """What identical instruments share: equipment of one maker and model in one centre of one
    cluster (a portal often lists each unit separately). None for anything else."""
    if d.get("kind") != "equipment" or not d.get("manufacturer") or not d.get("model"):
        return None
    center = d.get("center") or {}
    return "|".join((d.get("cluster") or "", center.get("ko") or center.get("en") or "",
                     d["manufacturer"].casefold(), d["model"].casefold()))


def index_document(listing_id: str, document: dict, *, status: str = "active",
                   visibility: str = "public", updated_at: datetime | str | None = None,
                   featured: bool = False) -> dict:
    """Flatten one effective listing document into the fields the search contract names;
    visibility comes from the catalog's rule (catalog.listings.visibility)."""
    d = document
    fee, booking = d.get("fee") or {}, d.get("booking") or {}
    title_ko, title_en = _text(d.get("title"))
    summary_ko, summary_en = _text(d.get("summary"))
    desc_ko, desc_en = _text(d.get("description"))
    center_ko, center_en = _text(d.get("center"))
    name_ko, name_en = _text(d.get("name"))
    extra_ko, extra_en = [], []
    for field_name in ("deliverables", "sample_requirements", "location", "position"):
        ko, en = _text(d.get(field_name))
        extra_ko.append(ko)
        extra_en.append(en)
    expertise_ko, expertise_en = [], []
    for area in d.get("expertise") or []:
        ko, en = _text(area)
        expertise_ko.append(ko)
        expertise_en.append(en)
    if d["kind"] == "expert":
        # What an expert does is what the listing is (an expert's title is a name): their fields
        # of expertise are matched like a service's title and summary.
        summary_ko = _join(summary_ko, " · ".join(e for e in expertise_ko if e))
        summary_en = _join(summary_en, " · ".join(e for e in expertise_en if e))
    else:
        extra_ko += expertise_ko
        extra_en += expertise_en
    techniques = list(d.get("techniques") or [])
    if d["kind"] == "expert":
        # An expert's techniques are what they know, like the body of a service, not what the
        # listing is: "FPLC" must rank the FPLC instruments above the people who use one.
        extra_en.append(" ".join(techniques))
        techniques = []
    tokens = [*(d.get("keywords") or []), *techniques,
              d.get("manufacturer") or "", d.get("model") or "", d.get("nfec_no") or ""]
    if isinstance(updated_at, datetime):
        updated_at = updated_at.replace(microsecond=0).isoformat()
    return {
        "id": listing_id,
        "kind": d["kind"],
        "cluster": d["cluster"],
        "region": d.get("region"),
        "categories": list(d.get("categories") or []),
        "certifications": list(d.get("certifications") or []),
        "languages": list(d.get("languages") or []),
        # An expert's fields of expertise as facet values (Korean label, else English).
        "expertise": [ko or en for ko, en in zip(expertise_ko, expertise_en) if ko or en]
        if d["kind"] == "expert" else [],
        "service_type": d.get("service_type"),
        "regulatory_grade": d.get("regulatory_grade"),
        "equipment_class": d.get("equipment_class"),
        "manufacturer": d.get("manufacturer"),
        "model": d.get("model"),
        "nfec_no": d.get("nfec_no"),
        "sharing_scope": d.get("sharing_scope"),
        "booking_mode": booking.get("mode"),
        "fee_model": fee.get("model"),
        "fee_min_krw": fee.get("min_krw"),
        "fee_max_krw": fee.get("max_krw"),
        "year_acquired": d.get("year_acquired"),
        "turnaround_days": d.get("turnaround_days"),
        "lead_time_days": booking.get("lead_time_days"),
        "center_key": center_ko or center_en or None,
        "group": group_key(d),
        "status": status,
        "visibility": visibility,
        "featured": featured,
        "updated_at": updated_at,
        "source_updated_at": d.get("source_updated_at"),
        "title_ko": _join(title_ko, name_ko),
        "title_en": _join(title_en, name_en),
        "summary_ko": summary_ko,
        "summary_en": summary_en,
        "body_ko": _join(desc_ko, center_ko, *extra_ko),
        "body_en": _join(desc_en, center_en, *extra_en),
        "tokens": " ".join(t for t in tokens if t),
        "title_sort": (title_ko or title_en or name_ko or name_en).casefold(),
        "document": d,
    }
