"""Suggestions for a search that finds nothing: the narrowed comparison (issue 18 profile cut)
suggests exactly what difflib over the whole thesaurus vocabulary suggests."""
import difflib
import random

from schemas.thesaurus import default

from clusterhub.search import service


def brute_force(q: str, limit: int = 6) -> list[str]:
    thesaurus = default()
    vocabulary = sorted({t for e in thesaurus.entries for t in thesaurus.terms(e)})
    out: list[str] = []
    for word in [q, *q.split()]:
        out.extend(thesaurus.expansions(word)[:3])
        out.extend(difflib.get_close_matches(word, vocabulary, n=3, cutoff=0.7))
    return [s for s in dict.fromkeys(out) if s.casefold() != q.casefold()][:limit]


def misspelt(term: str, rng: random.Random) -> str:
    chars = list(term)
    if len(chars) > 2:
        chars[rng.randrange(len(chars))] = rng.choice("xq질분")
    return "".join(chars)


def test_the_same_suggestions_as_difflib_over_the_whole_vocabulary():
    thesaurus = default()
    vocabulary = sorted({t for e in thesaurus.entries for t in thesaurus.terms(e)})
    rng = random.Random(18)
    queries = ["질량분석긔", "LCMS", "lc-ms", "Mass Spectrometr", "세포배얭", "zzzz", "a"]
    for _ in range(150):
        a, b = rng.choice(vocabulary), rng.choice(vocabulary)
        queries += [misspelt(a, rng), f"{misspelt(a, rng)} {b}", a.upper()]
    service._suggestions.cache_clear()
    for q in queries:
        assert service.suggestions(q) == brute_force(q), q
    assert any(service.suggestions(q) for q in queries)
