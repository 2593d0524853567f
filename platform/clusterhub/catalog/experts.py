"""The experts who run a service or a piece of equipment, each with the rule that found them.

Three rules, in this order (an expert found by an earlier rule is not repeated):
- `names_this`: the expert's own `related` list names the listing;
- `linked_here`: the listing's `related` list names the expert;
- `same_centre`: an expert of the same cluster and centre whose expertise or techniques share a
  word with the listing's title (the words are kept, so the page can say which).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlmodel import Session, select

from .listings import related as related_rows
from .listings import visible
from .models import Listing

RULES = ("names_this", "linked_here", "same_centre")
MAX_EXPERTS = 8
_WORD = re.compile(r"[^\W_]+(?:[-/][^\W_]+)*")
# Title words that say nothing about what is done ("analysis service", "시험 수행").
_GENERIC = frozenset({
    "서비스", "지원", "수행", "시험", "분석", "평가", "장비", "컨설팅", "의뢰", "센터", "기반", "이용",
    "service", "services", "support", "analysis", "test", "testing", "evaluation", "consulting",
    "equipment", "center", "centre", "and", "for", "the", "of", "with", "by", "in",
})


@dataclass
class Runner:
    row: Listing
    rule: str                                         # one of RULES
    words: list[str] = field(default_factory=list)   # same_centre: the shared words


def runners(session: Session, row: Listing, doc: dict) -> list[Runner]:
    """Published experts who run the service or equipment `row` (its effective document `doc`)."""
    if row.kind == "expert":
        return []
    out: list[Runner] = []
    seen: set[str] = set()

    def add(expert: Listing, rule: str, words=()) -> None:
        if expert.id not in seen and expert.id != row.id and len(out) < MAX_EXPERTS:
            seen.add(expert.id)
            out.append(Runner(expert, rule, list(words)))

    for expert in _naming(session, row.id):
        add(expert, "names_this")
    for linked in related_rows(session, [i for i in doc.get("related") or [] if ":expert:" in i]):
        if linked.kind == "expert":
            add(linked, "linked_here")
    centre = _centre(doc)
    title = title_words(doc)
    if centre and title:
        for expert in _experts(session, row.cluster):
            if _centre(expert.document) == centre:
                shared = shared_words(title, expertise_words(expert.document))
                shared = sorted(shared, key=lambda w: (-len(w), w))
                if shared:
                    add(expert, "same_centre", shared[:3])
    return out


def _experts(session: Session, cluster: str) -> list[Listing]:
    query = select(Listing).where(Listing.kind == "expert", Listing.cluster == cluster)
    return list(session.exec(visible(query).order_by(Listing.id)))


def _naming(session: Session, listing_id: str) -> list[Listing]:
    """Experts whose `related` names listing_id: a text match narrows, the document decides."""
    text = sa.cast(Listing.document, sa.Text)
    query = select(Listing).where(Listing.kind == "expert", text.contains(f'"{listing_id}"'))
    return [e for e in session.exec(visible(query).order_by(Listing.id))
            if listing_id in (e.document.get("related") or [])]


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
