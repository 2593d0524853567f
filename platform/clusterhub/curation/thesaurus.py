"""Thesaurus editing: curators' entries over the shipped thesaurus, pushed to the search engine."""
from __future__ import annotations

import re

from sqlmodel import Session, select

from schemas.thesaurus import THESAURUS_FILE, Thesaurus, ThesaurusError, check_entries

from ..errors import Invalid
from ..messages import N_
from ..models import utcnow
from . import audit
from .models import ThesaurusEntry

KEY = re.compile(r"^[a-z0-9_]{2,80}$")


def shipped() -> list[dict]:
    return Thesaurus.load(THESAURUS_FILE).entries


def effective(session: Session) -> list[dict]:
    """The shipped entries, each replaced by the curators' entry of the same id, plus new ones."""
    mine = {row.key: row.entry for row in session.exec(select(ThesaurusEntry))}
    out = [mine.pop(e["id"], e) for e in shipped()]
    return out + [mine[k] for k in sorted(mine)]


SHIPPED, CURATED, REPLACED = "shipped", "curated", "replaced"  # where a concept in use comes from


def concepts(session: Session, q: str = "") -> list[dict]:
    """Every concept search uses, with where it came from (the shipped file, a curator, or a
    curator's entry replacing a shipped one) and who last changed it; q keeps the concepts whose
    id or terms contain it (case and spacing ignored)."""
    mine = {row.key: row for row in session.exec(select(ThesaurusEntry))}
    out = []
    for e in shipped():
        row = mine.pop(e["id"], None)
        out.append({**(row.entry if row else e), "source": REPLACED if row else SHIPPED,
                    "by": row.created_by if row else None, "at": row.updated_at if row else None})
    for key in sorted(mine):
        row = mine[key]
        out.append({**row.entry, "source": CURATED, "by": row.created_by, "at": row.updated_at})
    needle = _fold(q)
    if needle:
        out = [c for c in out if any(needle in _fold(t) for t in [c["id"], *c.get("ko", []),
                                                                   *c.get("en", []), *c.get("abbr", [])])]
    return out


def _fold(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", (text or "").lower())


def curated(session: Session) -> list[ThesaurusEntry]:
    return list(session.exec(select(ThesaurusEntry).order_by(ThesaurusEntry.key)))


def _words(text: str) -> list[str]:
    return [w.strip() for w in re.split(r"[,;\n]", text or "") if w.strip()]


def save(u, user, key: str, ko: str, en: str, abbr: str) -> dict:
    """Add or replace one synonym entry (terms comma-separated); the engine takes it once committed."""
    session = u.session
    key = (key or "").strip()
    if not KEY.match(key):
        raise Invalid(N_("The id is 2–80 lower-case letters, digits or _, e.g. mass_spectrometer."),
                      [{"path": "key", "message": N_("a-z, 0-9 and _")}])
    entry = {"id": key, "group": "curated", "ko": _words(ko), "en": _words(en), "abbr": _words(abbr)}
    try:
        check_entries([entry])
    except ThesaurusError as exc:
        raise Invalid(N_("An entry needs at least two terms (%(reason)s)."),
                      [{"path": "ko", "message": N_("at least two terms in all")}], reason=str(exc)) from None
    before = next((e for e in effective(session) if e["id"] == key), None)
    row = session.exec(select(ThesaurusEntry).where(ThesaurusEntry.key == key)).first()
    row = row or ThesaurusEntry(key=key)
    row.entry, row.created_by, row.updated_at = entry, user.email, utcnow()
    session.add(row)
    audit.record(session, user, "thesaurus.save", f"thesaurus:{key}", before=before, after=entry)
    u.synonyms()
    return entry
