"""Highlights computed on the original text, since bigrams and stems are not what users read."""
from __future__ import annotations

import re
from html import escape

from . import korean
from .query import Term

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
CLOSE_WORDS = 10_000     # words a highlighter remembers comparing
_HANGUL = re.compile(f"[{korean.HANGUL}]")


def _pattern(text: str, prefix: bool) -> str:
    """Regex source for text: spaces optional between Hangul syllables, flexible whitespace."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] != r"\s*":
                out.append(r"\s*")
            continue
        out.append(re.escape(ch))
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if _HANGUL.match(ch) and _HANGUL.match(nxt):
            out.append("[ \t]?")
    source = "".join(out).strip()
    # Latin words also match longer forms (microscope -> microscopes), never mid-word.
    if re.match(r"\w", text[0]) and not _HANGUL.match(text[0]):
        source = r"(?<![^\W_])" + source
    if prefix and not _HANGUL.match(text[-1]):
        source += r"[^\W_]*"
    return source


def _sources(terms: list[Term]) -> tuple[list[str], list[str]]:
    """Regex sources for the terms, and English words to match by close spelling."""
    sources: list[str] = []
    fuzzy: list[str] = []
    for term in terms:
        texts = [term.text] if term.phrase else (term.words or [term.text])
        for text in texts:
            stem = text if term.phrase else korean.strip_particle(text)
            if stem:
                sources.append(_pattern(stem, prefix=True))
            lower = stem.lower()
            if not term.phrase and lower.isascii() and lower.isalpha() and len(lower) >= 5:
                fuzzy.append(lower)
        sources.extend(_pattern(e, prefix=True) for e in term.expansions)
    return sources, fuzzy


def _close(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most limit (with transpositions as one edit)."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1] <= limit


class Highlighter:
    """Marks every match of a query's terms in a text."""

    def __init__(self, terms: list[Term]):
        sources, self.fuzzy = _sources(terms)
        self._close_words: dict[str, bool] = {}
        sources.sort(key=len, reverse=True)
        self.regex = re.compile("|".join(f"(?:{s})" for s in sources), re.IGNORECASE) if sources else None

    def _is_close(self, word: str) -> bool:
        # Hits repeat their words: each distinct word is compared once (a highlighter is kept
        # between searches of the same words, search/memo.py: what it remembers is bounded).
        close = self._close_words.get(word)
        if close is None:
            limits = [(f, 1 if len(f) < 8 else 2) for f in self.fuzzy]
            close = any(abs(len(word) - len(f)) <= d and _close(word, f, d) for f, d in limits)
            if len(self._close_words) >= CLOSE_WORDS:
                self._close_words.clear()
            self._close_words[word] = close
        return close

    def spans(self, text: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        if self.regex is not None:
            found = [m.span() for m in self.regex.finditer(text) if m.end() > m.start()]
        if self.fuzzy:
            for m in re.finditer(r"[A-Za-z]{4,}", text):
                if self._is_close(m.group().lower()):
                    found.append(m.span())
        found.sort()
        merged: list[tuple[int, int]] = []
        for start, end in found:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def mark(self, text: str) -> str:
        """text HTML-escaped, with each match in <mark>...</mark>."""
        out, last = [], 0
        for start, end in self.spans(text):
            out += [escape(text[last:start]), MARK_OPEN, escape(text[start:end]), MARK_CLOSE]
            last = end
        out.append(escape(text[last:]))
        return "".join(out)
