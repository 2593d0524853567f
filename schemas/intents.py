"""Words of intent (intents.json): words that pick a kind of listing, and words that only say
that the user wants something. The search service reads q with them (clusterhub.search.understand)."""
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

    def kind_of(self, word: str) -> str | None:
        return self.kinds.get(normalize(word))

    def is_intent(self, word: str) -> bool:
        return normalize(word) in self.stopwords

    @classmethod
    def load(cls, path: Path | str | None = None) -> "Intents":
        path = Path(path or INTENTS_FILE)
        raw = json.loads(path.read_text(encoding="utf-8"))
        kinds: dict[str, str] = {}
        for n, entry in enumerate(raw.get("kinds") or []):
            if entry.get("kind") not in KINDS:
                raise IntentsError(f"{path.name}: kinds[{n}]: kind must be one of {', '.join(KINDS)}, "
                                   f"got {entry.get('kind')!r}")
            if not entry.get("source"):
                raise IntentsError(f"{path.name}: kinds[{n}] ({entry['kind']}): needs a source")
            for word in [*entry.get("ko", []), *entry.get("en", [])]:
                key = normalize(word)
                if kinds.get(key, entry["kind"]) != entry["kind"]:
                    raise IntentsError(f"{path.name}: {word!r} selects both {kinds[key]} and {entry['kind']}")
                kinds[key] = entry["kind"]
        stop = raw.get("stopwords") or {}
        words = {normalize(w) for w in [*stop.get("ko", []), *stop.get("en", [])]}
        both = sorted(words & set(kinds))
        if both:
            raise IntentsError(f"{path.name}: {', '.join(both)} listed both as kind words and stopwords")
        return cls(kinds, frozenset(words))


@lru_cache(maxsize=1)
def default() -> Intents:
    return Intents.load()
