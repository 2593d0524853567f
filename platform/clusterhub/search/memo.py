"""What the embedded engine keeps between searches of one process: work that depends only on
the words of q (and the thesaurus, the index generation), done once for the searches that come
back (the next page, the next keystroke, the next user typing a popular word).

Profile of the load mix (bench/request_profile.py): reading q into terms, building each term's
tantivy query (a concept weighs its thesaurus expansions) and compiling the highlighter's
pattern cost 2-4 ms of Python a search, the same for every search of the same words.
"""
from __future__ import annotations

import copy
import threading
from collections import OrderedDict

from .highlight import Highlighter
from .query import Term, parse, term_query


class Lru:
    """A bounded map, least recently used out first; safe across the search threads."""

    SIZE = 4096

    def __init__(self, size: int | None = None):
        self.size = size or self.SIZE
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.size:
                self._data.popitem(last=False)


def term_key(term: Term) -> tuple:
    """What a term's query and highlighting depend on."""
    return (term.text, term.phrase, tuple(term.words), tuple(term.expansions), tuple(term.parts))


class Memo:
    """Parsed q, term queries (per index generation: a generation has one schema) and highlighters."""

    def __init__(self):
        self._terms, self._queries, self._markers = Lru(), Lru(), Lru(512)

    def parse(self, q: str, thesaurus) -> list[Term]:
        key = (q, id(thesaurus))
        kept = self._terms.get(key)
        if kept is None or kept[0] is not thesaurus:
            kept = (thesaurus, parse(q, thesaurus))
            self._terms.put(key, kept)
        return [copy.copy(t) for t in kept[1]]      # a caller's term is its own (ids key its queries)

    def query(self, generation, schema, term: Term):
        key = (generation, term_key(term))
        kept = self._queries.get(key)
        if kept is None:
            kept = (term_query(schema, term),)      # None (nothing searchable) is kept too
            self._queries.put(key, kept)
        return kept[0]

    def highlighter(self, terms: list[Term]) -> Highlighter | None:
        if not terms:
            return None
        key = tuple(term_key(t) for t in terms)
        marker = self._markers.get(key)
        if marker is None:
            marker = Highlighter(terms)
            self._markers.put(key, marker)
        return marker
