"""Vocabularies and cluster records as data."""
import pytest

from schemas import load_clusters, vocabularies

REQUIRED = ["categories", "regions", "certifications", "service_types", "regulatory_grades",
            "equipment_classes", "sharing_scopes", "fee_models", "booking_modes"]


@pytest.mark.parametrize("name", REQUIRED)
def test_each_vocabulary_has_unique_codes_and_both_labels(name):
    vocab = vocabularies.get(name)
    assert len(set(vocab.codes)) == len(vocab.codes) > 1
    for term in vocab.terms:
        assert term.ko and term.en


def test_the_17_regions():
    assert len(vocabularies.get("regions").codes) == 17


def test_equipment_classes_use_national_codes():
    vocab = vocabularies.get("equipment_classes")
    assert vocab.label("EQ0002") == "화합물 전처리·분석장비"
    assert all(c.startswith("EQ") and len(c) == 6 for c in vocab.codes)


def test_unknown_vocabulary_lists_the_known_ones():
    with pytest.raises(KeyError, match="regions"):
        vocabularies.get("colours")


def test_the_twenty_demo_clusters_with_valid_regions():
    from connectors import demo

    records = load_clusters()
    codes = {r["code"] for r in records}
    assert len(codes) == len(records) >= 20
    assert set(demo.codes()) <= codes and {"kmedihub", "kbiohealth"} <= codes
    assert {r["region"] for r in records} <= set(vocabularies.get("regions").codes)
