"""Identical instruments of a page as one card: equipment of one maker and model in one centre
of one cluster (a portal often lists each unit of a model separately). Grouping is over the hits
of the page, in their order: the first hit leads, `total` and facet counts stay per listing."""
from __future__ import annotations

from dataclasses import dataclass, field

from .contract import Hit


@dataclass
class Card:
    lead: Hit
    members: list[Hit] = field(default_factory=list)   # the lead first

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
