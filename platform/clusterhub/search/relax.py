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

from typing import Iterator, Sequence, TypeVar

from tantivy import Occur, Query

from .filters import combine
from .memo import Lru
from .query import Term, as_parts, probes, term_query

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

    def __init__(self, schema, terms: list[Term], counts: "WordCounts | None" = None, scope=None,
                 build=None):
        self.schema = schema
        self._build = build or (lambda term: term_query(schema, term))   # search/memo.py keeps them
        self.counts, self.scope = counts, scope
        self.terms = list(terms)
        self._queries: dict[int, object] = {}
        self._keep = list(terms)      # every term asked about lives as long as this: ids stay unique

    def one(self, term: Term):
        key = id(term)
        if key not in self._queries:
            self._keep.append(term)
            self._queries[key] = self._build(term)
        return self._queries[key]

    def all(self, terms: list[Term]):
        """Every term required (query.text_query, from the built terms)."""
        queries = [q for q in (self.one(t) for t in terms) if q is not None]
        if not queries:
            return None
        return queries[0] if len(queries) == 1 else Query.boolean_query(
            [(Occur.Must, q) for q in queries])


def compounds(searcher, schema, base, built: Built, pool, size: int) -> tuple[list[Term], list[int], bool]:
    """Each term with the number of listings it matches, or a lower bound of it of at least
    `size`; a Korean word matching nothing as a whole is tried as its parts, anywhere in the
    listing (단회독성 finds "단회투여 독성"). Meilisearch splits such compounds itself (its Korean
    dictionary segments them). The counts run side by side in the pool (tantivy releases the GIL).

    Relaxing asks only whether a word matches nothing and whether a conjunction can fill a page
    (the least of its words' counts against `size`): a cheap part of the word's query
    (query.probes) that already matches `size` listings answers both exactly as the full count
    would, for a tenth of its cost (profile of "LC-MS/MS 유세포분석기 업체": 3.4 and 3.8 ms for the
    two full counts, 0.4 and 0.7 ms for their probes, 100,000 listings)."""
    def kept(term: Term) -> int | None:
        known = built.counts.get(key(term)) if built.counts is not None else None
        return known[0] if known is not None and (known[1] or known[0] >= size) else None

    def key(term: Term) -> tuple:
        return (built.scope, term.text, term.phrase, tuple(term.words), tuple(term.expansions), tuple(term.parts))

    def count(term: Term) -> int:
        query = built.one(term)
        if query is None:
            n, exact = 0, True
        else:
            for probe in probes(schema, term):
                n = searcher.search(combine(probe, base), limit=1, count=True).count
                if n >= size:
                    exact = False
                    break
            else:
                n, exact = searcher.search(combine(query, base), limit=1, count=True).count, True
        if built.counts is not None:
            built.counts.put(key(term), (n, exact))
        return n

    def all_counts(terms: list[Term]) -> list[int]:
        """Kept counts as they are; the others side by side in the pool, or here when only one
        is left (nothing would run beside it: the hand-off to a thread and back is saved)."""
        out = [kept(t) for t in terms]
        missing = [n for n, c in enumerate(out) if c is None]
        for n, c in zip(missing, pool.map(count, [terms[n] for n in missing]) if len(missing) > 1
                        else [count(terms[n]) for n in missing]):
            out[n] = c
        return out

    terms = built.terms
    for t in terms:
        built.one(t)            # built here, in this thread, once
    counts = all_counts(terms)
    parts = {n: as_parts(t) for n, t in enumerate(terms) if counts[n] == 0}
    parts = {n: p for n, p in parts.items() if p is not None}
    for p in parts.values():
        built.one(p)
    part_counts = dict(zip(parts, all_counts(list(parts.values()))))
    out, split = [], False
    for n, term in enumerate(terms):
        if part_counts.get(n):
            term, counts[n], split = parts[n], part_counts[n], True
        out.append(term)
    return out, counts, split


class WordCounts(Lru):
    """How many listings each word matches under a filter, per index version, as (count, exact):
    a count that is not exact is a lower bound (see compounds). Relaxing counts every word of q,
    and the same words come back on the next page, the next keystroke of search as you type, the
    next user. A new commit or generation is a new key, so no count is stale."""


def lone_compound(count: int, terms: list[Term], strict: bool) -> bool:
    """A q of one Korean compound that matched nothing (단회독성): worth trying as its parts."""
    return not strict and count == 0 and len(terms) == 1 and as_parts(terms[0]) is not None
