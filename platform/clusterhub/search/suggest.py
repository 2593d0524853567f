"""Autocomplete for the search box: thesaurus concepts, places (clusters, their aliases, regions,
wider areas such as 충청권) and listing titles whose words start with what the user typed.

Not a search: a sorted list of keys (every label from each of its word starts, normalized as the
thesaurus normalizes: NFKC, case-folded, no spaces between Hangul) looked up by bisection. The
index is built once per catalog version (titles change with the catalog; the thesaurus and the
places are shipped files) and kept per process.
"""
from __future__ import annotations

import bisect
import json
import re
import threading
from collections import Counter
from dataclasses import dataclass

from sqlmodel import select

from schemas import places as places_data
from schemas import vocabularies
from schemas.thesaurus import default as default_thesaurus
from schemas.thesaurus import normalize

from .. import db
from ..catalog import listings, state
from ..catalog.models import Listing
from ..errors import Invalid
from ..messages import N_

MAX_Q = 100
LIMITS = {"concept": 4, "place": 3, "title": 5}   # per kind, in this order on the list
SCAN = 400          # keys read past the first match at most (a one-letter prefix is common)
_JAMO_TAIL = re.compile("[\u3131-\u318e\u1100-\u11ff]+$")   # a syllable still being composed
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Suggestion:
    kind: str           # concept | place | title
    text: str           # what goes into the search box
    detail: str = ""    # a synonym in the other language, the cluster's name, or the listing kind
    count: int = 1      # listings with this title (titles); 0 otherwise


class PrefixIndex:
    """Suggestions under sorted keys; a key is a label from one of its word starts."""

    def __init__(self, entries: list[tuple]):
        # (key, rank, suggestion[, identity]): rank 0 when the key is the label's start, 1 for a
        # later word; entries of one identity (a place's names: 충청, 충청권, 충청도) show once.
        entries = sorted(entries, key=lambda e: (e[0], e[1], -e[2].count, len(e[2].text)))
        self.keys = [e[0] for e in entries]
        self.items = [(e[1], e[2], e[3] if len(e) > 3 else (e[2].kind, normalize(e[2].text)))
                      for e in entries]

    def __len__(self) -> int:
        return len(self.items)

    def lookup(self, prefix: str, limits: dict[str, int] | None = None) -> list[Suggestion]:
        limits = limits or LIMITS
        start = bisect.bisect_left(self.keys, prefix)
        found: dict[tuple, tuple[int, int, int, Suggestion]] = {}
        for n in range(start, min(len(self.keys), start + SCAN)):
            if not self.keys[n].startswith(prefix):
                break
            rank, item, same = self.items[n]      # 질량분석기 and 질량 분석기: one; a place once
            exact = 0 if self.keys[n] == prefix else 1
            # A title many listings carry ("CO2 세포배양기" × 1,153) before one matched at its start.
            best = (exact, -item.count, rank, item)
            if same not in found or _order(best) < _order(found[same]):
                found[same] = best
        ranked = sorted(found.values(), key=_order)
        out: list[Suggestion] = []
        for kind, limit in limits.items():
            out.extend([f[3] for f in ranked if f[3].kind == kind][:limit])
        return out


def _order(found: tuple) -> tuple:
    return found[:3] + (len(found[3].text),)


def starts(label: str) -> list[tuple[str, int]]:
    """(key, rank) for label from each word start: "Xevo G2-XS QTof" -> xevo…, g2-xs…, qtof."""
    words = label.split()
    out = []
    for i in range(len(words)):
        key = normalize(" ".join(words[i:]))
        if key and key not in {k for k, _ in out}:
            out.append((key, 0 if i == 0 else 1))
    return out


def clean(q: str | None) -> str:
    """The prefix to look up; Invalid (saying what is wrong with q) when there is none."""
    q = q if q is not None else ""
    problems = []
    if _CONTROL.search(q):
        problems.append({"path": "q", "message": N_("contains a control character")})
    text = " ".join(q.split())
    if len(text) > MAX_Q:
        problems.append({"path": "q", "message": N_("is %(n)d characters long; the limit is %(limit)d"),
                         "params": {"n": len(text), "limit": MAX_Q}})
    prefix = normalize(_JAMO_TAIL.sub("", text))
    if not problems and not text:
        problems.append({"path": "q", "message": N_("is empty; type at least one letter")})
    if problems:
        raise Invalid(N_("The suggestion parameters are not valid: %(problems)s"), problems,
                      problems=problems)
    return prefix


def _concepts(locale: str) -> list[tuple]:
    out = []
    for entry in default_thesaurus().entries:
        ko, en = entry.get("ko") or [], entry.get("en") or []
        for term in [*ko, *en, *(entry.get("abbr") or [])]:
            other = (en if term in ko else ko)[:1] or (ko if locale == "ko" else en)[:1]
            detail = other[0] if other and other[0] != term else ""
            out += [(k, r, Suggestion("concept", term, detail, 0)) for k, r in starts(term)]
    return out


def _places(locale: str) -> list[tuple]:
    """Every name the query reader knows (schemas/places.py: clusters, their aliases, regions and
    wider areas such as 충청권 or Chungcheong), one suggestion per place at most on the list
    (its entries share an identity): a cluster's or region's with its own name, an area's with
    the regions it selects."""
    known = places_data.default()
    clusters = {r["code"]: (r.get("name") or {}) for r in
                json.loads(places_data.CLUSTERS_FILE.read_text(encoding="utf-8"))}
    regions = {t.code: t.ko if locale == "ko" else t.en for t in vocabularies.get("regions").terms}
    out = []
    for w in known.written:
        if w.field == "area":
            detail = " · ".join(regions[r] for r in known.regions_of(w.code))
        else:
            name = clusters.get(w.code) or {}
            own = (name.get(locale) or name.get("ko") or w.code) if w.field == "cluster" else regions[w.code]
            detail = "" if normalize(w.text) == normalize(own) else own
        same = ("place", w.field, w.code)
        out += [(k, r, Suggestion("place", w.text, detail, 0), same) for k, r in starts(w.text)]
    return out


def _titles(session, locale: str) -> list[tuple]:
    """Published titles (as the clusters sent them), one suggestion per distinct title."""
    counts: Counter = Counter()
    kinds: dict[str, str] = {}
    title_ko = Listing.document["title"]["ko"].as_string()
    title_en = Listing.document["title"]["en"].as_string()
    for kind, ko, en in session.exec(listings.visible(select(Listing.kind, title_ko, title_en))):
        for title in (ko, en):
            if title:
                title = " ".join(title.split())
                counts[title] += 1
                kinds.setdefault(title, kind)
    out = []
    for title, n in counts.items():
        out += [(k, r, Suggestion("title", title, kinds[title], n)) for k, r in starts(title)]
    return out


_cache: dict[tuple, PrefixIndex] = {}
_lock = threading.Lock()


def index(locale: str = "ko") -> PrefixIndex:
    """The prefix index of the current catalog version (built on first use after a change)."""
    with db.session() as s:
        key = (str(db.engine().url), state.version(s), id(default_thesaurus()), locale)
        found = _cache.get(key)
        if found is not None:
            return found
        with _lock:
            found = _cache.get(key)
            if found is None:
                found = PrefixIndex(_concepts(locale) + _places(locale) + _titles(s, locale))
                for old in [k for k in _cache if k[0] == key[0] and k[3] == locale]:
                    del _cache[old]
                _cache[key] = found
        return found


def suggest(q: str | None, locale: str = "ko") -> list[Suggestion]:
    """Up to 12 suggestions for what the user is typing, concepts first, then places, titles
    (none while only a first consonant has been typed)."""
    prefix = clean(q)
    return index(locale).lookup(prefix) if prefix else []
