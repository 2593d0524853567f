"""The search surface as data: every facet field once, with what parsing, the page, the labels
and the OpenAPI document need to know about it.

Everything else is derived from REGISTRY: the contract's FACET_FIELDS, KEYWORD_FIELDS and
LIST_FIELDS, the URL's FACETS and VOCABULARY (search/params.py), the page's facet boxes and
long lists (web/search.py), the facet titles (web/labels.py) and the search parameters of the
OpenAPI document (api/openapi.py). Adding a facet is one line here (and its title's Korean in
messages.po when it has no vocabulary); tests/clusterhub/search/test_registry.py checks that
each place shows it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..messages import N_


@dataclass(frozen=True)
class Facet:
    field: str                     # the index document's keyword field and the URL parameter
    vocabulary: str | None = None  # codes are checked against it; its name is the facet's title
    label: str | None = None       # the title (an N_ msgid) of a facet without a vocabulary
    long: bool = False             # many values: the page offers a box to find one
    list_field: bool = False       # a listing holds several values (categories), not one
    shown: bool = True             # a URL parameter and a box on the page; else counted only

    def __post_init__(self):
        if (self.vocabulary is None) == (self.label is None) and self.shown:
            raise ValueError(f"facet {self.field}: a shown facet needs a vocabulary or a label")


# In the order the page shows them and the URL and the OpenAPI document list them.
REGISTRY: tuple[Facet, ...] = (
    Facet("kind", vocabulary="kinds"),
    Facet("cluster", label=N_("Cluster"), long=True),
    Facet("region", vocabulary="regions"),
    Facet("categories", vocabulary="categories", list_field=True),
    Facet("certifications", vocabulary="certifications", list_field=True),
    Facet("service_type", vocabulary="service_types"),
    Facet("regulatory_grade", vocabulary="regulatory_grades"),
    Facet("equipment_class", vocabulary="equipment_classes"),
    Facet("manufacturer", label=N_("Manufacturer"), long=True),
    Facet("sharing_scope", vocabulary="sharing_scopes"),
    Facet("booking_mode", vocabulary="booking_modes"),
    Facet("fee_model", vocabulary="fee_models"),
    Facet("languages", vocabulary="languages", list_field=True, shown=False),
    Facet("expertise", label=N_("Expertise"), long=True, list_field=True),
)
BY_FIELD = {f.field: f for f in REGISTRY}
SHOWN: tuple[Facet, ...] = tuple(f for f in REGISTRY if f.shown)

# Keyword fields a filter may name that are never facets (the visibility rule, exact lookups).
FILTER_ONLY_FIELDS = ("status", "visibility", "nfec_no", "model", "center_key", "group")
# Numeric and date fields usable in Range and Exists; dates are ISO strings "YYYY-MM-DD[THH:MM:SS]".
NUMERIC_FIELDS = ("fee_min_krw", "fee_max_krw", "year_acquired", "turnaround_days", "lead_time_days")
DATE_FIELDS = ("updated_at", "source_updated_at")
