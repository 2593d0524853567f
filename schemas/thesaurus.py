"""The bilingual thesaurus (thesaurus.json): query expansion and search-engine synonyms."""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

THESAURUS_FILE = Path(__file__).with_name("thesaurus.json")
TERM_KEYS = ("ko", "en", "abbr")
# One-way: a broad word the user types (쥐, 개, 비임상) also finds the narrower terms the listings
# use (마우스, 랫드; 비글견; 독성시험, 약물동태), never the reverse (마우스 does not find rats).
NARROWER = "narrower"
_HANGUL_GAP = re.compile(r"(?<=[\uac00-\ud7a3])\s+(?=[\uac00-\ud7a3])")
_SPACES = re.compile(r"\s+")
_JOINERS = re.compile(r"[\s\-/.·]+")


def normalize(term: str) -> str:
    """Matching key of a term: NFKC, case-folded, single spaces, no spaces between Hangul."""
    text = unicodedata.normalize("NFKC", term).casefold().strip()
    return _HANGUL_GAP.sub("", _SPACES.sub(" ", text))


def squash(key: str) -> str:
    """A normalized term without hyphens, slashes, dots or spaces: the second key of a term, so
    RNAseq, LCMS, PK PD and cellsorter find RNA-seq, LC-MS, PK/PD and cell sorter."""
    return _JOINERS.sub("", key)


class ThesaurusError(ValueError):
    """A thesaurus entry that is malformed; says which one."""


def check_entries(entries: list[dict]) -> None:
    """Raise ThesaurusError unless every entry has an id and at least two terms."""
    seen: set[str] = set()
    for n, entry in enumerate(entries):
        ident = entry.get("id") if isinstance(entry, dict) else None
        if not ident or ident in seen:
            raise ThesaurusError(f"entry {n}: missing or duplicate id {ident!r}")
        seen.add(ident)
        terms = [t for k in TERM_KEYS for t in entry.get(k) or []]
        if len(terms) < 2 or not all(isinstance(t, str) and t.strip() for t in terms):
            raise ThesaurusError(f"entry {ident}: needs at least two non-empty terms in {TERM_KEYS}")
        narrower = entry.get(NARROWER) or []
        if not isinstance(narrower, list) or not all(isinstance(t, str) and t.strip() for t in narrower):
            raise ThesaurusError(f"entry {ident}: {NARROWER} must be a list of non-empty terms")


class Thesaurus:
    """Entries of mutual synonyms; lookups by normalized term."""

    def __init__(self, entries: list[dict]):
        check_entries(entries)
        self.entries = [dict(e) for e in entries]
        self._index: dict[str, list[int]] = {}
        self._squashed: dict[str, list[int]] = {}
        for n, entry in enumerate(self.entries):
            for term in self.terms(entry):
                for index, key in ((self._index, normalize(term)), (self._squashed, squash(normalize(term)))):
                    ids = index.setdefault(key, [])
                    if n not in ids:
                        ids.append(n)
        self.max_words = max((len(k.split()) for k in self._index), default=1)

    @classmethod
    def load(cls, path: Path | str | None = None) -> "Thesaurus":
        raw = json.loads(Path(path or THESAURUS_FILE).read_text(encoding="utf-8"))
        return cls(raw["entries"])

    @staticmethod
    def terms(entry: dict) -> list[str]:
        """Every term of an entry: Korean, English, abbreviations."""
        return [t for k in TERM_KEYS for t in entry.get(k) or []]

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, term: str) -> bool:
        return bool(self._ids(normalize(term)))

    def _ids(self, key: str) -> list[int]:
        return self._index.get(key) or self._squashed.get(squash(key)) or []

    def expansions(self, term: str) -> list[str]:
        """The other terms of every entry containing term, then their narrower terms (empty when
        term is unknown)."""
        key = normalize(term)
        out: list[str] = []
        seen = {key}
        for n in self._ids(key):
            for other in self.terms(self.entries[n]) + list(self.entries[n].get(NARROWER) or []):
                k = normalize(other)
                if k not in seen:
                    seen.add(k)
                    out.append(other)
        return out

    def synonyms(self) -> dict[str, list[str]]:
        """Every term mapped to its expansions: the shape of Meilisearch's `synonyms` setting."""
        out: dict[str, list[str]] = {}
        for entry in self.entries:
            for term in self.terms(entry):
                out.setdefault(term, self.expansions(term))
        return out


@lru_cache(maxsize=1)
def default() -> Thesaurus:
    """The thesaurus shipped in schemas/thesaurus.json."""
    return Thesaurus.load()
