"""The contract's filter AST as a Meilisearch filter expression string."""
from __future__ import annotations

import math
from datetime import date, datetime, time, timezone

from .contract import DATE_FIELDS, And, Exists, Filter, In, IsEmpty, Not, Or, Range, SearchError

# Meilisearch filters numbers only, so ISO date fields are mirrored as epoch seconds.
DATE_MIRRORS = {name: f"{name}_ts" for name in DATE_FIELDS}
# An always-false clause on a field every document carries (for an empty Or).
FALSE = "(kind IS NULL AND kind IS NOT NULL)"


def epoch(value, *, end_of_day: bool = False) -> int | None:
    """An ISO date/datetime (naive means UTC) or epoch number as epoch seconds; None if empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise ValueError(f"not a date: {value!r}")
        return int(value)
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime.combine(value, time.max if end_of_day else time.min)
    else:
        text = str(value).strip()
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        # A bare date as an upper bound covers that whole day, as in the embedded engine.
        if end_of_day and len(text) == 10:
            dt = datetime.combine(dt.date(), time(23, 59, 59))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return int(dt.timestamp())


def _scan_quoted(quote: str, text: str) -> tuple[str, str] | None:
    """Meilisearch's quoted-value scanner (filter-parser `quoted_by`): (value, rest) or None."""
    escaped, i = False, 0
    while i < len(text):
        c = text[i]
        if c == quote:
            token = text[:i]
            # The engine only unescapes \<quote>; any other backslash stays as written.
            return (token.replace("\\" + quote, quote) if escaped else token), text[i + 1:]
        if c == "\\":
            if i + 1 >= len(text):
                return None
            escaped |= text[i + 1] == quote
            i += 2
            continue
        i += 1
    return None


def quote(value) -> str:
    """A string as a quoted filter value the engine reads back exactly; SearchError if impossible."""
    value = str(value)  # keyword values compare as text, as in the embedded engine
    for q in ('"', "'"):
        literal = q + value.replace(q, "\\" + q) + q
        # Backslashes before a quote or at the end cannot round-trip in the engine's grammar,
        # so every candidate is checked with the engine's own scanning rule.
        if _scan_quoted(q, literal[1:]) == (value, ""):
            return literal
    raise SearchError(f"filter: the value {value!r} cannot be expressed in a Meilisearch filter")


def number(value) -> str:
    """A finite number in plain decimal notation (no exponent)."""
    if isinstance(value, bool):
        raise SearchError(f"filter: {value!r} is not a number")
    try:
        num = float(value)
    except (TypeError, ValueError):
        raise SearchError(f"filter: {value!r} is not a number") from None
    if not math.isfinite(num):
        raise SearchError(f"filter: {value!r} is not a finite number")
    if num.is_integer():
        return str(int(num))
    return format(num, ".15f").rstrip("0")


def filter_field(name: str) -> str:
    """The attribute a contract field is filtered on (dates on their epoch mirror)."""
    return DATE_MIRRORS.get(name, name)


def _bound(field_name: str, value, *, upper: bool) -> str:
    if field_name in DATE_FIELDS:
        try:
            return str(epoch(value, end_of_day=upper))
        except (TypeError, ValueError):
            raise SearchError(f"filter: {value!r} is not a date for {field_name}") from None
    return number(value)


def _range(node: Range) -> str:
    name = filter_field(node.field)
    low = None if node.gte is None else _bound(node.field, node.gte, upper=False)
    high = None if node.lte is None else _bound(node.field, node.lte, upper=True)
    if low is not None and high is not None:
        return f"{name} {low} TO {high}"
    return f"{name} >= {low}" if low is not None else f"{name} <= {high}"


def _present(name: str) -> str:
    # EXISTS alone is true for null and for "" / [], which the contract counts as no value.
    return f"({name} EXISTS AND {name} IS NOT NULL AND {name} IS NOT EMPTY)"


def _translate(node: Filter) -> str | bool:
    """The expression, or True/False for constant clauses (empty And/Or)."""
    if isinstance(node, In):
        return f"{node.field} IN [{', '.join(quote(v) for v in node.values)}]"
    if isinstance(node, Range):
        return _range(node)
    if isinstance(node, Exists):
        return _present(filter_field(node.field))
    if isinstance(node, IsEmpty):
        return f"NOT {_present(filter_field(node.field))}"
    if isinstance(node, Not):
        inner = _translate(node.item)
        return (not inner) if isinstance(inner, bool) else f"NOT ({inner})"
    if isinstance(node, (And, Or)):
        absorbing = isinstance(node, Or)  # True absorbs an Or, False absorbs an And
        parts: list[str] = []
        for item in node.items:
            part = _translate(item)
            if part is absorbing:
                return absorbing
            if not isinstance(part, bool):
                parts.append(part)
        if not parts:
            return not absorbing
        if len(parts) == 1:
            return parts[0]
        return f" {'OR' if absorbing else 'AND'} ".join(f"({p})" for p in parts)
    raise SearchError(f"filter: unknown node {type(node).__name__}")


def to_filter(node: Filter | None) -> str | None:
    """The Meilisearch filter string for an AST, or None when it matches everything."""
    if node is None:
        return None
    out = _translate(node)
    if out is True:
        return None
    return FALSE if out is False else out

