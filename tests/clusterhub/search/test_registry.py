"""The facet registry is the one place a facet is declared: every entry reaches the URL parser,
the search page, its titles and the OpenAPI document, so the places cannot drift apart."""
from __future__ import annotations

import html
import re

import pytest
from flask import template_rendered
from werkzeug.datastructures import MultiDict

from clusterhub.errors import Invalid
from clusterhub.search import contract, params
from clusterhub.search.contract import In, SearchRequest
from clusterhub.search.registry import REGISTRY, SHOWN
from schemas import vocabularies

HIDDEN = [f for f in REGISTRY if not f.shown]


def a_value(facet) -> str:
    return vocabularies.get(facet.vocabulary).codes[0] if facet.vocabulary else "Registry Test"


def test_the_contract_counts_and_filters_every_registered_field():
    assert contract.FACET_FIELDS == tuple(f.field for f in REGISTRY)
    assert set(contract.LIST_FIELDS) == {f.field for f in REGISTRY if f.list_field}
    for facet in REGISTRY:
        SearchRequest(facets=(facet.field,), filter=In(facet.field, ("x",)))  # refused if unknown


@pytest.mark.parametrize("facet", SHOWN, ids=lambda f: f.field)
def test_every_shown_facet_is_a_url_parameter(facet):
    value = a_value(facet)
    request = params.parse(MultiDict([(facet.field, value)])).request()
    assert request.selected(facet.field) == (value,)
    assert facet.field in request.facets
    assert params.parse(MultiDict([(facet.field, value)])).args().getlist(facet.field) == [value]
    if facet.vocabulary:
        with pytest.raises(Invalid) as refused:
            params.parse(MultiDict([(facet.field, "no-such-code")]))
        assert [e["path"] for e in refused.value.errors] == [facet.field]


@pytest.mark.parametrize("facet", HIDDEN, ids=lambda f: f.field)
def test_a_facet_not_shown_is_no_url_parameter(facet):
    with pytest.raises(Invalid):
        params.parse(MultiDict([(facet.field, a_value(facet))]))


def test_the_page_lists_the_registry_facets_in_its_order(app, client):
    seen = []
    with template_rendered.connected_to(lambda sender, template, context: seen.append(context), app):
        assert client.get("/search").status_code == 200
    page = next(c for c in seen if "facets" in c)
    # kind is the row of tabs above the results; every other shown facet is a box, in order
    assert page["facets"] == [f.field for f in SHOWN if f.field != "kind"]
    assert tuple(page["long_facets"]) == tuple(f.field for f in SHOWN if f.long)


@pytest.mark.parametrize("facet", SHOWN, ids=lambda f: f.field)
def test_a_selected_facet_shows_as_a_chip_with_its_title_in_both_languages(client, facet):
    titles = {}
    for lang in ("ko", "en"):
        page = html.unescape(client.get("/search", query_string={facet.field: a_value(facet), "lang": lang})
                             .get_data(as_text=True))
        shown = set(re.findall(r'class="chip"[^>]*>([^<:]+): ', page))
        assert len(shown) == 1, shown
        titles[lang] = shown.pop()
    if facet.vocabulary:
        vocab = vocabularies.get(facet.vocabulary)
        assert titles == {"ko": vocab.label_ko, "en": vocab.label_en}
    else:
        assert titles["en"] == facet.label
        assert titles["ko"] != facet.label, "the Korean title is missing from messages.po"


def test_the_openapi_document_has_a_parameter_per_shown_facet(client):
    parameters = client.get("/api/v1/openapi.json").json["paths"]["/api/v1/search"]["get"]["parameters"]
    names = [p["name"] for p in parameters]
    facet_names = [n for n in names if n not in params.CONTROLS]
    assert facet_names == [f.field for f in SHOWN]
    by_name = {p["name"]: p for p in parameters}
    assert all(by_name[f.field]["schema"]["type"] == "array" for f in SHOWN)
