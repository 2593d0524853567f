"""Duplicate candidates as pairs with a confidence a curator can read: the NFEC number (the
national equipment registry's asset number), maker and model, titles, place and year weigh in,
each signal named. Pairs a curator dismissed are remembered and not proposed again."""
from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from sqlmodel import Session, select

from ..catalog import listings
from ..catalog.models import Listing, ListingFlags
from ..errors import Invalid, NotFound
from ..messages import N_
from ..models import utcnow
from . import audit
from .models import DismissedDuplicate

LEVELS = (("high", 0.7), ("medium", 0.4), ("low", 0.0))
BLOCK = 40  # the most listings of one key compared pairwise (a key shared by more says little)
PAGE = 20
FLOOR = 0.35  # weaker pairs are noise: numbered units of one model, one title in two clusters


@dataclass(frozen=True)
class Signal:
    weight: float
    text: str  # an N_ text, translated on the page
    params: tuple = ()


@dataclass(frozen=True)
class Pair:
    first: Listing
    second: Listing
    score: float
    signals: tuple[Signal, ...]

    @property
    def level(self) -> str:
        return next(name for name, low in LEVELS if self.score >= low)

    @property
    def kind(self) -> str:
        return self.first.kind


def _text(value) -> str:
    if isinstance(value, dict):
        value = value.get("ko") or value.get("en") or ""
    return " ".join(str(value or "").split()).casefold()


def _facts(d: dict) -> dict:
    """What weighing compares, normalised once per document."""
    title = _text(d.get("title") or d.get("name"))
    return {"nfec": d.get("nfec_no"), "maker": (_text(d.get("manufacturer")), _text(d.get("model"))),
            "title": title, "shape": re.sub(r"\d+", "#", title), "cluster": d.get("cluster"),
            "place": _text(d.get("location")), "year": d.get("year_acquired")}


def weigh(a: dict, b: dict) -> tuple[float, tuple[Signal, ...]]:
    """The confidence (0–1) that documents a and b describe one thing, and why."""
    return _weigh(_facts(a), _facts(b))


def _weigh(a: dict, b: dict) -> tuple[float, tuple[Signal, ...]]:
    signals = []
    if a["nfec"] and b["nfec"]:
        signals.append(Signal(0.6, N_("same NFEC number")) if a["nfec"] == b["nfec"] else
                       Signal(-0.6, N_("different NFEC numbers: two registered units")))
    if all(a["maker"]) and a["maker"] == b["maker"]:
        signals.append(Signal(0.25, N_("same maker and model")))
    ta, tb = a["title"], b["title"]
    if ta and ta == tb:
        signals.append(Signal(0.25, N_("same title")))
    elif ta and tb and a["shape"] == b["shape"]:
        signals.append(Signal(-0.2, N_("titles numbered apart (unit 1, unit 2)")))
    elif ta and tb and difflib.SequenceMatcher(None, ta, tb).ratio() >= 0.8:
        signals.append(Signal(0.15, N_("similar titles")))
    if a["cluster"] == b["cluster"]:
        signals.append(Signal(0.05, N_("same cluster")))
    if a["place"] and a["place"] == b["place"]:
        signals.append(Signal(0.1, N_("same place")))
    if a["year"] and b["year"] and a["year"] != b["year"]:
        signals.append(Signal(-0.3, N_("acquired in different years")))
    score = max(0.0, min(1.0, sum(s.weight for s in signals)))
    return round(score, 2), tuple(signals)


def _keys(row: Listing, f: dict) -> list[tuple]:
    """The blocks a listing joins: its NFEC number, its maker and model in its cluster, its title
    up to numbers; only listings sharing a block are compared."""
    keys = []
    if f["nfec"]:
        keys.append(("nfec", f["nfec"]))
    if all(f["maker"]):
        keys.append(("model", row.cluster, *f["maker"]))
    if f["title"]:
        keys.append(("title", row.kind, f["shape"]))
    return keys


def _pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def dismissed(session: Session) -> set[tuple[str, str]]:
    return {(d.first, d.second) for d in session.exec(select(DismissedDuplicate))}


def pairs(session: Session, cluster: str = "", kind: str = "", level: str = "") -> list[Pair]:
    """Candidate pairs among active listings not merged, best first, filtered as asked."""
    merged = set(session.exec(select(ListingFlags.listing_id).where(ListingFlags.merged_into.is_not(None))))
    query = select(Listing).where(Listing.status == "active")
    if kind:
        query = query.where(Listing.kind == kind)
    blocks: dict[tuple, list[Listing]] = defaultdict(list)
    facts: dict[str, dict] = {}
    for row in session.exec(query):
        if row.id not in merged:
            facts[row.id] = _facts(row.document)
            for key in _keys(row, facts[row.id]):
                blocks[key].append(row)
    skip, seen, out = dismissed(session), set(), []
    for rows in blocks.values():
        if len(rows) < 2 or len(rows) > BLOCK:
            continue
        for a, b in combinations(sorted(rows, key=lambda r: r.id), 2):
            key = _pair_key(a.id, b.id)
            if key in seen or key in skip or (cluster and cluster not in (a.cluster, b.cluster)):
                continue
            seen.add(key)
            score, signals = _weigh(facts[a.id], facts[b.id])
            pair = Pair(a, b, score, signals)
            if score >= FLOOR and (not level or pair.level == level):
                out.append(pair)
    out.sort(key=lambda p: (-p.score, p.first.id, p.second.id))
    return out


def page(session: Session, number: int = 1, **filters) -> tuple[list[Pair], int]:
    """One page of pairs and the total."""
    found = pairs(session, **filters)
    number = max(1, number)
    return found[(number - 1) * PAGE:number * PAGE], len(found)


def _row(session: Session, listing_id: str) -> Listing:
    row = session.get(Listing, listing_id)
    if row is None:
        raise NotFound(N_("No listing %(id)s."), id=repr(listing_id))
    return row


def compare(session: Session, a_id: str, b_id: str) -> dict:
    """Both listings as shown (overrides applied), field by field, with the weighing."""
    a, b = _row(session, a_id), _row(session, b_id)
    docs = [listings.effective(r.document, listings.overrides_of(session, r.id)) for r in (a, b)]
    fields = sorted(set(docs[0]) | set(docs[1]), key=lambda f: (f not in ("title", "name"), f))
    rows = [(f, docs[0].get(f), docs[1].get(f), docs[0].get(f) == docs[1].get(f)) for f in fields]
    score, signals = weigh(*docs)
    return {"a": a, "b": b, "docs": docs, "rows": rows, "pair": Pair(a, b, score, signals)}


def dismiss(u, user, a_id: str, b_id: str, reason: str = "") -> None:
    """Remember that a and b are not one thing; the pair is not proposed again."""
    session = u.session
    if a_id == b_id:
        raise Invalid(N_("A listing cannot be merged into itself."),
                      [{"path": "b", "message": N_("choose another listing")}])
    a, b = _row(session, a_id), _row(session, b_id)
    first, second = _pair_key(a.id, b.id)
    exists = session.exec(select(DismissedDuplicate).where(DismissedDuplicate.first == first,
                                                           DismissedDuplicate.second == second)).first()
    if exists is None:
        session.add(DismissedDuplicate(first=first, second=second, reason=(reason or "").strip(),
                                       created_by=user.email if user else "", created_at=utcnow()))
        audit.record(session, user, "duplicate.dismiss", first, cluster=a.cluster,
                     before=None, after={"not_duplicate_of": second}, reason=(reason or "").strip())
