"""An independent reading of Meilisearch's filter grammar, so tests can check what strings mean."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from clusterhub.search.contract import DATE_FIELDS, And, Exists, In, IsEmpty, Or, Range

def _tokens(text: str) -> list[tuple[str, str]]:
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "\"'":
            # The engine's rule: a backslash takes the next character; only \<quote> unescapes.
            j, escaped = i + 1, False
            while text[j] != c:
                if text[j] == "\\":
                    escaped |= text[j + 1] == c
                    j += 1
                j += 1
            raw = text[i + 1:j]
            out.append(("value", raw.replace("\\" + c, c) if escaped else raw))
            i = j + 1
        elif text.startswith((">=", "<=", "!="), i):
            out.append(("op", text[i:i + 2]))
            i += 2
        elif c in "=<>()[],":
            out.append(("op", c))
            i += 1
        else:
            word = re.match(r"[^\s()\[\],=<>!'\"]+", text[i:]).group()
            out.append(("word", word))
            i += len(word)
    return out


def _listed(value) -> list:
    return [] if value is None else list(value) if isinstance(value, list) else [value]


def _number(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


class _Reader:
    """Recursive descent over OR < AND < NOT < (expression) | condition, as the engine parses."""

    def __init__(self, text: str):
        self.tokens, self.i = _tokens(text), 0

    def peek(self, *words):
        tok = self.tokens[self.i] if self.i < len(self.tokens) else None
        return tok if tok and tok[0] != "value" and tok[1] in words else None

    def take(self, *words):
        tok = self.tokens[self.i]
        assert not words or (tok[0] != "value" and tok[1] in words), (tok, words)
        self.i += 1
        return tok[1]

    def expression(self):
        parts = [self.conjunction()]
        while self.peek("OR"):
            self.take("OR")
            parts.append(self.conjunction())
        return lambda d: any(p(d) for p in parts)

    def conjunction(self):
        parts = [self.negation()]
        while self.peek("AND"):
            self.take("AND")
            parts.append(self.negation())
        return lambda d: all(p(d) for p in parts)

    def negation(self):
        if self.peek("NOT"):
            self.take("NOT")
            inner = self.negation()
            return lambda d: not inner(d)
        if self.peek("("):
            self.take("(")
            inner = self.expression()
            self.take(")")
            return inner
        return self.condition()

    def condition(self):
        field = self.take()
        if self.peek("IN"):
            self.take("IN")
            self.take("[")
            values = [self.take()]
            while self.peek(","):
                self.take(",")
                values.append(self.take())
            self.take("]")
            return lambda d: any(v in values for v in _listed(d.get(field)))
        if self.peek("EXISTS"):
            self.take("EXISTS")
            return lambda d: field in d
        if self.peek("IS"):
            self.take("IS")
            negated = bool(self.peek("NOT")) and bool(self.take("NOT"))
            what = self.take("NULL", "EMPTY")
            test = ((lambda d: field in d and d[field] is None) if what == "NULL"
                    else (lambda d: field in d and d[field] in ("", [], {})))
            return (lambda d: not test(d)) if negated else test
        if self.peek(">=", "<="):
            op, bound = self.take(), float(self.take())
            return lambda d: (_number(d.get(field)) is not None
                              and (_number(d.get(field)) >= bound if op == ">="
                                   else _number(d.get(field)) <= bound))
        low = float(self.take())
        self.take("TO")
        high = float(self.take())
        return lambda d: _number(d.get(field)) is not None and low <= _number(d.get(field)) <= high


def meili_matches(expression: str, doc: dict) -> bool:
    reader = _Reader(expression)
    predicate = reader.expression()
    assert reader.i == len(reader.tokens), f"trailing tokens in {expression!r}"
    return predicate(doc)


def _instant(value, end: bool = False) -> float | None:
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    moment = datetime.fromisoformat(value)
    if end and len(value) == 10:
        moment = moment.replace(hour=23, minute=59, second=59)
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def matches(node, doc: dict) -> bool:
    """What the contract's AST means for one flat document."""
    if isinstance(node, In):
        return any(v in node.values for v in _listed(doc.get(node.field)))
    if isinstance(node, Range):
        dated = node.field in DATE_FIELDS
        value = _instant(doc.get(node.field)) if dated else _number(doc.get(node.field))
        low = _instant(node.gte) if dated else node.gte
        high = _instant(node.lte, end=True) if dated else node.lte
        return (value is not None and (low is None or value >= low)
                and (high is None or value <= high))
    if isinstance(node, (Exists, IsEmpty)):
        present = doc.get(node.field) not in (None, "", [])
        return present if isinstance(node, Exists) else not present
    if isinstance(node, And):
        return all(matches(i, doc) for i in node.items)
    if isinstance(node, Or):
        return any(matches(i, doc) for i in node.items)
    return not matches(node.item, doc)
