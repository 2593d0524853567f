"""Identical instruments as one card: equipment of one maker and model in one centre of one
cluster (a portal often lists each unit of a model separately; search/document.group_key).

Grouping is a property of the result (SearchRequest.group): the engine pages by groups, each
group led by its best-ranked member, which stands for it at that rank; a group never shows
again on a later page. `total` and facet counts stay per listing; `total_groups` counts cards.
The embedded engine does it here (Meilisearch has `distinct`, see meili_query.py):

1. the ranked hits are read in growing batches; the group number of each hit comes from a fast
   column (no stored document is read) until offset + size groups are known;
2. one terms aggregation over the query counts the members of every group (total_groups): it
   rides in the facet pass when there is one, and is not needed when the hits read in step 1
   are every match (their group numbers are the sizes);
3. one aggregation over the query restricted to the page's groups lists their members' ids
   (from the id column: reading each unit's stored document cost more than the rest).

A group's members are its lead, then the other units by id (both engines).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import tantivy

from . import ranking
from .contract import Hit, SearchRequest

FIRST_BATCH = 100       # hits read for the first groups; grows fourfold while groups are missing
UNITS_GUESS = 8         # hits read per group wanted at first (a retry reads the whole query again)
BUCKETS = 65_000
SIZES = {"g": {"terms": {"field": "group_no", "size": BUCKETS, "segment_size": BUCKETS}}}


@dataclass
class Member:
    """A unit of a group that may lie beyond this page: its id (and no document)."""
    id: str
    document: dict = field(default_factory=dict)


@dataclass
class Card:
    lead: Hit
    members: list = field(default_factory=list)   # Hits (or Members), the lead first

    @property
    def count(self) -> int:
        return len(self.members)


def key(hit: Hit) -> tuple | None:
    """What identical instruments share; None for anything that is not a known model."""
    d = hit.document
    if d.get("kind") != "equipment" or not d.get("manufacturer") or not d.get("model"):
        return None
    center = d.get("center") or {}
    return (d.get("cluster"), center.get("ko") or center.get("en") or "",
            d["manufacturer"].casefold(), d["model"].casefold())


def cards(hits: list[Hit]) -> list[Card]:
    """One card per hit of a grouped result (its members from the engine); for a result that
    was not grouped, hits of the same key on this page are gathered under the first."""
    if any(h.members for h in hits):
        by_id = {h.id: h for h in hits}
        return [Card(h, [by_id.get(m) or Member(m) for m in h.members] if h.members else [h])
                for h in hits]
    out: list[Card] = []
    by_key: dict[tuple, Card] = {}
    for hit in hits:
        k = key(hit)
        if k is not None and k in by_key:
            by_key[k].members.append(hit)
            continue
        card = Card(hit, [hit])
        out.append(card)
        if k is not None:
            by_key[k] = card
    return out


@dataclass
class Page:
    hits: list            # (score, DocAddress) of the page's leads
    total: int            # listings
    total_groups: int
    members: dict         # position on the page -> the group's ids by id (the lead among them)


def page(searcher: tantivy.Searcher, schema, query, request: SearchRequest, order: dict,
         sizes=None, weigh: bool = False) -> Page:
    """The page of groups of a query (see the module's docstring). `sizes`, when given, waits for
    the result of SIZES over the query (the facet pass counted it alongside); otherwise the
    sizes are counted here, and only when the hits read are not already every match."""
    need = request.offset + request.size
    limit = max(FIRST_BATCH, UNITS_GUESS * need)
    while True:
        found = searcher.search(query, limit=limit, count=True, **order)
        # Experts weighed (search/ranking.py) over the hits read: an expert is never grouped.
        read = ranking.weigh(searcher, found.hits) if weigh else found.hits
        numbers = searcher.fast_field_values("group_no", [a for _, a in read]) if read else []
        leads, seen = [], set()
        for (score, addr), no in zip(read, numbers):
            k = no or ("alone", addr.segment_ord, addr.doc)
            if k not in seen:
                seen.add(k)
                leads.append((score, addr, no or 0))
                if len(leads) == need:
                    break
        if len(leads) == need or len(found.hits) < limit:
            break
        limit *= 4
    if len(found.hits) == found.count:
        # Every match is in hand (most searches of the load mix): their numbers are the sizes.
        sizes_of = dict(Counter(no for no in numbers if no))
    else:
        result = sizes() if sizes is not None else searcher.aggregate(query, SIZES)
        sizes_of = {int(float(b["key"])): int(b["doc_count"])
                    for b in result["g"].get("buckets", []) if int(float(b["key"]))}
    total_groups = found.count - sum(n - 1 for n in sizes_of.values())
    shown = leads[request.offset:need]
    wanted = {no for _, _, no in shown if sizes_of.get(no, 1) > 1}
    members: dict[int, list[str]] = {}
    if wanted:
        only = tantivy.Query.term_set_query(schema, "group_no", sorted(wanted))
        inside = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, only)])
        tree = searcher.aggregate(inside, {"g": {
            "terms": {"field": "group_no", "size": len(wanted) + 1, "segment_size": BUCKETS},
            "aggs": {"ids": {"terms": {"field": "id", "size": BUCKETS, "segment_size": BUCKETS,
                                       "order": {"_key": "asc"}}}}}})
        for bucket in tree["g"].get("buckets", []):
            members[int(float(bucket["key"]))] = [str(b["key"]) for b in bucket["ids"].get("buckets", [])]
    out = {n: members[no] for n, (_, _, no) in enumerate(shown) if no in members}
    return Page([(s, a) for s, a, _ in shown], found.count, total_groups, out)
