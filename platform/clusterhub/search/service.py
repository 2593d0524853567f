"""Search services: run a parsed search, page through results for export."""
from __future__ import annotations

import difflib

from ..errors import Unavailable
from ..messages import N_
from . import backend
from .contract import MAX_SIZE, BackendError, Hit, SearchResult
from .params import SearchParams

EXPORT_MAX = 2000


def run(params: SearchParams, facets=None) -> SearchResult:
    """One page of results with disjunctive facet counts (featured listings carry the mark the
    index keeps for them)."""
    request = params.request() if facets is None else params.request(facets)
    try:
        return backend().search(request)
    except BackendError as exc:
        raise Unavailable(N_("The search engine is not available right now (%(reason)s). "
                             "Please try again in a moment."), reason=str(exc)) from exc


def export_hits(params: SearchParams, limit: int | None = None) -> tuple[list[Hit], int]:
    """Up to `limit` (EXPORT_MAX) hits of the whole result set, in order, and the full total."""
    limit = EXPORT_MAX if limit is None else limit
    hits: list[Hit] = []
    page, total = 1, 0
    while len(hits) < limit:
        result = run(SearchParams(q=params.q, selections=params.selections, sort=params.sort,
                                  page=page, size=MAX_SIZE), facets=())
        total = result.total
        hits.extend(result.hits)
        if not result.hits or page * MAX_SIZE >= total:
            break
        page += 1
    return hits[:limit], total


def suggestions(q: str, limit: int = 6) -> list[str]:
    """Other searches worth trying when q finds nothing: close spellings and thesaurus terms."""
    from schemas.thesaurus import default as default_thesaurus

    if not q:
        return []
    thesaurus = default_thesaurus()
    vocabulary = sorted({t for e in thesaurus.entries for t in thesaurus.terms(e)})
    out: list[str] = []
    for word in [q, *q.split()]:
        out.extend(thesaurus.expansions(word)[:3])
        out.extend(difflib.get_close_matches(word, vocabulary, n=3, cutoff=0.7))
    return [s for s in dict.fromkeys(out) if s.casefold() != q.casefold()][:limit]
