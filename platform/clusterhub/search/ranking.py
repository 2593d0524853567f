"""Experts' relevance weighed against services' and instruments' (the embedded engine).

An expert's fields of expertise are matched like a service's title (search/document.py), and a
short list of them outscores a service's title and summary under BM25's length normalisation:
"화순 백신" listed four people before the vaccine services, "충청권 독성" two. A company that names
a need without asking for people ("전문가", "expert" pick the kind: search/understand.py) wants
the services and instruments first, so unless the request picks a kind, an expert's score counts
EXPERT_WEIGHT of itself, within the tier of words it matches (relax.TIER).

Weighing inside tantivy (the query split into an expert and a non-expert branch) evaluated the
text twice and made the relaxed path's p95 at 100,000 listings 14.8 -> 24.8 ms, so the weighing
happens here instead, over the first WINDOW hits beyond the page: each hit's kind comes from a
fast column (no stored document is read). A listing ranked below the window is not lifted above
a weighed expert inside it; the window is wide enough for the first pages people read. Sorting
by anything other than relevance, and the Meilisearch backend (its ranking rules have no
per-document weight), are left as they are.
"""
from __future__ import annotations

import math

from .contract import SearchRequest
from .relax import TIER

EXPERT_WEIGHT = 0.5
WINDOW = 40       # hits read beyond the page, to weigh


def applies(request: SearchRequest, has_text: bool) -> bool:
    """Whether the request's hits are weighed: a text search by relevance over every kind."""
    return has_text and request.sort == "relevance" and not request.selected("kind")


def weigh(searcher, hits: list) -> list:
    """hits [(score, address)] with experts' scores weighed, best first (stable among equals).
    An index built before the column (SCHEMA_VERSION 5) is returned as it is."""
    if not hits:
        return hits
    try:
        experts = searcher.fast_field_values("expert_no", [a for _, a in hits])
    except ValueError:
        return hits
    weighed = [(_weighed(score) if expert else score, addr) for (score, addr), expert in zip(hits, experts)]
    return sorted(weighed, key=lambda hit: -hit[0])


def _weighed(score: float) -> float:
    """An expert's score weighed within its tier: the words it matches (relax.TIER apiece when
    words were left out) still rank it above a listing matching fewer."""
    tiers = math.floor(score / TIER) * TIER
    return tiers + (score - tiers) * EXPERT_WEIGHT


class Found:
    """A page of weighed hits with the query's count, shaped like tantivy's SearchResult."""

    __slots__ = ("hits", "count")

    def __init__(self, hits: list, count: int):
        self.hits, self.count = hits, count


def find(searcher, query, request: SearchRequest, order: dict):
    """The page of query's hits with experts weighed (see the module's docstring)."""
    found = searcher.search(query, limit=request.offset + request.size + WINDOW, count=True, **order)
    return Found(weigh(searcher, found.hits)[request.offset:request.offset + request.size], found.count)
