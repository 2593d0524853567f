"""Search services: run a parsed search, page through results for export."""
from __future__ import annotations

import difflib
import hashlib
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from ..errors import Unavailable
from ..messages import N_
from . import backend, facet_cache
from . import understand
from .contract import MAX_SIZE, And, BackendError, Hit, In, Not, SearchRequest, SearchResult
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
    A place read from q that keeps its chip only by leaving words out gets one more count:
    `understood.elsewhere`, the listings outside it holding every word (the page offers them).
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
    elif places and result.dropped and all(s in reading.filters for s in places):
        # The place chip stayed only because words were left out: say if elsewhere holds them all.
        reading.elsewhere = _elsewhere(params, searched, places)
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


def _elsewhere(params: SearchParams, searched: SearchParams, places) -> int:
    """How many listings outside the places read from q (not the user's own ticks) hold every
    word searched: one strict count, no facets, no page; run only when the page kept its place
    chips by leaving words out. The results shown do not change."""
    own = {(f, v) for f, values in params.selections.items() for v in values}
    read = {(s.field, s.value) for s in places} - own
    if not read or not searched.q.strip():
        return 0
    selections = {f: tuple(v for v in values if (f, v) not in read) for f, values in searched.selections.items()}
    request = replace(searched, selections={f: v for f, v in selections.items() if v},
                      strict=True, page=1, size=1).request(facets=())
    fields: dict[str, tuple[str, ...]] = {}
    for f, v in sorted(read):
        fields[f] = fields.get(f, ()) + (v,)
    outside = Not(And(tuple(In(f, v) for f, v in fields.items())))
    request = replace(request, filter=And((request.filter, outside)) if request.filter else outside)
    try:
        return _cached_result(backend(), request).total
    except BackendError as exc:
        raise Unavailable(N_("The search engine is not available right now (%(reason)s). "
                             "Please try again in a moment."), reason=str(exc)) from exc


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
        return _cached_result(backend(), request)
    except BackendError as exc:
        raise Unavailable(N_("The search engine is not available right now (%(reason)s). "
                             "Please try again in a moment."), reason=str(exc)) from exc


def _cached_result(engine, request: SearchRequest) -> SearchResult:
    """A whole result is kept in the shared cache under the index's stamp and the request: a
    search repeated (a popular word, paging back, the API and the page asking alike) costs a
    lookup. As for the facet counts, the stamp is read *before* searching, and a sync or a
    curator action moves it on, so a hidden listing leaves repeated searches at once."""
    store = facet_cache()
    if store is None:
        return _with_cached_facets(engine, request)
    started = time.perf_counter()
    stamp = engine.stamp()      # asked once (Meilisearch answers it with a request)
    key = "result:" + hashlib.sha256(repr((stamp, request)).encode()).hexdigest()
    result = store.get(key)
    if result is not None:      # a copy (the cache pickles it): the caller may change it
        result.took_ms = round((time.perf_counter() - started) * 1000, 3)
        return result
    result = _with_cached_facets(engine, request, stamp)
    store.set(key, result)
    return result


def _with_cached_facets(engine, request: SearchRequest, stamp: str | None = None) -> SearchResult:
    """The facet counts of a search are the same for every page and sort of it while the index
    holds one catalog version: they are counted once and kept in the shared cache under the
    index's stamp, read *before* searching (the index only moves forward, so an entry is never
    older than its key). A sync or a curator action moves the stamp on: nobody sees old counts."""
    store = facet_cache()
    if store is None or not request.facets:
        return engine.search(request)
    stamp = engine.stamp() if stamp is None else stamp
    key = "facets:" + hashlib.sha256(repr((
        stamp, request.q, request.filter, request.base_filter, request.facets,
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


CLOSE = 0.7     # difflib's ratio a close spelling reaches


@lru_cache(maxsize=4096)
def _suggestions(q: str, limit: int) -> tuple[str, ...]:
    thesaurus, vocabulary = _vocabulary()
    out: list[str] = []
    for word in [q, *q.split()]:
        out.extend(thesaurus.expansions(word)[:3])
        out.extend(difflib.get_close_matches(word, vocabulary.near(word), n=3, cutoff=CLOSE))
    return tuple([s for s in dict.fromkeys(out) if s.casefold() != q.casefold()][:limit])


class _Vocabulary:
    """The thesaurus's terms indexed by character. difflib keeps a term only when its quick_ratio
    (2·shared characters/(both lengths)) reaches the cutoff, so terms whose shared characters,
    summed from the index, fall short are never handed to it: it ranks the rest as it would the
    whole vocabulary (zero-result queries cost 4-16 ms of difflib in the load profile, a tenth
    of that now). The index lists, for each character and j, the terms holding it j times or
    more, by length: a word holding it k times shares min(k, m) of it with a term holding it m
    times, the sum of its k lists' counts, which Counter.update adds up in C."""

    def __init__(self, terms):
        by_char: dict[tuple[str, int], list[tuple[int, str]]] = {}
        for term in terms:
            for c, k in Counter(term).items():
                for j in range(1, k + 1):
                    by_char.setdefault((c, j), []).append((len(term), term))
        self._terms = {key: [t for _, t in sorted(p)] for key, p in by_char.items()}
        self._lengths = {key: [n for n, _ in sorted(p)] for key, p in by_char.items()}

    def near(self, word: str) -> list[str]:
        """The terms that may be close spellings of word (a ratio of CLOSE or more)."""
        n = len(word)
        low, high = n * CLOSE / (2 - CLOSE), n * (2 - CLOSE) / CLOSE   # 2·min/(a+b) can reach CLOSE
        shared: Counter = Counter()
        for c, k in Counter(word).items():
            for j in range(1, k + 1):
                lengths = self._lengths.get((c, j))
                if lengths is None:
                    break
                shared.update(self._terms[(c, j)][bisect_left(lengths, low):bisect_right(lengths, high)])
        return [t for t, m in shared.items() if 2.0 * m / (n + len(t)) >= CLOSE]


@lru_cache(maxsize=1)
def _vocabulary():
    from schemas.thesaurus import default as default_thesaurus

    thesaurus = default_thesaurus()
    return thesaurus, _Vocabulary({t for e in thesaurus.entries for t in thesaurus.terms(e)})
