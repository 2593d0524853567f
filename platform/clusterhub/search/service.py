"""Search services: run a parsed search, page through results for export."""
from __future__ import annotations

import difflib
import hashlib
from dataclasses import replace
from functools import lru_cache

from ..errors import Unavailable
from ..messages import N_
from . import backend, facet_cache
from . import understand
from .contract import MAX_SIZE, BackendError, Hit, SearchRequest, SearchResult
from .params import SearchParams

EXPORT_MAX = 2000


def run(params: SearchParams, facets=None, group: bool = False) -> SearchResult:
    """One page of results with disjunctive facet counts (featured listings carry the mark the
    index keeps for them). Unless params.strict, q is read first (search/understand.py): places
    and a kind word become selections, words of intent leave q; a Korean word the engine found
    nothing with is searched as the known term it misspells; a kind that would empty the page is
    dropped again, and a kind only hinted at (시험, study) when it would not fill a page. A place
    read from q that still leaves the page empty is dropped too: the search widens to the whole
    federation and `understood.widened` names the place (the page says so and links back to it).
    `result.understood` is that reading, with the params actually searched; `result.dropped`
    lists every word of q that the results do not require. With `group`, the page holds groups
    of identical instruments (search/grouping.py): what the page and the API show; exports and
    the planner take every listing."""
    reading = understand.Reading(params.q, params.q) if params.strict else understand.read(params.q)
    if "kind" in params.selections:        # the user's own choice of kind wins: the word is intent
        reading.intents += [s.word for s in reading.filters if s.field == "kind"]
        reading.filters = [s for s in reading.filters if s.field != "kind"]
    places = [s for s in reading.filters if s.field in understand.PLACE_FIELDS]
    everywhere = replace(reading, filters=[s for s in reading.filters if s not in places],
                         intents=list(reading.intents), corrected=dict(reading.corrected),
                         widened=places)
    reading, searched, result = _answer(params, reading, facets, group)
    if places and not result.total and everywhere.q:
        wide_reading, wide_searched, wide = _answer(params, everywhere, facets, group)
        if wide.total:
            reading, searched, result = wide_reading, wide_searched, wide
    reading.params = searched
    result.understood = reading
    result.dropped = tuple(reading.intents) + tuple(result.dropped)
    return result


def _answer(params, reading, facets, group):
    """(reading, params searched, result) of one reading of q: searched as read, respelled when
    a likely typo found nothing, and without its kind when that kind would empty the page (or, a
    hint, not fill it, or fill it only by leaving out more words than every kind would)."""
    searched = _steered(params, reading)
    result = _search(searched, facets, group)
    if reading.corrected:
        reading, searched, result = _respelled(params, reading, searched, result, facets, group)
    kind = next((s for s in reading.filters if s.field == "kind"), None)
    if kind is None or "kind" in params.selections:
        return reading, searched, result
    if kind.soft and result.total >= params.size and result.dropped:
        # A hinted kind that fills the page only by leaving words out ("GC-MS 분석": no GC-MS
        # service, so GC-MS went) holds only if every kind would leave out as many, the hint
        # word itself aside ("TEM 분석" of every kind leaves out 분석 and keeps TEM).
        unhinted = replace(reading, filters=[s for s in reading.filters if s is not kind])
        again_params = _steered(params, unhinted)
        again = _search(again_params, facets, group)
        if len(_beside(again.dropped, kind.word)) < len(_beside(result.dropped, kind.word)):
            return unhinted, again_params, again
    elif result.total < params.size if kind.soft else not result.total:
        reading.filters.remove(kind)
        if not kind.soft:                  # a hint word is still in q: nothing was left out
            reading.intents.append(kind.word)
        searched = _steered(params, reading)
        result = _search(searched, facets, group)
    return reading, searched, result


def _beside(dropped, word: str) -> list[str]:
    """The left-out words (a concept's words count as one) that are not, nor hold, word."""
    return [d for d in dropped if word not in d.split()]


def _respelled(params, reading, searched, result, facets, group=False):
    """The search again with the known terms of likely Korean typos (세포베양기 -> 세포배양기)
    that the engine found nothing with (an empty page, or words it left out), if that finds
    something; else the search as it was."""
    suspects = set(reading.corrected) if not result.total else set(reading.corrected) & set(result.dropped)
    respelled = replace(reading, filters=list(reading.filters), intents=list(reading.intents),
                        widened=list(reading.widened))
    if suspects and respelled.respelled(suspects):
        again_params = _steered(params, respelled)
        again = _search(again_params, facets, group)
        if again.total:
            return respelled, again_params, again
    reading.corrected = {}
    return reading, searched, result


def _steered(params: SearchParams, reading: understand.Reading) -> SearchParams:
    """params with the reading's q, and its filters added to the user's selections."""
    if params.strict or not reading.changed:
        return params
    selections = dict(params.selections)
    for steer in reading.filters:
        current = selections.get(steer.field, ())
        if steer.value not in current:
            selections[steer.field] = current + (steer.value,)
    return replace(params, q=reading.q, selections=selections)


def _search(params: SearchParams, facets, group: bool = False) -> SearchResult:
    request = params.request(group=group) if facets is None else params.request(facets, group=group)
    try:
        return _with_cached_facets(backend(), request)
    except BackendError as exc:
        raise Unavailable(N_("The search engine is not available right now (%(reason)s). "
                             "Please try again in a moment."), reason=str(exc)) from exc


def _with_cached_facets(engine, request: SearchRequest) -> SearchResult:
    """The facet counts of a search are the same for every page and sort of it while the index
    holds one catalog version: they are counted once and kept in the shared cache under the
    index's stamp, read *before* searching (the index only moves forward, so an entry is never
    older than its key). A sync or a curator action moves the stamp on: nobody sees old counts."""
    store = facet_cache()
    if store is None or not request.facets:
        return engine.search(request)
    key = "facets:" + hashlib.sha256(repr((
        engine.stamp(), request.q, request.filter, request.base_filter, request.facets,
        request.size, request.strict)).encode()).hexdigest()
    counts = store.get(key)
    if counts is not None:
        result = engine.search(replace(request, facets=()))
        result.facets = counts
        return result
    result = engine.search(request)
    store.set(key, result.facets)
    return result


def export_hits(params: SearchParams, limit: int | None = None) -> tuple[list[Hit], int]:
    """Up to `limit` (EXPORT_MAX) hits of the whole result set, in order, and the full total."""
    limit = EXPORT_MAX if limit is None else limit
    hits: list[Hit] = []
    page, total = 1, 0
    while len(hits) < limit:
        result = run(SearchParams(q=params.q, selections=params.selections, sort=params.sort,
                                  page=page, size=MAX_SIZE, strict=params.strict), facets=())
        total = result.total
        hits.extend(result.hits)
        if not result.hits or page * MAX_SIZE >= total:
            break
        page += 1
    return hits[:limit], total


def suggestions(q: str, limit: int = 6) -> list[str]:
    """Other searches worth trying when q finds nothing: close spellings and thesaurus terms.
    The shipped thesaurus never changes while the process runs, so each q is worked out once
    (difflib over the whole vocabulary took ~25 ms a query in the profile, docs/performance.md)."""
    return list(_suggestions(q, limit)) if q else []


@lru_cache(maxsize=4096)
def _suggestions(q: str, limit: int) -> tuple[str, ...]:
    thesaurus, by_char = _vocabulary()
    out: list[str] = []
    for word in [q, *q.split()]:
        out.extend(thesaurus.expansions(word)[:3])
        # Only terms sharing a character with word and of a length that allows a ratio of 0.7
        # (2·min/(a+b)) can match: difflib ranks them as it would the whole vocabulary.
        n = len(word)
        low, high = n * 0.7 / 1.3, n * 1.3 / 0.7
        near = {t for c in set(word.casefold()) for t in by_char.get(c, ()) if low <= len(t) <= high}
        out.extend(difflib.get_close_matches(word, near, n=3, cutoff=0.7))
    return tuple([s for s in dict.fromkeys(out) if s.casefold() != q.casefold()][:limit])


@lru_cache(maxsize=1)
def _vocabulary():
    from schemas.thesaurus import default as default_thesaurus

    thesaurus = default_thesaurus()
    by_char: dict[str, set[str]] = {}
    for term in {t for e in thesaurus.entries for t in thesaurus.terms(e)}:
        for c in set(term) | set(term.casefold()):
            by_char.setdefault(c, set()).add(term)
    return thesaurus, by_char
