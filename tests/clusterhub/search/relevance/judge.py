"""Relevance judgements: which listings a case says must reach the top 10, from their content."""
from __future__ import annotations

import json
from pathlib import Path

CASES = json.loads((Path(__file__).with_name("cases.json")).read_text(encoding="utf-8"))["cases"]


def _values(doc: dict, field: str) -> list[str]:
    head, _, tail = field.partition(".")
    value = doc.get(head)
    items = value if isinstance(value, list) else [value]
    if tail:  # "title.ko", or "expertise.ko" over a list of {ko, en}
        items = [v.get(tail) for v in items if isinstance(v, dict)]
    return [v for v in items if isinstance(v, str)]


def relevant(case: dict, documents: dict[str, dict]) -> set[str]:
    """Ids of the published documents the case judges relevant."""
    out = set()
    for listing_id, doc in documents.items():
        if case.get("kind") and doc["kind"] != case["kind"]:
            continue
        if case.get("cluster") and doc["cluster"] not in case["cluster"]:
            continue
        if case.get("region") and doc.get("region") not in case["region"]:
            continue
        text = " ".join(v for f in case["fields"] for v in _values(doc, f)).casefold()
        if "any" in case and not any(t.casefold() in text for t in case["any"]):
            continue
        if "all" in case and not all(t.casefold() in text for t in case["all"]):
            continue
        out.add(listing_id)
    return out


def score(ranked: list[str], judged: set[str]) -> tuple[float, float]:
    """(recall@10, reciprocal rank of the first relevant hit)."""
    top = ranked[:10]
    recall = len(judged.intersection(top)) / min(len(judged), 10)
    rank = next((i for i, lid in enumerate(ranked, 1) if lid in judged), None)
    return recall, (1 / rank if rank else 0.0)
