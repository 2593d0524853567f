"""Relaxed matching (the contract's MATCHING_STRATEGY): which words to leave out, in what order.

Every word of q is required first; when that finds fewer listings than a page, words that match
no listing at all (under the filters) move to the end of q, before them the broad words that name
no thesaurus concept (reorder), then the last word is left out, then
the one before, until a page is filled or one word remains. From the reordered q on this is
Meilisearch's `matchingStrategy: "last"`, so both backends agree. A left-out word still counts: a listing that
has it ranks above one that does not (the embedded engine adds a constant TIER per left-out word
it matches, above any text score; Meilisearch's `words` ranking rule does the same).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Iterator, Sequence, TypeVar

from tantivy import Occur, Query

from .filters import combine
from .query import Term, as_parts, term_query

T = TypeVar("T")
TIER = 1000.0   # above any BM25 score of this index: matching one more word outranks any text score


def reorder(terms: Sequence[T], counts: Sequence[int], known: Sequence[bool] = ()) -> list[T]:
    """terms with those that match nothing moved to the end and, before them, the broad ones
    (known[i] false: a word naming no thesaurus concept, understand.asked_for, that matches a page
    or more, as 신약 or 후보물질 in "신약 후보물질 독성 평가"), so that they are left out first;
    otherwise in the user's order. A rare word (CRISPR, QbD) keeps its place."""
    known = list(known) or [True] * len(terms)
    found = [(t, k) for t, n, k in zip(terms, counts, known) if n]
    return ([t for t, a in found if a] + [t for t, a in found if not a]
            + [t for t, n in zip(terms, counts) if not n])


def steps(terms: Sequence[T]) -> Iterator[tuple[list[T], list[T]]]:
    """(required, left out) for each relaxing step after the strict one: drop from the end."""
    for keep in range(len(terms) - 1, 0, -1):
        yield list(terms[:keep]), list(terms[keep:])


def needs_relaxing(total: int, size: int, terms: Sequence, strict: bool) -> bool:
    return not strict and len(terms) > 1 and total < size


def tiered(required: Query | None, optional: list[Query | None]) -> Query | None:
    """required AND (optionally) each left-out word, each worth one TIER when matched."""
    extra = [(Occur.Should, Query.const_score_query(q, TIER)) for q in optional if q is not None]
    if required is None:
        return None
    if not extra:
        return required
    return Query.boolean_query([(Occur.Must, required)] + extra)


def word_count(term) -> int:
    """How many of the user's words a term stands for (a concept groups several)."""
    return len(term.words) if getattr(term, "words", None) else 1


class Built:
    """The tantivy query of each term of one search, built once (building a concept's query
    weighs its expansions: building them again for every relaxing step cost 3-4 ms a search)."""

    def __init__(self, schema, terms: list[Term], counts: "WordCounts | None" = None, scope=None):
        self.schema = schema
        self.counts, self.scope = counts, scope
        self.terms = list(terms)
        self._queries: dict[int, object] = {}
        self._keep = list(terms)      # every term asked about lives as long as this: ids stay unique

    def one(self, term: Term):
        key = id(term)
        if key not in self._queries:
            self._keep.append(term)
            self._queries[key] = term_query(self.schema, term)
        return self._queries[key]

    def all(self, terms: list[Term]):
        """Every term required (query.text_query, from the built terms)."""
        queries = [q for q in (self.one(t) for t in terms) if q is not None]
        if not queries:
            return None
        return queries[0] if len(queries) == 1 else Query.boolean_query(
            [(Occur.Must, q) for q in queries])


def compounds(searcher, schema, base, built: Built, pool) -> tuple[list[Term], list[int], bool]:
    """Each term with the number of listings it matches; a Korean word matching nothing as a whole
    is tried as its parts, anywhere in the listing (단회독성 finds "단회투여 독성"). Meilisearch
    splits such compounds itself (its Korean dictionary segments them). The counts run side by
    side in the pool (tantivy releases the GIL)."""
    def count(term: Term) -> int:
        key = (built.scope, term.text, term.phrase, tuple(term.words), tuple(term.expansions), tuple(term.parts))
        known = built.counts.get(key) if built.counts is not None else None
        if known is not None:
            return known
        query = built.one(term)
        n = searcher.search(combine(query, base), limit=1, count=True).count if query is not None else 0
        if built.counts is not None:
            built.counts.put(key, n)
        return n

    terms = built.terms
    for t in terms:
        built.one(t)            # built here, in this thread, once
    counts = list(pool.map(count, terms))
    parts = {n: as_parts(t) for n, t in enumerate(terms) if counts[n] == 0}
    parts = {n: p for n, p in parts.items() if p is not None}
    for p in parts.values():
        built.one(p)
    part_counts = dict(zip(parts, pool.map(count, parts.values())))
    out, split = [], False
    for n, term in enumerate(terms):
        if part_counts.get(n):
            term, counts[n], split = parts[n], part_counts[n], True
        out.append(term)
    return out, counts, split


class WordCounts:
    """How many listings each word matches under a filter, per index version: relaxing counts
    every word of q, and the same words come back on the next page, the next keystroke of search
    as you type, the next user. A new commit or generation is a new key, so no count is stale."""

    SIZE = 4096

    def __init__(self):
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key) -> int | None:
        with self._lock:
            n = self._data.get(key)
            if n is not None:
                self._data.move_to_end(key)
            return n

    def put(self, key, n: int) -> None:
        with self._lock:
            self._data[key] = n
            while len(self._data) > self.SIZE:
                self._data.popitem(last=False)


def lone_compound(count: int, terms: list[Term], strict: bool) -> bool:
    """A q of one Korean compound that matched nothing (단회독성): worth trying as its parts."""
    return not strict and count == 0 and len(terms) == 1 and as_parts(terms[0]) is not None
