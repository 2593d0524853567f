"""Korean typos: a word one syllable away from a known term is searched as that term, only when
the engine finds nothing with the word as typed."""
import pytest

from clusterhub.search import spelling
from clusterhub.search.understand import read
from schemas.thesaurus import default


@pytest.mark.parametrize("typed, known", [
    ("세포베양기", "세포배양기"),              # 배 typed 베
    ("원심분리긱", "원심분리기"),              # the last syllable one key off
    ("액체크로마토그라프", "액체크로마토그래프"),  # 래 typed 라
])
def test_one_wrong_syllable_is_read_as_the_known_term(typed, known):
    assert spelling.lexicon(default()).correction(typed) == known
    assert read(typed).corrected == {typed: known}


@pytest.mark.parametrize("word", ["세포배양", "독성시험", "반복투여독성시험", "마모셋", "유세포분석", "질량"])
def test_known_words_and_compounds_of_known_words_are_left_alone(word):
    assert spelling.lexicon(default()).correction(word) is None


def test_a_word_two_terms_are_one_syllable_from_is_left_alone():
    lexicon = spelling.Lexicon(["세포배양기", "세포배양액"])
    assert lexicon.correction("세포배양긱") is None
    assert spelling.Lexicon(["세포배양기"]).correction("세포베양기") == "세포배양기"


def test_one_syllable_apart():
    assert spelling.one_syllable_apart("원심분리긱", "원심분리기")
    assert spelling.one_syllable_apart("원심분리", "원심분리기")
    assert spelling.one_syllable_apart("원심분기", "원심분리기")
    assert not spelling.one_syllable_apart("원심분리", "원심분리기기")
    assert not spelling.one_syllable_apart("분리원심", "원심분리")
