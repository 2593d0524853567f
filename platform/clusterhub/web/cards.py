"""What a search card and the facet column show, worked out in Python once per card.

A search page has 20 cards and ~100 facet values. In the template each card made ~15 calls
(label, value_label, bilingual, _(), url_for) and two highlight macros, each call paying jinja's
Context.call and a lookup of the request's locale: ~2 ms of a page. Here the language, the
catalog and the cluster names are looked up once per page; search/_card.html keeps the markup.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from schemas import vocabularies

from ..i18n import bilingual_html, locale, translations
from .labels import cluster_records, facet_title, fee_text, value_label
from .links import listing_url


@dataclass(frozen=True)
class Fact:
    term: str
    value: str
    wide: bool = False


@dataclass(frozen=True)
class CardView:
    kind: str
    url: str
    title: str
    summary: str
    facts: list


class Labeller:
    """The page's language, gettext catalog and value labels, looked up once."""

    def __init__(self):
        self.lang = locale()
        self.other = "en" if self.lang == "ko" else "ko"
        self.catalog = translations()
        self.clusters = cluster_records()
        self.kinds = vocabularies.get("kinds")

    def _(self, string: str, **variables) -> Markup:
        """A template's _(): the translation marked safe, variables escaped into it."""
        return Markup(self.catalog.ugettext(string)) % variables

    def label(self, vocabulary: str, code: str | None) -> str:
        return vocabularies.get(vocabulary).label(code, self.lang) if code else ""

    def value(self, field: str, value: str) -> str:
        return value_label(field, value, self.lang, self.clusters)

    def highlighted(self, hit, field: str):
        """The field with the query's words marked (the page's language first), else its text."""
        own = hit.highlights.get(f"{field}_{self.lang}")
        if own:
            return Markup(own)
        other = hit.highlights.get(f"{field}_{self.other}")
        if other and not (hit.document.get(field) or {}).get(self.lang):
            return Markup(other)
        return bilingual_html(hit.document.get(field))

    def card(self, hit, group=None) -> CardView:
        d = hit.document
        _ = self._
        grouped = group is not None and group.count > 1
        kind = d.get("kind")
        facts = []
        cluster = Fact(_("Cluster"), self.value("cluster", d.get("cluster")))
        center = Fact(_("Centre"), bilingual_html(d.get("center")))
        if kind == "equipment":
            if d.get("manufacturer"):
                facts.append(Fact(_("Maker"), d["manufacturer"]))
            if d.get("model"):
                facts.append(Fact(_("Model"), d["model"]))
            facts.append(cluster)
            if grouped and d.get("center"):
                facts.append(center)
            if d.get("sharing_scope"):
                facts.append(Fact(_("Sharing"), self.label("sharing_scopes", d["sharing_scope"])))
            if d.get("booking"):
                facts.append(Fact(_("Booking"), self.label("booking_modes", d["booking"].get("mode"))))
        elif kind == "service":
            facts.append(cluster)
            if d.get("center"):
                facts.append(center)
            if d.get("regulatory_grade"):
                facts.append(Fact(_("Grade"), self.label("regulatory_grades", d["regulatory_grade"])))
            if d.get("fee"):
                facts.append(Fact(_("Fee"), fee_text(d["fee"])))
            if d.get("turnaround_days"):
                facts.append(Fact(_("Turnaround"), _("%(n)d days", n=d["turnaround_days"])))
        else:
            facts.append(cluster)
            if d.get("center"):
                facts.append(center)
            if d.get("expertise"):
                shown = Markup(", ").join(bilingual_html(e) for e in d["expertise"])
                facts.append(Fact(_("Expertise"), shown, wide=True))
        return CardView(kind=self.kinds.label(kind, self.lang), url=listing_url(hit.id),
                        title=self.highlighted(hit, "title"),
                        summary=self.highlighted(hit, "summary") if d.get("summary") else "",
                        facts=facts)

    def facets(self, result, p, fields) -> list[dict]:
        """The facet column: each shown facet's title and values with labels, counts, ticks."""
        out = []
        for field in fields:
            values = result.facets.get(field, [])
            if not values:
                continue
            ticked = p.selections.get(field, ())
            out.append({"field": field, "title": facet_title(field), "values": [
                (fv.value, self.value(field, fv.value), f"{fv.count:,}", fv.value in ticked)
                for fv in values]})
        return out
