"""Relevance judgements: which listings a case says must reach the top 10, from their content,
and the measure of a set of cases run through the search service."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent


def load(name: str) -> list[dict]:
    return json.loads((HERE / name).read_text(encoding="utf-8"))["cases"]


CASES = load("cases.json")


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


@dataclass
class Measure:
    """recall@10, MRR and zero results of a set of cases, overall and per class."""

    rows: list[str] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)
    reciprocal: list[float] = field(default_factory=list)
    zero: list[str] = field(default_factory=list)
    by_class: dict = field(default_factory=lambda: defaultdict(list))

    @property
    def recall(self) -> float:
        return sum(self.recalls) / len(self.recalls)

    @property
    def mrr(self) -> float:
        return sum(self.reciprocal) / len(self.reciprocal)

    @property
    def zero_rate(self) -> float:
        return len(self.zero) / len(self.recalls)

    def report(self, title: str, targets: str) -> str:
        classes = "\n".join(f"| {name} | {len(rs)} | {sum(rs) / len(rs):.3f} |"
                            for name, rs in sorted(self.by_class.items()))
        return (f"# {title}\n\nrecall@10 = {self.recall:.3f}, MRR = {self.mrr:.3f}, "
                f"zero-result rate = {self.zero_rate:.3f} ({targets})\n\n"
                f"Zero results: {', '.join(self.zero) or 'none'}\n\n"
                "| class | queries | recall@10 |\n|---|---|---|\n" + classes + "\n\n"
                "| query | class | relevant | hits | left out | recall@10 | RR |\n|---|---|---|---|---|---|---|\n"
                + "\n".join(self.rows) + "\n")


def measure(cases: list[dict], documents: dict[str, dict], search) -> Measure:
    """Each case searched with search(q) -> (ranked ids, total, dropped words), then scored."""
    m = Measure()
    for case in cases:
        judged = relevant(case, documents)
        assert judged, f"case {case['q']!r} judges nothing relevant: fix its predicate"
        ranked, total, dropped = search(case["q"])
        r, rr = score(ranked, judged)
        m.recalls.append(r)
        m.reciprocal.append(rr)
        m.by_class[case.get("class", "short")].append(r)
        if not total:
            m.zero.append(case["q"])
        m.rows.append(f"| {case['q']} | {case.get('class', 'short')} | {len(judged)} | {total} "
                      f"| {', '.join(dropped)} | {r:.2f} | {rr:.2f} |")
    return m
