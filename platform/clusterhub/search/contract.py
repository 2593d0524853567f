"""The search contract every backend implements: request, filter AST, result."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Iterable, Union

from .registry import DATE_FIELDS, FILTER_ONLY_FIELDS, NUMERIC_FIELDS, REGISTRY

MAX_SIZE = 100
SORTS = ("relevance", "updated", "title")

# The fields a filter and the facets may name, derived from the facet registry (search/registry.py).
# Keyword fields that can be filtered with In and counted as facets (list fields hold several codes).
FACET_FIELDS = tuple(f.field for f in REGISTRY)
# Fields with values for In/Exists/IsEmpty; the ones after the facets are not shown as facets.
KEYWORD_FIELDS = FACET_FIELDS + FILTER_ONLY_FIELDS
LIST_FIELDS = tuple(f.field for f in REGISTRY if f.list_field)

# Matching, the same in every backend. Every word of q is required first. When that finds fewer
# listings than a page (`size`), words are left out one at a time from the end of q (Meilisearch's
# `matchingStrategy: "last"`) until a page is filled or one word remains; a listing matching more
# of the words ranks above one matching fewer. `strict` turns relaxing off. The result's
# `dropped` names the words that were not required on the page. Words of intent ("비용", "업체")
# and places ("오송") never reach the engine: the search service takes them out first
# (search/understand.py).
MATCHING_STRATEGY = "last"


class SearchError(ValueError):
    """A request the engine cannot run: says which part was wrong."""


class BackendError(RuntimeError):
    """The engine failed (unreachable, task failed, index broken); carries the engine's message."""


@dataclass(frozen=True)
class In:
    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Range:
    field: str
    gte: float | str | None = None
    lte: float | str | None = None


@dataclass(frozen=True)
class Exists:
    field: str


@dataclass(frozen=True)
class IsEmpty:
    field: str


@dataclass(frozen=True)
class And:
    items: tuple["Filter", ...]


@dataclass(frozen=True)
class Or:
    items: tuple["Filter", ...]


@dataclass(frozen=True)
class Not:
    item: "Filter"


Filter = Union[In, Range, Exists, IsEmpty, And, Or, Not]

PUBLIC = In("visibility", ("public",))


def check_filter(node: Filter | None) -> None:
    """Raise SearchError for an unknown field or a malformed node."""
    if node is None:
        return
    if isinstance(node, In):
        if node.field not in KEYWORD_FIELDS:
            raise SearchError(f"filter: unknown field {node.field!r}; filterable: {', '.join(KEYWORD_FIELDS)}")
        if not node.values:
            raise SearchError(f"filter: In({node.field}) needs at least one value")
    elif isinstance(node, Range):
        if node.field not in NUMERIC_FIELDS + DATE_FIELDS:
            raise SearchError(f"filter: {node.field!r} has no range; use one of {', '.join(NUMERIC_FIELDS + DATE_FIELDS)}")
        if node.gte is None and node.lte is None:
            raise SearchError(f"filter: Range({node.field}) needs gte or lte")
    elif isinstance(node, (Exists, IsEmpty)):
        if node.field not in KEYWORD_FIELDS + NUMERIC_FIELDS + DATE_FIELDS:
            raise SearchError(f"filter: unknown field {node.field!r}")
    elif isinstance(node, (And, Or)):
        for item in node.items:
            check_filter(item)
    elif isinstance(node, Not):
        check_filter(node.item)
    else:
        raise SearchError(f"filter: unknown node {type(node).__name__}")


@dataclass(frozen=True)
class SearchRequest:
    """One search. `filter` is the user's choice; facet selections are its top-level In clauses."""

    q: str = ""
    filter: Filter | None = None
    base_filter: Filter = PUBLIC
    facets: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1
    size: int = 20
    highlight: bool = True
    strict: bool = False   # every word required, no relaxing (see MATCHING_STRATEGY)
    # Identical instruments (search/grouping.py) as one hit: the page holds `size` groups, each
    # hit its group's member ids; total stays per listing, total_groups counts the groups.
    group: bool = False

    def __post_init__(self):
        if not 1 <= self.size <= MAX_SIZE:
            raise SearchError(f"size must be between 1 and {MAX_SIZE}, got {self.size}")
        if self.page < 1:
            raise SearchError(f"page must be 1 or more, got {self.page}")
        if self.sort not in SORTS:
            raise SearchError(f"sort must be one of {', '.join(SORTS)}, got {self.sort!r}")
        unknown = [f for f in self.facets if f not in FACET_FIELDS]
        if unknown:
            raise SearchError(f"unknown facet {', '.join(unknown)}; facets: {', '.join(FACET_FIELDS)}")
        if len(self.q) > 500:
            raise SearchError("q is longer than 500 characters")
        check_filter(self.filter)
        check_filter(self.base_filter)

    @property
    def clauses(self) -> tuple[Filter, ...]:
        """The user's filter as top-level AND clauses."""
        if self.filter is None:
            return ()
        return self.filter.items if isinstance(self.filter, And) else (self.filter,)

    def selected(self, field_name: str) -> tuple[str, ...]:
        """Values selected for a facet field (top-level In clauses on it)."""
        out: list[str] = []
        for c in self.clauses:
            if isinstance(c, In) and c.field == field_name:
                out.extend(v for v in c.values if v not in out)
        return tuple(out)

    def filter_without(self, field_name: str | None) -> Filter:
        """Base filter AND every clause except the In clauses on field_name (disjunctive facets)."""
        kept = tuple(c for c in self.clauses
                     if not (isinstance(c, In) and c.field == field_name))
        return And((self.base_filter,) + kept)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass
class Hit:
    id: str
    document: dict
    highlights: dict[str, str] = field(default_factory=dict)  # field -> HTML-escaped text with <mark>
    score: float | None = None
    featured: bool = False  # picked by the foundation's curators (curation/featured.py)
    # A grouped search: the ids of every listing of this hit's group in the whole result, this
    # hit (the best ranked) first; () when the hit stands alone.
    members: tuple[str, ...] = ()


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]]
    facet_stats: dict[str, dict[str, float]]
    took_ms: float
    backend: str
    dropped: tuple[str, ...] = ()   # words of q left out to fill the page (relaxed matching)
    understood: object | None = None  # the service's reading of q (search.understand.Reading)
    total_groups: int | None = None   # a grouped search: how many groups (cards) in all


@dataclass
class IndexState:
    backend: str
    state: str            # "ready" | "missing" | "building" | "error"
    documents: int = 0
    catalog_version: str | None = None
    detail: str = ""


class SearchBackend(ABC):
    """What the platform needs from a search engine."""

    name: str = ""

    @abstractmethod
    def upsert(self, docs: Iterable[dict]) -> None:
        """Add or replace index documents (see search/document.py for their shape)."""

    @abstractmethod
    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by listing id."""

    @abstractmethod
    def search(self, request: SearchRequest) -> SearchResult:
        """Run a request; facets are disjunctive."""

    @abstractmethod
    def rebuild(self, docs: Iterable[dict], catalog_version: str) -> int:
        """Build a fresh index beside the live one and swap it in atomically; return the count."""

    def stamp(self) -> str:
        """What the search results reflect right now: the catalog version (and thesaurus) the
        index holds. Cache keys and ETags use it, so a lagging index never yields a stale one."""
        return str(self.state().catalog_version)

    @abstractmethod
    def state(self) -> IndexState:
        """Whether the index exists, its size and the catalog version it was built from."""

    def set_catalog_version(self, version: str) -> None:
        """Record which catalog version the index reflects (after an incremental update)."""

    def update_synonyms(self, thesaurus: list[dict]) -> None:
        """Apply a changed thesaurus without a full rebuild where the engine allows."""
