"""A cluster's own words for the codes of a shared vocabulary."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from schemas import vocabularies

_SEPARATORS = re.compile(r"\s*[,;|\n]\s*")


def _key(word: str) -> str:
    return " ".join(str(word).split()).casefold()


_EXTRA: ContextVar[Mapping[str, Mapping[str, str]]] = ContextVar("extra_terms", default={})


@contextmanager
def extra_terms(terms: Mapping[str, Mapping[str, str]] | None) -> Iterator[None]:
    """While mapping, TermMaps also accept these {vocabulary: {word: code}} (curators' mappings)."""
    lookup = {vocab: {_key(w): c for w, c in words.items()} for vocab, words in (terms or {}).items()}
    token = _EXTRA.set(lookup)
    try:
        yield
    finally:
        _EXTRA.reset(token)


class UnknownTerm(ValueError):
    """A word no mapping of the vocabulary covers. `vocabulary` and `term` travel with the
    record's issue (its params), so curators can map the word whatever characters it holds."""

    code = "sync.unknown_term"

    def __init__(self, vocabulary: str, term: str, known: str):
        self.vocabulary, self.term = vocabulary, term
        self.params = {"vocabulary": vocabulary, "term": term, "known": known}
        super().__init__(f"unknown {vocabulary} term {term!r}; this cluster's terms are: {known}")

    def __reduce__(self):
        return (type(self), (self.vocabulary, self.term, self.params["known"]))


class TermMap:
    """Translate a cluster's category (or other) words into shared vocabulary codes."""

    def __init__(self, vocabulary: str, words: Mapping[str, str]):
        allowed = vocabularies.get(vocabulary).codes
        wrong = sorted({code for code in words.values() if code not in allowed})
        if wrong:
            # A typo in a cluster module should fail at import, not on the first sync.
            raise ValueError(f"{vocabulary}: no such codes {wrong}; allowed: {', '.join(allowed)}")
        self.vocabulary = vocabulary
        self.words = dict(words)
        self._lookup = {_key(w): c for w, c in words.items()}

    def __call__(self, value) -> str:
        """The code of one word; UnknownTerm (a ValueError) names the unknown word and the known
        ones."""
        code = self._lookup.get(_key(value)) or _EXTRA.get().get(self.vocabulary, {}).get(_key(value))
        if code is None:
            raise UnknownTerm(self.vocabulary, str(value).strip(), ", ".join(sorted(self.words)))
        return code

    def many(self, separators: str | None = None) -> Callable[[object], list[str]]:
        """A parser for a cell holding several words, e.g. '신약개발, 비임상'."""
        pattern = re.compile(separators) if separators else _SEPARATORS

        def parse(value) -> list[str]:
            items = value if isinstance(value, (list, tuple)) else pattern.split(str(value))
            codes = [self(item) for item in items if str(item).strip()]
            return list(dict.fromkeys(codes))

        return parse


def split_words(value, separators: str | None = None) -> list[str]:
    """A cell holding several free words ('LC-MS/MS; HPLC') as a clean list."""
    if isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
    else:
        items = re.split(separators, str(value)) if separators else re.split(r"\s*[,;\n]\s*", str(value))
    return list(dict.fromkeys(i.strip() for i in items if i.strip()))
