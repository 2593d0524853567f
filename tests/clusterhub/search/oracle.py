"""A plain-Python evaluation of the contract's filters and facets: the expected answers."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

from clusterhub.search.contract import (DATE_FIELDS, And, Exists, In, IsEmpty, Not, Or, Range,
                                        SearchRequest)


def _date(value, end_of_day=False) -> datetime:
    text = str(value)
    dt = datetime.fromisoformat(text)
    if end_of_day and len(text) == 10:
        dt = dt.replace(hour=23, minute=59, second=59)
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def has_value(value) -> bool:
    return value not in (None, "", [])


def matches(node, doc: dict) -> bool:
    """Whether doc (an index document) satisfies the filter node."""
    if node is None:
        return True
    if isinstance(node, In):
        value = doc.get(node.field)
        values = value if isinstance(value, list) else [value]
        return any(v is not None and str(v) in node.values for v in values)
    if isinstance(node, Range):
        value = doc.get(node.field)
        if not has_value(value):
            return False
        if node.field in DATE_FIELDS:
            v = _date(value)
            return ((node.gte is None or v >= _date(node.gte))
                    and (node.lte is None or v <= _date(node.lte, end_of_day=True)))
        return (node.gte is None or value >= float(node.gte)) and (node.lte is None or value <= float(node.lte))
    if isinstance(node, Exists):
        return has_value(doc.get(node.field))
    if isinstance(node, IsEmpty):
        return not has_value(doc.get(node.field))
    if isinstance(node, And):
        return all(matches(i, doc) for i in node.items)
    if isinstance(node, Or):
        return any(matches(i, doc) for i in node.items)
    if isinstance(node, Not):
        return not matches(node.item, doc)
    raise TypeError(node)


def ids(docs: list[dict], request: SearchRequest) -> set[str]:
    """Ids of the documents a browse request (no q) selects."""
    node = request.filter_without(None)
    return {d["id"] for d in docs if matches(node, d)}


def facets(docs: list[dict], request: SearchRequest) -> dict[str, list[tuple[str, int]]]:
    """Disjunctive facet counts of a browse request, sorted by count desc then value."""
    out = {}
    for f in request.facets:
        node = request.filter_without(f)
        counts = Counter()
        for d in docs:
            if matches(node, d):
                value = d.get(f)
                for v in (value if isinstance(value, list) else [value]):
                    if has_value(v):
                        counts[str(v)] += 1
        for v in request.selected(f):
            counts.setdefault(v, 0)
        out[f] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return out
