"""The user's q as a tantivy query: words, quoted phrases, thesaurus concepts, typo tolerance.

q never reaches tantivy's query parser: it is split here, so unbalanced quotes or characters
such as `:` `(` `^` are plain text. Every word must match (AND; when that finds fewer than a
page, embedded.py leaves words out as relax.py says); a word matches in any field
(OR), as Korean bigrams, English stems, a whole token (LC-MS/MS), or a close spelling.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import tantivy
from tantivy import Occur, Query

from . import korean
from .fields import EN_FIELDS, EN_PLAIN, EN_STEM, KO_FIELDS, TOKENS_BOOST

MAX_WORDS = 12
EXPANSION_BOOST = 0.5   # thesaurus terms rank below the user's own words
FUZZY_BOOST = 0.3       # a close spelling ranks below any exact match (fuzzy scores are constant)
EXACT_FORM_BOOST = 1.3  # "질량분석기를" matched with its particle ranks above the stem alone
# Expansions are looked for where a listing says what it is: titles, summaries, keywords.
KO_HEADS = {"k_head": KO_FIELDS["k_head"]}
EN_HEADS = {"e_head": EN_FIELDS["e_head"]}
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u300c": '"', "\u300d": '"'})
_EDGE = re.compile(r"^[^\w]+|[^\w+#]+$")
_ASCII_WORD = re.compile(r"[a-z]+")


@dataclass
class Term:
    """One required part of q: a word, a "quoted phrase", or a thesaurus concept."""

    text: str
    phrase: bool = False
    words: list[str] = field(default_factory=list)        # a concept: the user's words
    expansions: list[str] = field(default_factory=list)   # a concept: thesaurus alternatives
    parts: list[str] = field(default_factory=list)        # a compound tried as its parts (AND)


def normalize(q: str) -> str:
    return unicodedata.normalize("NFKC", q).translate(_QUOTES)


def _words(text: str) -> list[str]:
    out = []
    for raw in text.split():
        word = _EDGE.sub("", raw)
        if word:
            out.append(word)
    return out


def parse(q: str, thesaurus=None) -> list[Term]:
    """Split q into terms; a q of only stopwords keeps them rather than matching nothing."""
    parts = normalize(q).split('"')
    if len(parts) % 2 == 0:          # an unbalanced quote: the last one is plain text
        parts[-2:] = [parts[-2] + " " + parts[-1]]
    terms: list[Term] = []
    for n, part in enumerate(parts):
        if n % 2 and _words(part):
            terms.append(Term(" ".join(_words(part)), phrase=True))
        elif not n % 2:
            terms.extend(_concepts(_words(part), thesaurus))
    content = [t for t in terms if t.phrase or t.words or not korean.is_stopword(t.text)]
    return (content or terms)[:MAX_WORDS]


def _concepts(words: list[str], thesaurus) -> list[Term]:
    """Words, with the longest runs that name a thesaurus entry grouped as concepts."""
    out: list[Term] = []
    i = 0
    longest = thesaurus.max_words if thesaurus is not None and len(thesaurus) else 0
    while i < len(words):
        for j in range(min(len(words), i + longest), i, -1):
            span = words[i:j]
            key = " ".join(span[:-1] + [korean.strip_particle(span[-1])])
            if key not in thesaurus:
                key = " ".join(span)        # 원숭이 is a word, not 원숭 + the particle 이
            alts = thesaurus.expansions(key) if key in thesaurus else []
            if alts:
                out.append(Term(" ".join(span), words=span, expansions=alts))
                i = j
                break
        else:
            out.append(Term(words[i]))
            i += 1
    return out


def _field_query(schema, field_name: str, tokens: list, boost: float) -> Query | None:
    """tokens (words, or (position, word) pairs) as a term or phrase query on one field."""
    if not tokens:
        return None
    if len(tokens) == 1:
        only = tokens[0] if isinstance(tokens[0], str) else tokens[0][1]
        q = Query.term_query(schema, field_name, only)
    else:
        q = Query.phrase_query(schema, field_name, tokens)
    return Query.boost_query(q, boost)


def _any(queries: list[Query | None]) -> Query | None:
    queries = [q for q in queries if q is not None]
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else Query.boolean_query([(Occur.Should, q) for q in queries])


def phrase_query(schema, text: str, boost: float = 1.0, heads_only: bool = False) -> Query | None:
    """text as consecutive tokens in any text field: bigrams, English stems, or a whole token."""
    ko = korean.phrase_terms(text)
    en = EN_STEM.analyze(text) if re.search(r"[A-Za-z0-9]", text) else []
    ko_fields, en_fields = (KO_HEADS, EN_HEADS) if heads_only else (KO_FIELDS, EN_FIELDS)
    parts = [_field_query(schema, f, ko, b * boost) for f, b in ko_fields.items()]
    parts += [_field_query(schema, f, en, b * boost) for f, b in en_fields.items()]
    if " " not in text:
        parts.append(_field_query(schema, "tokens", [text.lower()], TOKENS_BOOST * boost))
    return _any(parts)


def probes(schema, term: Term) -> list[Query]:
    """Cheap queries, each matching a subset of what term_query(term) matches: parts of the
    phrase_query of its stem (the whole token, then the Korean bigrams in titles). Counting one
    costs a tenth of counting the term (a concept's query weighs every expansion), so relaxing
    asks them first whether a word fills a page. [] for terms without such a part."""
    if term.parts or term.phrase or (term.words and len(term.words) > 1):
        return []
    stem = term.text if not term.words else term.words[0]
    stem = korean.strip_particle(stem)
    if korean.is_hangul_run(stem) and len(stem) == 1:
        return []           # word_query matches any bigram holding the syllable instead
    out = []
    if " " not in stem:
        out.append(_field_query(schema, "tokens", [stem.lower()], TOKENS_BOOST))
    ko = korean.phrase_terms(stem)
    out.append(_field_query(schema, "k_head", ko, KO_FIELDS["k_head"]))
    return [q for q in out if q is not None]


def _single_syllable(schema, syllable: str) -> Query:
    """A one-syllable word: any bigram holding it (bigram fields have no unigrams)."""
    pattern = f"{syllable}.?|.{syllable}"
    return _any([Query.boost_query(Query.regex_query(schema, f, pattern), b * 0.5)
                 for f, b in KO_FIELDS.items()])


def word_query(schema, word: str, boost: float = 1.0) -> Query | None:
    """One word: its particle-free stem anywhere, its exact form higher, or a close spelling."""
    stem = korean.strip_particle(word)
    if korean.is_hangul_run(stem) and len(stem) == 1:
        return _single_syllable(schema, stem)
    parts = [phrase_query(schema, stem, boost)]
    if stem != word:
        parts.append(phrase_query(schema, word, boost * EXACT_FORM_BOOST))
    lower = word.lower()
    if _ASCII_WORD.fullmatch(lower) and len(lower) >= 5:
        distance = 1 if len(lower) < 8 else 2
        for name, weight in (("w_title", 3.0), ("e_words", 1.0)):
            fuzzy = Query.fuzzy_term_query(schema, name, lower, distance=distance)
            parts.append(Query.boost_query(fuzzy, FUZZY_BOOST * weight * boost))
    return _any(parts)


def compound_parts(word: str) -> list[str]:
    """A Hangul word of 3+ syllables as parts of two syllables (a last lone syllable joins the
    part before): 단회독성 -> 단회, 독성; 세포배양기 -> 세포, 배양기."""
    stem = korean.strip_particle(word)
    if not korean.is_hangul_run(stem) or len(stem) < 3:
        return []
    parts = [stem[i:i + 2] for i in range(0, len(stem), 2)]
    if len(parts[-1]) == 1:
        last = parts.pop()
        parts[-1] += last
    return parts if len(parts) > 1 else []


def as_parts(term: Term) -> Term | None:
    """A plain word as a compound of parts that may stand apart in a listing, or None."""
    if term.phrase or term.words or term.parts:
        return None
    parts = compound_parts(term.text)
    return Term(term.text, parts=parts) if parts else None


def term_query(schema, term: Term) -> Query | None:
    if term.parts:
        queries = [phrase_query(schema, p) for p in term.parts]
        if any(q is None for q in queries):
            return None
        return Query.boolean_query([(Occur.Must, q) for q in queries])
    if term.phrase:
        return phrase_query(schema, term.text)
    if not term.words:
        return word_query(schema, term.text)
    own = [word_query(schema, w) for w in term.words]
    own = [q for q in own if q is not None]
    user = own[0] if len(own) == 1 else (Query.boolean_query([(Occur.Must, q) for q in own]) if own else None)
    alts = [phrase_query(schema, e, EXPANSION_BOOST, heads_only=True) for e in useful_expansions(term)]
    return _any([user] + alts)


def useful_expansions(term: Term) -> list[str]:
    """Expansions that can find more. Matching is by token sequence (bigrams are substrings), so
    an expansion containing the user's words or a shorter expansion finds nothing new; dropping
    it keeps frequent thesaurus terms cheap."""
    toks = {e: _match_tokens(e) for e in term.expansions}
    own = _match_tokens(korean.strip_particle(term.text))
    kept = []
    for n, e in enumerate(term.expansions):
        if not toks[e] or _within(own, toks[e]):
            continue
        # Another expansion inside this one finds all it finds (of equal ones, the first stays).
        if any(_within(toks[o], toks[e]) and (toks[o] != toks[e] or m < n)
               for m, o in enumerate(term.expansions) if m != n and toks[o]):
            continue
        kept.append(e)
    return kept


def _match_tokens(text: str) -> list[str]:
    """Tokens as the index matches them: Hangul bigrams, stemmed Latin words."""
    out = []
    for tok in korean.bigrams(text):
        out.extend(EN_STEM.analyze(tok) if tok.isascii() else [tok])
    return out


def _within(part: list[str], whole: list[str]) -> bool:
    """part occurs as a contiguous run of whole."""
    n = len(part)
    return n > 0 and any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


def text_query(schema: tantivy.Schema, terms: list[Term]) -> Query | None:
    """Every term required; None when q holds nothing searchable (then nothing matches)."""
    built = [term_query(schema, t) for t in terms]
    built = [q for q in built if q is not None]
    if not built:
        return None
    return built[0] if len(built) == 1 else Query.boolean_query([(Occur.Must, q) for q in built])


def en_words(text: str) -> list[str]:
    """Unstemmed lowercase English words of text (for highlighting close spellings)."""
    return EN_PLAIN.analyze(text)
