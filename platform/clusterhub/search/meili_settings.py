"""Index settings of the Meilisearch backend, with synonyms and dictionary from the thesaurus."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from .contract import KEYWORD_FIELDS, NUMERIC_FIELDS
from .meili_document import DISTINCT, HIGHLIGHT_FIELDS
from .meili_filter import DATE_MIRRORS

# Ranked: a match in a title outweighs one in a summary, tokens, then the body.
SEARCHABLE = ("title_ko", "title_en", "summary_ko", "summary_en", "tokens", "body_ko", "body_en")
# Hits carry the listing document plus the highlighted text; the body fields stay server-side.
DISPLAYED = ("id", "document", "featured", DISTINCT, *HIGHLIGHT_FIELDS)
SORTS = {"relevance": None, "updated": "updated_at_ts:desc", "title": "title_sort:asc"}
SORTABLE = ("updated_at_ts", "title_sort")
# "sort" first: an explicit sort orders every match; without one the rule does nothing.
RANKING_RULES = ("sort", "words", "typo", "proximity", "attributeRank", "wordPosition", "exactness")
# The embedded engine's figure too, so both backends list the same values.
MAX_VALUES_PER_FACET = 100
# Totals come from the match bitmap (cheap); the cap only bounds how deep pages may go, and must
# stay above the catalog size or page-mode totals are clipped.
MAX_TOTAL_HITS = 1_000_000
# Instrument names the tokenizer would otherwise split at '-' or '/'.
BASE_DICTIONARY = ("LC-MS/MS", "LC-MS", "GC-MS", "GC-MS/MS", "MALDI-TOF", "Q-TOF", "RT-PCR",
                   "qRT-PCR", "cryo-EM", "Orbitrap")


def _terms(entry) -> list[str]:
    # Entries give `terms`, or the ko/en/abbr lists of schemas/thesaurus.json.
    if not isinstance(entry, Mapping):
        return list(entry.terms)
    if "terms" in entry:
        return list(entry["terms"])
    return [t for part in ("ko", "en", "abbr") for t in entry.get(part) or ()]


def thesaurus_groups(thesaurus) -> list[list[str]]:
    """Each thesaurus entry's distinct terms, for entries with `terms` or ko/en/abbr lists."""
    if thesaurus is None:
        return []
    if isinstance(thesaurus, Mapping) and "entries" in thesaurus:
        thesaurus = thesaurus["entries"]
    elif not isinstance(thesaurus, Iterable) and hasattr(thesaurus, "entries"):
        thesaurus = thesaurus.entries
    groups = []
    for entry in thesaurus:
        terms = _terms(entry)
        seen, group = set(), []
        for term in terms:
            term = " ".join(str(term).split())
            if term and term.casefold() not in seen:
                seen.add(term.casefold())
                group.append(term)
        if len(group) > 1:
            groups.append(group)
    return groups


def _pairs(thesaurus):
    """(term, other terms) from the thesaurus's own synonyms() when it has one, else its entries."""
    if callable(getattr(thesaurus, "synonyms", None)):
        yield from thesaurus.synonyms().items()
        return
    for group in thesaurus_groups(thesaurus):
        for term in group:
            yield term, [other for other in group if other != term]


def synonyms(thesaurus) -> dict[str, list[str]]:
    """Every term maps to the other terms of its entries, one key per case-folded term."""
    keys: dict[str, str] = {}
    merged: dict[str, list[str]] = {}
    for term, others in _pairs(thesaurus):
        # The engine matches synonyms case-insensitively: "LC-MS" and "lc-ms" share one key.
        key = keys.setdefault(term.casefold(), term)
        values = merged.setdefault(key, [])
        for other in others:
            if other.casefold() != key.casefold() and other not in values:
                values.append(other)
    return {k: v for k, v in merged.items() if v}


def dictionary(thesaurus) -> list[str]:
    """Single tokens holding '-' or '/' (LC-MS/MS, MALDI-TOF) from the base list and the thesaurus."""
    out: dict[str, str] = {t.casefold(): t for t in BASE_DICTIONARY}
    for group in thesaurus_groups(thesaurus):
        for term in group:
            if ("-" in term or "/" in term) and " " not in term:
                out.setdefault(term.casefold(), term)
    return sorted(out.values(), key=str.casefold)


def filterable() -> list[dict]:
    """Keywords get equality only; numbers and date mirrors also get comparisons (ranges)."""
    return [
        {"attributePatterns": [*KEYWORD_FIELDS, DISTINCT],
         "features": {"facetSearch": False, "filter": {"equality": True, "comparison": False}}},
        {"attributePatterns": [*NUMERIC_FIELDS, *DATE_MIRRORS.values()],
         "features": {"facetSearch": False, "filter": {"equality": True, "comparison": True}}},
    ]


def settings(thesaurus=None) -> dict:
    """The whole settings body for PATCH /indexes/{uid}/settings."""
    return {
        "displayedAttributes": list(DISPLAYED),
        "searchableAttributes": list(SEARCHABLE),
        "filterableAttributes": filterable(),
        "sortableAttributes": list(SORTABLE),
        "rankingRules": list(RANKING_RULES),
        "synonyms": synonyms(thesaurus),
        "dictionary": dictionary(thesaurus),
        "typoTolerance": {
            "enabled": True,
            "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
            # Codes (NFEC-2019-03-123456, model numbers) sit in `tokens` beside words that do
            # want typos (Orbitrap), so numbers rather than the attribute lose typo tolerance.
            "disableOnNumbers": True,
        },
        "faceting": {"maxValuesPerFacet": MAX_VALUES_PER_FACET, "sortFacetValuesBy": {"*": "count"}},
        "pagination": {"maxTotalHits": MAX_TOTAL_HITS},
        "localizedAttributes": [
            {"attributePatterns": ["*_ko"], "locales": ["kor"]},
            {"attributePatterns": ["*_en"], "locales": ["eng"]},
        ],
        # The facet-search endpoint is unused; turning it off saves indexing work.
        "facetSearch": False,
    }
