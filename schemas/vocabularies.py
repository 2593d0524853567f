"""Controlled vocabularies of the shared schema, loaded from the JSON files in vocab/."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

VOCAB_DIR = Path(__file__).with_name("vocab")


@dataclass(frozen=True)
class Term:
    code: str
    ko: str
    en: str

    def label(self, locale: str = "ko") -> str:
        return self.en if locale == "en" else self.ko


@dataclass(frozen=True)
class Vocabulary:
    name: str
    label_ko: str
    label_en: str
    terms: tuple[Term, ...]

    @cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    @cached_property
    def by_code(self) -> dict[str, Term]:
        """Terms by code: validation looks a code up for every field of every record."""
        return {t.code: t for t in self.terms}

    def get(self, code: str) -> Term | None:
        return self.by_code.get(code)

    def label(self, code: str, locale: str = "ko") -> str:
        term = self.get(code)
        return term.label(locale) if term else code

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "label": {"ko": self.label_ko, "en": self.label_en},
            "terms": [{"code": t.code, "ko": t.ko, "en": t.en} for t in self.terms],
        }


def names() -> list[str]:
    """Names of every vocabulary file."""
    return sorted(p.stem for p in VOCAB_DIR.glob("*.json"))


@lru_cache(maxsize=None)
def get(name: str) -> Vocabulary:
    """The vocabulary called name; KeyError lists the known ones."""
    path = VOCAB_DIR / f"{name}.json"
    if not path.is_file():
        raise KeyError(f"unknown vocabulary {name!r}; known: {', '.join(names())}")
    raw = json.loads(path.read_text(encoding="utf-8"))
    terms = tuple(Term(t["code"], t["ko"], t["en"]) for t in raw["terms"])
    return Vocabulary(raw["name"], raw["label"]["ko"], raw["label"]["en"], terms)


def all_vocabularies() -> dict[str, Vocabulary]:
    return {n: get(n) for n in names()}
