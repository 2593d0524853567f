"""The filter AST of the contract as tantivy queries.

Semantics shared with the conformance suite: In matches a document holding any of the values
(for list fields, any element); Range bounds are inclusive, a bare date as upper bound covers
that whole day; Exists means the field holds a value (not None, "" or []); IsEmpty is its
negation. Filters never score: the caller wraps them in a zero constant score.
"""
from __future__ import annotations

import tantivy
from tantivy import Occur, Query

from .contract import (DATE_FIELDS, NUMERIC_FIELDS, And, Exists, Filter, In, IsEmpty, Not, Or,
                       Range, SearchError)
from .fields import parse_date

# Above this many values a term-set query (one bitset) beats a disjunction of term queries.
TERM_SET_MIN = 16


def _all() -> Query:
    return Query.all_query()


def _number(field: str, value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise SearchError(f"filter: Range({field}) needs numbers, got {value!r}") from None


def _date(field: str, value, end_of_day: bool):
    try:
        return parse_date(value, end_of_day=end_of_day)
    except (TypeError, ValueError):
        raise SearchError(f"filter: Range({field}) needs ISO dates, got {value!r}") from None


def in_query(schema: tantivy.Schema, field: str, values) -> Query:
    values = list(dict.fromkeys(str(v) for v in values))
    if len(values) == 1:
        return Query.term_query(schema, field, values[0], index_option="basic")
    if len(values) >= TERM_SET_MIN:
        return Query.term_set_query(schema, field, values)
    return Query.boolean_query([(Occur.Should, Query.term_query(schema, field, v, index_option="basic"))
                                for v in values])


def range_query(schema: tantivy.Schema, node: Range) -> Query:
    if node.field in NUMERIC_FIELDS:
        low = None if node.gte is None else _number(node.field, node.gte)
        high = None if node.lte is None else _number(node.field, node.lte)
        kind = tantivy.FieldType.Float
    elif node.field in DATE_FIELDS:
        low = None if node.gte is None else _date(node.field, node.gte, False)
        high = None if node.lte is None else _date(node.field, node.lte, True)
        kind = tantivy.FieldType.Date
    else:
        raise SearchError(f"filter: {node.field!r} has no range")
    if low is not None and high is not None and low > high:
        return Query.empty_query()
    return Query.range_query(schema, node.field, kind, low, high, use_inverted_index=True)


def to_query(schema: tantivy.Schema, node: Filter | None) -> Query:
    """The tantivy query matching exactly the documents node selects (None: all)."""
    if node is None:
        return _all()
    if isinstance(node, In):
        return in_query(schema, node.field, node.values)
    if isinstance(node, Range):
        return range_query(schema, node)
    if isinstance(node, Exists):
        return Query.exists_query(node.field)
    if isinstance(node, IsEmpty):
        return Query.boolean_query([(Occur.Must, _all()), (Occur.MustNot, Query.exists_query(node.field))])
    if isinstance(node, Not):
        return Query.boolean_query([(Occur.Must, _all()), (Occur.MustNot, to_query(schema, node.item))])
    if isinstance(node, And):
        if not node.items:
            return _all()
        return Query.boolean_query([(Occur.Must, to_query(schema, i)) for i in node.items])
    if isinstance(node, Or):
        if not node.items:
            return Query.empty_query()
        return Query.boolean_query([(Occur.Should, to_query(schema, i)) for i in node.items])
    raise SearchError(f"filter: unknown node {type(node).__name__}")


def combine(text: Query | None, filt: Query) -> Query:
    """text AND filter, where the filter adds nothing to the score."""
    quiet = Query.const_score_query(filt, 0.0)
    if text is None:
        return quiet
    return Query.boolean_query([(Occur.Must, text), (Occur.Must, quiet)])
