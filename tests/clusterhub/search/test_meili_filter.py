"""The filter AST translated to Meilisearch filter strings, read back by an independent parser."""
from __future__ import annotations

import random

import pytest

from clusterhub.search.contract import (PUBLIC, And, Exists, In, IsEmpty, Not, Or, Range,
                                        SearchError)
from clusterhub.search.meili_document import to_meili
from clusterhub.search.meili_filter import FALSE, epoch, quote, to_filter
from tests.clusterhub.search.meili_grammar import matches, meili_matches
from tests.clusterhub.search.meili_samples import documents

def test_filter_strings():
    assert to_filter(None) is None
    assert to_filter(PUBLIC) == 'visibility IN ["public"]'
    assert to_filter(In("region", ("daegu", "seoul"))) == 'region IN ["daegu", "seoul"]'
    assert to_filter(In("model", (3,))) == 'model IN ["3"]'
    assert to_filter(Range("fee_min_krw", gte=1000, lte=5000.5)) == "fee_min_krw 1000 TO 5000.5"
    assert to_filter(Range("year_acquired", lte=2020)) == "year_acquired <= 2020"
    assert to_filter(Exists("nfec_no")) == \
        "(nfec_no EXISTS AND nfec_no IS NOT NULL AND nfec_no IS NOT EMPTY)"
    assert to_filter(IsEmpty("languages")).startswith("NOT (languages EXISTS")
    assert to_filter(Not(In("kind", ("expert",)))) == 'NOT (kind IN ["expert"])'
    assert to_filter(And((PUBLIC, Or((In("kind", ("service",)), Exists("model")))))) == (
        '(visibility IN ["public"]) AND ((kind IN ["service"]) OR '
        '((model EXISTS AND model IS NOT NULL AND model IS NOT EMPTY)))')


def test_constant_clauses_fold():
    assert to_filter(And(())) is None
    assert to_filter(Or(())) == FALSE
    assert to_filter(Not(Or(()))) is None
    assert to_filter(And((PUBLIC, And(())))) == 'visibility IN ["public"]'
    assert to_filter(And((PUBLIC, Or(())))) == FALSE
    assert to_filter(Or((PUBLIC, Not(Or(()))))) is None


def test_date_ranges_use_epoch_mirrors():
    start = epoch("2025-01-01")
    assert to_filter(Range("updated_at", gte="2025-01-01")) == f"updated_at_ts >= {start}"
    # A bare upper date covers its whole day, as in the embedded engine.
    assert to_filter(Range("source_updated_at", lte="2025-01-01")) == \
        f"source_updated_at_ts <= {start + 86399}"
    assert to_filter(Range("updated_at", lte="2025-01-01T12:00:00+09:00")) == \
        f"updated_at_ts <= {start + 3 * 3600}"
    assert to_filter(Exists("updated_at")).startswith("(updated_at_ts EXISTS")


@pytest.mark.parametrize("node", [
    Range("updated_at", gte="yesterday"), Range("fee_min_krw", gte="lots"),
    Range("fee_min_krw", lte=float("nan")), Range("fee_max_krw", gte=float("inf")),
    Range("year_acquired", gte=True), In("region", ("ok\\",)),
    In("model", ("x\\\"y\\'z",)),
])
def test_untranslatable_filters_raise_search_error(node):
    with pytest.raises(SearchError):
        to_filter(node)


HOSTILE = ['plain', "O'Brien", 'Say "hi"', 'back\\slash', '\\"', "\\'", 'it\'s "both"',
           'public" OR visibility = "hidden', "') OR (kind EXISTS", "[1, 2]", "AND", "NOT",
           "TO", "EXISTS", "a, b", "한글 값", "LC-MS/MS", "tab\tnew\nline", "  spaced  ",
           "\\\\double", "#!$%^&*()"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_read_back_exactly(value):
    literal = quote(value)
    assert meili_matches(f"manufacturer IN [{literal}]", {"manufacturer": value})
    assert not meili_matches(f"manufacturer IN [{literal}]", {"manufacturer": value + "x"})
    assert to_filter(In("manufacturer", (value, "Waters"))) == \
        f'manufacturer IN [{literal}, "Waters"]'


def _docs_for_filters():
    docs = [to_meili(d) for d in documents()]
    for i, value in enumerate(HOSTILE):
        extra = dict(docs[i % len(docs)], id=f"c:x:h{i}", manufacturer=value, model=None,
                     languages=[value] if i % 2 else [], fee_min_krw=i * 1000 or None,
                     region="" if i % 3 == 0 else "daegu",
                     updated_at=f"2024-{1 + i % 12:02d}-15T00:00:00")
        docs.append(to_meili(extra))
    return docs + [to_meili({"id": "c:x:bare", "kind": "service"})]


def _random_filter(rng, depth=0):
    pick = rng.randrange(8 if depth < 3 else 4)
    if pick == 0:
        field = rng.choice(["manufacturer", "languages", "region", "kind", "model"])
        return In(field, tuple(rng.sample(HOSTILE + ["daegu", "equipment", "Waters"], 2)))
    if pick == 1:
        return Range(rng.choice(["fee_min_krw", "year_acquired"]), gte=rng.choice([None, 1000, 2019]),
                     lte=rng.choice([5000, 2020, 1e6]))
    if pick == 2:
        return Range("updated_at", gte=rng.choice(["2024-03-01", None]), lte="2024-08-15")
    if pick == 3:
        return rng.choice([Exists, IsEmpty])(rng.choice(["model", "languages", "region",
                                                         "fee_min_krw", "updated_at", "nfec_no"]))
    if pick in (4, 5):
        kind = And if pick == 4 else Or
        return kind(tuple(_random_filter(rng, depth + 1) for _ in range(rng.randrange(0, 3))))
    return Not(_random_filter(rng, depth + 1))


def test_translation_means_the_same_as_the_ast():
    """Evaluate each expression with a reading of Meilisearch's grammar and compare."""
    rng, docs = random.Random(20250305), _docs_for_filters()
    for _ in range(300):
        node = _random_filter(rng)
        try:
            expression = to_filter(node)
        except SearchError:
            continue
        for doc in docs:
            expected = matches(node, doc)
            got = True if expression is None else meili_matches(expression, doc)
            assert got == expected, (node, expression, doc["id"])
