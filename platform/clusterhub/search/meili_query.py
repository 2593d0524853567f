"""One multi-search per request (main query plus a facet query per refined field) and its result."""
from __future__ import annotations

from .contract import (MATCHING_STRATEGY, And, BackendError, FacetValue, Hit, In, SearchRequest,
                       SearchResult)
from .document import group_key
from .meili_document import DISTINCT, HIGHLIGHT_FIELDS, MARK_CLOSE, MARK_OPEN, highlight
from .meili_filter import DATE_MIRRORS, to_filter
from .meili_settings import SORTS

_FIELD_OF_MIRROR = {mirror: name for name, mirror in DATE_MIRRORS.items()}
MEMBER_LIMIT = 1000     # units listed for the groups of one page (a page holds at most 100 groups)


def refined(request: SearchRequest) -> list[str]:
    """Requested facet fields with a selection: each needs its own counts (disjunctive facets)."""
    return [f for f in request.facets if request.selected(f)]


def _base(index: str, request: SearchRequest, field_name: str | None) -> dict:
    body = {"indexUid": index, "q": request.q}
    expression = to_filter(request.filter_without(field_name))
    if expression is not None:
        body["filter"] = expression
    return body


def words(q: str) -> list[str]:
    """The words of q as the relaxing steps count them (whitespace-separated)."""
    return q.split()


def relaxable(request: SearchRequest, total: int) -> bool:
    """All words found fewer than a page: ask again with the relaxed strategy (see contract)."""
    return not request.strict and len(words(request.q)) > 1 and total < request.size


def word_counts(index: str, request: SearchRequest) -> list[dict]:
    """One limit-0 query per word of q: which words match nothing (they are left out first)."""
    out = []
    for word in words(request.q):
        query = _base(index, request, None)
        query.update(q=word, limit=0, matchingStrategy="all")
        out.append(query)
    return out


def reordered(request: SearchRequest, response: dict, thesaurus=None) -> SearchRequest:
    """request with the words that matched nothing (answers to word_counts) moved to the end,
    and before them the words that name no thesaurus concept and match a page or more (left out
    first: 신약, 후보물질), as the embedded engine orders them."""
    from dataclasses import replace

    from schemas.thesaurus import Thesaurus, default as default_thesaurus

    from .relax import reorder
    from .understand import asked_for

    counts = [int(r.get("totalHits", r.get("estimatedTotalHits", 0)) or 0)
              for r in response.get("results") or []]
    typed = words(request.q)
    # The backend may hold its thesaurus as raw entries (update_synonyms): the shipped one then.
    known = asked_for(typed, thesaurus if isinstance(thesaurus, Thesaurus) else default_thesaurus())
    known = [k or n < request.size for k, n in zip(known, counts)]
    return replace(request, q=" ".join(reorder(typed, counts, known)))


def queries(index: str, request: SearchRequest, relaxed: bool = False) -> list[dict]:
    """The multi-search queries: main query first, then one limit-0 query per refined field.
    Every word is required first (`all`); `relaxed` asks again with the contract's strategy and
    the ranking details that say how many words each hit matched. A grouped request pages the
    main query by groups (`distinct`) and adds, second, a `hitsPerPage: 0` query without it:
    the total and the facet counts per listing."""
    own = refined(request)
    strategy = MATCHING_STRATEGY if relaxed else "all"
    main = _base(index, request, None)
    main["matchingStrategy"] = strategy
    if relaxed:
        main["showRankingScoreDetails"] = True
    # page/hitsPerPage makes the engine count every match (totalHits) instead of estimating.
    main.update(page=request.page, hitsPerPage=request.size, showRankingScore=True)
    facets = [f for f in request.facets if f not in own]
    listings = None
    if request.group:
        main["distinct"] = DISTINCT
        listings = _base(index, request, None)
        listings.update(matchingStrategy=strategy, page=1, hitsPerPage=0)
        if facets:
            listings["facets"] = facets
    elif facets:
        main["facets"] = facets
    if SORTS[request.sort]:
        main["sort"] = [SORTS[request.sort]]
    if request.highlight and request.q.strip():
        # Without query words there is nothing to mark (and the embedded engine shows none).
        main.update(attributesToHighlight=list(HIGHLIGHT_FIELDS),
                    highlightPreTag=MARK_OPEN, highlightPostTag=MARK_CLOSE)
    out = [main] + ([listings] if listings is not None else [])
    for field_name in own:
        # Counts for a refined field apply every selection except its own.
        query = _base(index, request, field_name)
        query.update(facets=[field_name], limit=0, matchingStrategy=strategy)
        out.append(query)
    return out


def _hit(raw: dict, with_highlights: bool) -> Hit:
    highlights = {}
    formatted = raw.get("_formatted") or {}
    if with_highlights:
        for name in HIGHLIGHT_FIELDS:
            text = formatted.get(name, raw.get(name))
            if isinstance(text, str) and text:
                highlights[name] = highlight(text)
    return Hit(id=raw["id"], document=raw.get("document") or {}, highlights=highlights,
               score=raw.get("_rankingScore"), featured=bool(raw.get("featured")))


def _values(distribution: dict | None, field_name: str, selected: tuple[str, ...]) -> list[FacetValue]:
    counts = dict((distribution or {}).get(field_name) or {})
    for value in selected:
        counts.setdefault(value, 0)  # a selected value always shows, even at count 0
    return sorted((FacetValue(str(v), int(c)) for v, c in counts.items()),
                  key=lambda fv: (-fv.count, fv.value))


def _dropped(request: SearchRequest, hits: list[dict]) -> tuple[str, ...]:
    """The words the relaxed page did not require: beyond the fewest any hit matched."""
    matched = [((h.get("_rankingScoreDetails") or {}).get("words") or {}).get("matchingWords")
               for h in hits]
    matched = [m for m in matched if isinstance(m, int)]
    if not matched:
        return ()
    return tuple(words(request.q)[min(matched):])


def result(request: SearchRequest, response: dict, backend: str, relaxed: bool = False) -> SearchResult:
    """The SearchResult of a non-federated multi-search response to queries(request)."""
    results = response.get("results") or []
    own = refined(request)
    first = 2 if request.group else 1       # where the refined fields' queries start
    if len(results) != first + len(own):
        raise BackendError(f"Meilisearch answered {len(results)} results to {first + len(own)} queries")
    main = results[0]
    listings = results[first - 1]           # the main query itself unless grouped
    facets = {}
    for field_name in request.facets:
        if field_name in own:
            source = results[first + own.index(field_name)]
            facets[field_name] = _values(source.get("facetDistribution"), field_name,
                                         request.selected(field_name))
        else:
            facets[field_name] = _values(listings.get("facetDistribution"), field_name, ())
    stats = {}
    for part in results:
        for name, value in (part.get("facetStats") or {}).items():
            stats.setdefault(_FIELD_OF_MIRROR.get(name, name),
                             {"min": float(value["min"]), "max": float(value["max"])})
    total = listings.get("totalHits", listings.get("estimatedTotalHits", 0))
    groups = main.get("totalHits", main.get("estimatedTotalHits", 0)) if request.group else None
    return SearchResult(
        hits=[_hit(h, request.highlight and bool(request.q.strip())) for h in main.get("hits", [])],
        total=int(total),
        facets=facets,
        facet_stats=stats,
        # Multi-search runs its queries one after another, so the engine time is their sum.
        took_ms=float(sum(part.get("processingTimeMs", 0) for part in results)),
        backend=backend,
        dropped=_dropped(request, main.get("hits", [])) if relaxed else (),
        total_groups=int(groups) if groups is not None else None,
    )


def member_queries(index: str, request: SearchRequest, found: SearchResult, relaxed: bool) -> list[dict]:
    """A grouped page's units: one query for the page's groups of identical instruments (the
    same q, strategy, filter and sort as the page), ids only; [] when no hit can have units."""
    keys = tuple(dict.fromkeys(k for k in (group_key(h.document) for h in found.hits) if k))
    if not request.group or not keys:
        return []
    query = {"indexUid": index, "q": request.q,
             "filter": to_filter(And((request.filter_without(None), In("group", keys)))),
             "matchingStrategy": MATCHING_STRATEGY if relaxed else "all",
             "limit": MEMBER_LIMIT, "attributesToRetrieve": ["id", DISTINCT]}
    if SORTS[request.sort]:
        query["sort"] = [SORTS[request.sort]]
    return [query]


def with_members(found: SearchResult, response: dict) -> SearchResult:
    """found with each lead's units (the answer to member_queries): the lead, then the others by
    id (as the embedded engine lists them)."""
    units: dict[str, list[str]] = {}
    for part in response.get("results") or []:
        for raw in part.get("hits", []):
            units.setdefault(raw.get(DISTINCT), []).append(raw["id"])
    for hit in found.hits:
        ids = units.get(group_key(hit.document)) or []
        if len(ids) > 1:
            hit.members = (hit.id, *sorted(i for i in ids if i != hit.id))
    return found
