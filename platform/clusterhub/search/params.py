"""The URL of a search: parsing query parameters into a request, and building URLs back."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from werkzeug.datastructures import MultiDict

from schemas import vocabularies

from ..errors import Invalid
from ..messages import N_
from .contract import MAX_SIZE, SORTS, And, In, SearchRequest
from .registry import SHOWN

# The facets a user can refine by, in the order the page shows them; each is one URL parameter.
FACETS = tuple(f.field for f in SHOWN)
# The vocabulary a facet's codes are checked against.
VOCABULARY = {f.field: f.vocabulary for f in SHOWN if f.vocabulary}
CONTROLS = ("q", "sort", "page", "size", "strict")
IGNORED = ("lang", "partial", "submitted")  # presentation and logging only: never the results
DEFAULT_SIZE = 20


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    selections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    size: int = DEFAULT_SIZE
    strict: bool = False   # q as typed, every word required (no reading of places or intent)

    def request(self, facets: tuple[str, ...] = FACETS, group: bool = False) -> SearchRequest:
        clauses = tuple(In(f, v) for f, v in self.selections.items() if v)
        return SearchRequest(q=self.q, filter=And(clauses) if clauses else None, facets=facets,
                             sort=self.sort, page=self.page, size=self.size, strict=self.strict,
                             group=group)

    def args(self, **changes) -> MultiDict:
        """The URL parameters of this search with changes applied (page resets unless given)."""
        p = replace(self, page=changes.pop("page", 1), **changes)
        out = MultiDict()
        if p.q:
            out.add("q", p.q)
        for name in FACETS:
            for value in p.selections.get(name, ()):
                out.add(name, value)
        if p.sort != "relevance":
            out.add("sort", p.sort)
        if p.page != 1:
            out.add("page", str(p.page))
        if p.size != DEFAULT_SIZE:
            out.add("size", str(p.size))
        if p.strict:
            out.add("strict", "1")
        return out

    def toggled(self, name: str, value: str) -> MultiDict:
        """The parameters with one facet value ticked or unticked."""
        current = self.selections.get(name, ())
        values = tuple(v for v in current if v != value) if value in current else current + (value,)
        return self.args(selections={**self.selections, name: values})

    def without(self, name: str | None = None) -> MultiDict:
        """The parameters with one facet (or, with None, every facet) cleared."""
        selections = {} if name is None else {k: v for k, v in self.selections.items() if k != name}
        return self.args(selections=selections)

    @property
    def active(self) -> list[tuple[str, str]]:
        return [(name, v) for name in FACETS for v in self.selections.get(name, ())]


def _int(args, name: str, default: int, low: int, high: int, errors: list) -> int:
    raw = args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        errors.append({"path": name, "message": N_("must be a whole number, got %(value)s"),
                       "params": {"value": repr(raw)}})
        return default
    if not low <= value <= high:
        errors.append({"path": name, "message": N_("must be between %(low)d and %(high)d, got %(value)d"),
                       "params": {"low": low, "high": high, "value": value}})
        return default
    return value


def parse(args: MultiDict) -> SearchParams:
    """Read q, facet selections, sort, page and size; Invalid lists every bad parameter."""
    errors: list[dict] = []
    unknown = sorted(set(args) - set(FACETS) - set(CONTROLS) - set(IGNORED))
    for name in unknown:
        errors.append({"path": name, "message": N_("unknown parameter; allowed: %(allowed)s"),
                       "params": {"allowed": ", ".join(CONTROLS + FACETS)}})
    q = " ".join(args.get("q", "").split())
    if len(q) > 200:
        errors.append({"path": "q", "message": N_("is %(n)d characters long; the limit is 200"),
                       "params": {"n": len(q)}})
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        errors.append({"path": "sort", "message": N_("must be one of %(allowed)s, got %(value)s"),
                       "params": {"allowed": ", ".join(SORTS), "value": repr(sort)}})
    page = _int(args, "page", 1, 1, 1000, errors)
    size = _int(args, "size", DEFAULT_SIZE, 1, MAX_SIZE, errors)
    selections: dict[str, tuple[str, ...]] = {}
    for name in FACETS:
        values = tuple(dict.fromkeys(v.strip() for v in args.getlist(name) if v.strip()))
        if name in VOCABULARY:
            allowed = vocabularies.get(VOCABULARY[name]).codes
            for v in values:
                if v not in allowed:
                    errors.append({"path": name, "message": N_("unknown code %(value)s; allowed: %(allowed)s"),
                                   "params": {"value": repr(v), "allowed": ", ".join(allowed)}})
        if values:
            selections[name] = values
    strict = _int(args, "strict", 0, 0, 1, errors) == 1
    if errors:
        raise Invalid(N_("The search parameters are not valid: %(problems)s"), errors, problems=errors)
    return SearchParams(q=q, selections=selections, sort=sort, page=page, size=size, strict=strict)
