"""Reading q as a person means it: places become filters, words of intent steer or leave.

"오송 독성시험 비용" is read as: cluster kbiohealth (from 오송), text 독성시험, and 비용 left out
(a word of price matches no listing's content). Kind words (전문가, 예약, 의뢰) select a kind;
the search service drops that kind again if it would empty the page. Hint words (시험, 평가,
study, CRO) stay content and select a kind softly: kept only when it fills a page. Runs of words that name a
thesaurus concept ("contract research organization") are content and never read as intent.
A Korean word one syllable away from a known term
is noted (search/spelling.py); the service searches the term if the word as typed finds nothing. Quoted phrases are left as they are. Data: schemas/places.json, schemas/intents.json.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from schemas import intents as intents_data
from schemas import places as places_data
from schemas.places import MAX_WORDS
from schemas.thesaurus import default as default_thesaurus

from . import korean, spelling

PLACE_FIELDS = ("cluster", "region")     # the filters a place named in q stands for


@dataclass(frozen=True)
class Steer:
    """A filter read from the user's words: `word` (as typed) stands for field=value."""

    word: str
    field: str
    value: str
    soft: bool = False      # a hint: the word stays in q, the filter holds only if it fills a page


@dataclass
class Reading:
    typed: str                                    # q as the user typed it
    q: str                                        # what the engine searches
    filters: list[Steer] = field(default_factory=list)   # places and the kind
    intents: list[str] = field(default_factory=list)     # words of intent taken out
    corrected: dict[str, str] = field(default_factory=dict)  # a likely Korean typo -> known term
    widened: list[Steer] = field(default_factory=list)   # places read from q, dropped: they emptied the page
    elsewhere: int = 0      # listings outside the places kept that hold every word (counted after relaxing)
    params: object | None = None                  # the search run (SearchParams), set by the service

    @property
    def changed(self) -> bool:
        return bool(self.filters or self.intents or self.widened or self.corrected and self.q != self.typed)

    def respelled(self, words: set[str]) -> bool:
        """Search the corrections of those of words that look like typos (the engine found
        nothing with them); True when q changed."""
        fixes = {w: f for w, f in self.corrected.items() if w in words}
        if fixes:
            self.q = " ".join(fixes.get(w, w) for w in self.q.split())
            self.corrected = fixes
        return bool(fixes)


def _key(words: list[str]) -> str:
    return " ".join(words[:-1] + [korean.strip_particle(words[-1])])


def read(q: str, thesaurus=None, intents=None, places=None) -> Reading:
    """The reading of q; q is unchanged when it holds a quote (the user is being exact)."""
    if '"' in q or not q.strip():
        return Reading(q, q)
    thesaurus = thesaurus if thesaurus is not None else default_thesaurus()
    intents = intents or intents_data.default()
    places = places or places_data.default()
    words = q.split()
    kept: list[str] = []
    reading = Reading(q, q)
    kind_seen = False
    i = 0
    while i < len(words):
        step = _place(words, i, places, reading) or _concept(words, i, thesaurus, kept)
        if step:
            i += step
            continue
        word = words[i]
        stem = korean.strip_particle(word)
        kind = intents.kind_of(stem) or intents.kind_of(word)
        if kind and not kind_seen:
            reading.filters.append(Steer(word, "kind", kind))
            kind_seen = True
        elif kind or intents.is_intent(stem) or intents.is_intent(word):
            reading.intents.append(word)
        else:
            kept.append(word)
            _spell(word, stem, thesaurus, reading)
        i += 1
    if not kind_seen:
        _hint(kept, intents, reading)
    reading.q = " ".join(kept)
    return reading


def _spell(word: str, stem: str, thesaurus, reading: Reading) -> None:
    """Note the known term word may be a one-syllable typo of (세포베양기 -> 세포배양기); the
    search service uses it only if the engine finds nothing with the word as typed."""
    fixed = None if stem in thesaurus else spelling.lexicon(thesaurus).correction(stem)
    if fixed:
        reading.corrected[word] = fixed


def _hint(kept: list[str], intents, reading: Reading) -> None:
    """The first content word that hints at a kind ("독성 시험" -> service) selects it softly."""
    for word in kept:
        kind = intents.hint_of(korean.strip_particle(word)) or intents.hint_of(word)
        if kind:
            reading.filters.append(Steer(word, "kind", kind, soft=True))
            return


def _place(words: list[str], i: int, places, reading: Reading) -> int:
    """How many words from i name a place (the longest run), recorded as a filter; else 0."""
    for j in range(min(len(words), i + MAX_WORDS), i, -1):
        area = places.area(" ".join(words[i:j])) or places.area(_key(words[i:j]))
        if area:                # 수도권: each of its regions
            reading.filters += [Steer(" ".join(words[i:j]), p.field, p.value) for p in area]
            return j - i
        found = places.find(" ".join(words[i:j])) or places.find(_key(words[i:j]))
        if found:
            reading.filters.append(Steer(" ".join(words[i:j]), found.field, found.value))
            return j - i
    return 0


def _concept(words: list[str], i: int, thesaurus, kept: list[str]) -> int:
    """A run of 2+ words from i naming a thesaurus concept stays content; returns its length."""
    for j in range(min(len(words), i + thesaurus.max_words), i + 1, -1):
        if _key(words[i:j]) in thesaurus:
            kept.extend(words[i:j])
            return j - i
    return 0



def asked_for(words: list[str], thesaurus) -> list[bool]:
    """For each word of q, whether it is part of a run naming a thesaurus concept (효능평가,
    종양 모델, 원숭이, GLP): relaxing leaves out the words that name none first (신약, 후보물질,
    모델 alone), and a left-out word still ranks the listings that hold it first. Runs are found
    as the engine finds concepts (query.py): the longest from each word, its last word with or
    without a particle (원숭이 is a word, not 원숭 + 이). A quoted word counts as known."""
    out: list[bool] = []
    i = 0
    while i < len(words):
        step, known = 1, '"' in words[i]
        for j in range(min(len(words), i + thesaurus.max_words), i, -1):
            if _key(words[i:j]) in thesaurus or " ".join(words[i:j]) in thesaurus:
                step, known = j - i, True
                break
        out.extend([known] * step)
        i += step
    return out
