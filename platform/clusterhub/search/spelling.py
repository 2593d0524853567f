"""Korean typos: a Hangul word one syllable away from a known term is read as that term.

English words get the engine's fuzzy matching (confokal -> confocal), but Korean words are
matched as bigrams, and one wrong syllable breaks two of them: "세포베양기" (배 typed 베),
"원심분리긱", "액체크로마토그라프" found nothing at all. The known terms are the Korean terms of
the thesaurus (what companies and the catalogues call instruments and services) and the labels
of the shipped vocabularies. A word is corrected only when
  - it is four syllables or more (a three-syllable loanword such as 바이럴 is
    too often one syllable from an unrelated term: 바이알) and holds a bigram no known term holds (so a spaced or glued
    compound of known words, or a word the terms contain, is never touched), and
  - exactly one known term is one syllable away: one substituted syllable, or else one inserted
    or left out.
The typed word stays visible: the reading records the correction.
"""
from __future__ import annotations

from functools import lru_cache

from schemas import vocabularies
from schemas.thesaurus import normalize

from . import korean

MIN_SYLLABLES = 4
VOCABULARIES = ("categories", "service_types", "equipment_classes", "kinds")


class Lexicon:
    """Known Korean terms (spaces removed) and the bigrams they hold."""

    def __init__(self, terms):
        self.terms = sorted({t for t in (normalize(x).replace(" ", "") for x in terms)
                             if korean.is_hangul_run(t) and len(t) >= 2})
        self.bigrams = {t[i:i + 2] for t in self.terms for i in range(len(t) - 1)}
        self._by_length: dict[int, list[str]] = {}
        for t in self.terms:
            self._by_length.setdefault(len(t), []).append(t)

    def correction(self, word: str) -> str | None:
        """The one known term one syllable away from word, when word holds an unknown bigram."""
        if not korean.is_hangul_run(word) or len(word) < MIN_SYLLABLES:
            return None
        if all(word[i:i + 2] in self.bigrams for i in range(len(word) - 1)):
            return None
        # A substituted syllable first (질량분석긱 is 질량분석기 rather than 질량분석 plus one).
        for lengths in ((len(word),), (len(word) - 1, len(word) + 1)):
            near = {t for n in lengths for t in self._by_length.get(n, ()) if one_syllable_apart(word, t)}
            if near:
                return near.pop() if len(near) == 1 else None
        return None


def one_syllable_apart(a: str, b: str) -> bool:
    """a and b differ by one substituted, inserted or left-out syllable."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) - len(short) != 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]


@lru_cache(maxsize=4)
def lexicon(thesaurus) -> Lexicon:
    """The known terms: the thesaurus's Korean terms and their words, and vocabulary labels."""
    terms = [t for e in thesaurus.entries for t in e.get("ko") or []]
    terms += [t.ko for name in VOCABULARIES for t in vocabularies.get(name).terms]
    return Lexicon(terms + [w for t in terms for w in t.split()])
