"""Words of intent (intents.json): words that pick a kind of listing, words that hint at one while
staying content (시험, 평가, study: a service, if that fills a page), and words that only say that
the user wants something. The search service reads q with them (clusterhub.search.understand)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .thesaurus import normalize

INTENTS_FILE = Path(__file__).with_name("intents.json")
KINDS = ("service", "equipment", "expert")


class IntentsError(ValueError):
    """A malformed intents file; says which entry."""


@dataclass(frozen=True)
class Intents:
    kinds: dict[str, str]        # normalized word -> kind
    stopwords: frozenset[str]    # normalized words
    hints: dict[str, str] = None  # normalized word -> kind it suggests; the word stays content

    def kind_of(self, word: str) -> str | None:
        return self.kinds.get(normalize(word))

    def hint_of(self, word: str) -> str | None:
        return (self.hints or {}).get(normalize(word))

    def is_intent(self, word: str) -> bool:
        return normalize(word) in self.stopwords

    @classmethod
    def load(cls, path: Path | str | None = None) -> "Intents":
        path = Path(path or INTENTS_FILE)
        raw = json.loads(path.read_text(encoding="utf-8"))
        kinds = _kind_table(path.name, "kinds", raw.get("kinds") or [])
        hints = _kind_table(path.name, "hints", raw.get("hints") or [])
        stop = raw.get("stopwords") or {}
        words = {normalize(w) for w in [*stop.get("ko", []), *stop.get("en", [])]}
        groups = {"kind words": set(kinds), "hints": set(hints), "stopwords": words}
        names = list(groups)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                both = sorted(groups[a] & groups[b])
                if both:
                    raise IntentsError(f"{path.name}: {', '.join(both)} listed both as {a} and {b}")
        return cls(kinds, frozenset(words), hints)


def _kind_table(name: str, section: str, entries: list[dict]) -> dict[str, str]:
    """normalized word -> kind of one section (`kinds` or `hints`); each entry needs a source."""
    table: dict[str, str] = {}
    for n, entry in enumerate(entries):
        if entry.get("kind") not in KINDS:
            raise IntentsError(f"{name}: {section}[{n}]: kind must be one of {', '.join(KINDS)}, "
                               f"got {entry.get('kind')!r}")
        if not entry.get("source"):
            raise IntentsError(f"{name}: {section}[{n}] ({entry['kind']}): needs a source")
        for word in [*entry.get("ko", []), *entry.get("en", [])]:
            key = normalize(word)
            if table.get(key, entry["kind"]) != entry["kind"]:
                raise IntentsError(f"{name}: {word!r} selects both {table[key]} and {entry['kind']}")
            table[key] = entry["kind"]
    return table


@lru_cache(maxsize=1)
def default() -> Intents:
    return Intents.load()
