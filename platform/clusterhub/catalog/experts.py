"""The experts who run a service or a piece of equipment, each with the rule that found them.

Three rules, in this order (an expert found by an earlier rule is not repeated):
- `names_this`: the expert's own `related` list names the listing;
- `linked_here`: the listing's `related` list names the expert;
- `same_centre`: an expert of the same cluster and centre whose expertise or techniques share a
  word with the listing's title (the words are kept, so the page can say which).
What the rules need of every expert is read once per catalog version (a page then loads only the
experts it shows): reading the experts' documents on every page cost 76 ms a page on the demo.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field

from sqlmodel import Session, select

from . import state
from .listings import related as related_rows
from .listings import visible
from .models import Listing

RULES = ("names_this", "linked_here", "same_centre")
MAX_EXPERTS = 8
_WORD = re.compile(r"[^\W_]+(?:[-/][^\W_]+)*")
# Title words that say nothing about what is done ("analysis service", "시험 수행", "Class II").
_GENERIC = frozenset({
    "서비스", "지원", "수행", "시험", "분석", "평가", "장비", "컨설팅", "의뢰", "센터", "기반", "이용",
    "service", "services", "support", "analysis", "test", "testing", "evaluation", "consulting",
    "equipment", "center", "centre", "and", "for", "the", "of", "with", "by", "in",
    "class", "type", "system", "unit", "model",
})


@dataclass
class Runner:
    row: Listing
    rule: str                                         # one of RULES
    words: list[str] = field(default_factory=list)   # same_centre: the shared words


@dataclass(frozen=True)
class _Expert:
    id: str
    centre: str
    words: frozenset


@dataclass
class _Directory:
    """What the rules need of every published expert."""

    naming: dict[str, list[str]] = field(default_factory=dict)    # listing id -> experts naming it
    by_cluster: dict[str, list[_Expert]] = field(default_factory=dict)


_directories: dict[tuple, _Directory] = {}
_lock = threading.Lock()


def _directory(session: Session) -> _Directory:
    """The directory of the current catalog version (built on first use after a change)."""
    key = (str(session.get_bind().url), state.version(session))
    found = _directories.get(key)
    if found is not None:
        return found
    with _lock:
        found = _directories.get(key)
        if found is None:
            found = _Directory()
            query = visible(select(Listing.id, Listing.cluster, Listing.document)
                            .where(Listing.kind == "expert")).order_by(Listing.id)
            for expert_id, cluster, doc in session.exec(query):
                for target in doc.get("related") or []:
                    found.naming.setdefault(target, []).append(expert_id)
                found.by_cluster.setdefault(cluster, []).append(
                    _Expert(expert_id, _centre(doc), frozenset(expertise_words(doc))))
            for old in [k for k in _directories if k[0] == key[0]]:
                del _directories[old]
            _directories[key] = found
    return found


def runners(session: Session, row: Listing, doc: dict) -> list[Runner]:
    """Published experts who run the service or equipment `row` (its effective document `doc`)."""
    if row.kind == "expert":
        return []
    directory = _directory(session)
    found: list[tuple[str, str, list[str]]] = []
    seen: set[str] = {row.id}

    def add(expert_id: str, rule: str, words=()) -> None:
        if expert_id not in seen:
            seen.add(expert_id)
            found.append((expert_id, rule, list(words)))

    for expert_id in directory.naming.get(row.id, []):
        add(expert_id, "names_this")
    for linked in doc.get("related") or []:
        if ":expert:" in linked:
            add(linked, "linked_here")
    centre, title = _centre(doc), title_words(doc)
    if centre and title:
        for expert in directory.by_cluster.get(row.cluster, []):
            if expert.centre == centre:
                shared = sorted(shared_words(title, expert.words), key=lambda w: (-len(w), w))
                if shared:
                    add(expert.id, "same_centre", shared[:3])
    wanted = found[:MAX_EXPERTS * 2]          # a linked id may be unpublished: a few spare
    rows = {r.id: r for r in related_rows(session, [i for i, _, _ in wanted])}
    out = [Runner(rows[i], rule, words) for i, rule, words in wanted
           if i in rows and rows[i].kind == "expert"]
    return out[:MAX_EXPERTS]


def _centre(doc: dict) -> str:
    centre = doc.get("center") or {}
    if isinstance(centre, str):
        return _norm(centre)
    return _norm(centre.get("ko") or centre.get("en") or "")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(_norm(text))
            if len(w) >= 2 and not w.isdigit() and w not in _GENERIC}


def shared_words(title: set[str], expertise: set[str]) -> set[str]:
    """Expertise words found in the title: equal, or one inside the other (질량분석 in
    질량분석기: Korean compounds are written without spaces)."""
    return {e for e in expertise for t in title
            if e == t or (min(len(e), len(t)) >= 2 and not e.isdigit() and (e in t or t in e))}


def title_words(doc: dict) -> set[str]:
    title = doc.get("title") or {}
    return _words(" ".join(v for v in title.values() if isinstance(v, str)))


def expertise_words(doc: dict) -> set[str]:
    texts = [*(doc.get("techniques") or [])]
    for item in doc.get("expertise") or []:
        texts.extend(v for v in (item.values() if isinstance(item, dict) else [item]) if isinstance(v, str))
    return _words(" ".join(texts))
