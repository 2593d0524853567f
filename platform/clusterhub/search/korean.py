"""Korean text for the embedded engine: character bigrams, particle stripping, stopwords.

Why bigrams (measured by `bench/search_bench.py --compare-korean`, 3,000 demo listings, see the
docstring of embedded.py for the figures): dictionary segmenters (kiwipiepy, lindera ko-dic) keep
"질량분석기" as one noun, so "질량분석" cannot find it, and they cost seconds of model loading plus
several times the indexing time. Bigrams match any substring of two syllables or more, need no
package, and keep positions, so phrase queries work.

Hangul runs separated only by spaces are bigrammed as one run ("독성 시험" gives 독성 성시 시험)
because Korean spacing is loose: "독성시험" must find "독성 시험을". Latin and digit runs inside
Korean text become lowercased words, so "LC-MS/MS 분석" is also searchable by "ms".
"""
from __future__ import annotations

import re
import unicodedata

HANGUL = "\uac00-\ud7a3"
_IS_HANGUL = re.compile(f"[{HANGUL}]")
# A Hangul run may continue over plain spaces (not newlines or punctuation): loose spacing.
_RUN = re.compile(f"[{HANGUL}]+(?:[ \\t]+[{HANGUL}]+)*|[^\\W_{HANGUL}]+")
_SPACES = re.compile(r"[ \t]+")
_TRAILING_DIGITS = re.compile(r"[0-9]+$")

# Longest first: the first suffix that leaves a stem of two syllables or more is removed.
PARTICLES = tuple(sorted((
    "에서부터", "으로부터", "으로서", "으로써", "에게서", "이라는", "에서는", "에서도", "까지",
    "부터", "에서", "에게", "한테", "으로", "하고", "이나", "이랑", "처럼", "보다", "과의", "와의",
    "에는", "에도", "로서", "로써", "라는", "이다", "입니다", "합니다", "하는", "하여", "해서",
    "하기", "한다", "되는", "된", "한", "을", "를", "이", "가", "은", "는", "의", "에", "와", "과",
    "도", "만", "로", "나", "랑",
), key=len, reverse=True))
STOPWORDS = frozenset({
    "및", "등", "또는", "그리고", "관련", "위한", "대한", "통한", "의", "을", "를", "이", "가", "은",
    "는", "에", "와", "과", "도", "로", "으로", "에서",
    "a", "an", "the", "of", "for", "and", "or", "in", "on", "at", "to", "with", "by", "from",
})


def has_hangul(text: str) -> bool:
    return bool(_IS_HANGUL.search(text))


def is_hangul_run(text: str) -> bool:
    return bool(text) and all("\uac00" <= ch <= "\ud7a3" for ch in text)


def _tokens(text: str):
    """(token, implied) pairs of text in order; implied bigrams a phrase query may skip.

    A number glued to a syllable ("1상", "3상", "4주") is also one token "1상": a counter is a
    lone syllable, and the Hangul run it starts ("상 수행") would otherwise leave no token for
    "상" alone, so "1상" matched nothing. Such a syllable standing alone is not repeated.
    """
    glued_at = -1
    for match in _RUN.finditer(unicodedata.normalize("NFKC", text).lower()):
        run = match.group()
        if not has_hangul(run[0]):
            yield run, False
            digits = _TRAILING_DIGITS.search(run)
            end = match.end()
            if digits and end < len(match.string) and has_hangul(match.string[end]):
                yield digits.group() + match.string[end], False
                glued_at = end
            continue
        run = _SPACES.sub("", run)
        if len(run) == 1:
            if match.start() != glued_at:
                yield run, False
            continue
        last = len(run) - 2
        for i in range(last + 1):
            yield run[i:i + 2], not (i % 2 == 0 or i == last)


def bigrams(text: str) -> list[str]:
    """Index tokens of text: Hangul bigrams (a lone syllable stays whole), lowercased words, and
    numbers with their counter syllable (1상)."""
    return [tok for tok, _ in _tokens(text)]


def phrase_terms(text: str) -> list[tuple[int, str]]:
    """(position, token) of text for a phrase query, without bigrams their neighbours imply:
    독성시험 needs 독성@0 and 시험@2 only. Same matches, measured a quarter faster."""
    return [(pos, tok) for pos, (tok, implied) in enumerate(_tokens(text)) if not implied]


def index_text(text: str | None) -> str:
    """The whitespace-joined bigram string stored in a Korean field (whitespace tokenizer)."""
    return " ".join(bigrams(text)) if text else ""


def strip_particle(word: str) -> str:
    """word without a trailing particle or verb ending, if a stem of 2+ syllables remains."""
    if not is_hangul_run(word[-1:]):
        return word
    tail = re.search(f"[{HANGUL}]+$", word).group()
    if len(tail) < len(word):
        # "LC-MS를": a particle glued to a Latin token; "1상을": to a number and its counter.
        if word[-len(tail) - 1].isdigit() and tail[1:] in PARTICLES:
            return word[: -len(tail) + 1]
        return word[: -len(tail)] if tail in PARTICLES else word
    for suffix in PARTICLES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2 and is_hangul_run(word[-len(suffix) - 1]):
            return word[: -len(suffix)]
    return word


def is_stopword(word: str) -> bool:
    return word.lower() in STOPWORDS
