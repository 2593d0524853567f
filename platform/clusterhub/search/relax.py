"""Relaxed matching (the contract's MATCHING_STRATEGY): which words to leave out, in what order.

Every word of q is required first; when that finds fewer listings than a page, words that match
no listing at all (under the filters) move to the end of q, then the last word is left out, then
the one before, until a page is filled or one word remains. From the reordered q on this is
Meilisearch's `matchingStrategy: "last"`, so both backends agree. A left-out word still counts: a listing that
has it ranks above one that does not (the embedded engine adds a constant TIER per left-out word
it matches, above any text score; Meilisearch's `words` ranking rule does the same).
"""
from __future__ import annotations

from typing import Iterator, Sequence, TypeVar

from tantivy import Occur, Query

T = TypeVar("T")
TIER = 1000.0   # above any BM25 score of this index: matching one more word outranks any text score


def reorder(terms: Sequence[T], counts: Sequence[int]) -> list[T]:
    """terms with those that match nothing moved to the end (otherwise in the user's order)."""
    return [t for t, n in zip(terms, counts) if n] + [t for t, n in zip(terms, counts) if not n]


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
