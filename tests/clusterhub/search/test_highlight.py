"""Highlights on the original text: Korean spans, escaping, close spellings."""
from __future__ import annotations

from clusterhub.search.highlight import Highlighter
from clusterhub.search.query import Term, parse


def test_korean_stem_marked_without_particle():
    assert Highlighter(parse("질량분석기를")).mark("질량분석기를 이용") == "<mark>질량분석기</mark>를 이용"


def test_korean_spacing_variant_marked_whole():
    assert Highlighter([Term("독성시험")]).mark("랫드의 독성 시험을") == "랫드의 <mark>독성 시험</mark>을"


def test_latin_word_prefix_and_case():
    marked = Highlighter([Term("microscope")]).mark("Confocal Microscopes & more")
    assert marked == "Confocal <mark>Microscopes</mark> &amp; more"


def test_no_match_inside_a_latin_word():
    assert Highlighter([Term("scope")]).mark("microscope") == "microscope"


def test_close_spelling_marked():
    assert Highlighter([Term("confokal")]).mark("A confocal microscope") == "A <mark>confocal</mark> microscope"


def test_instrument_token_and_escaping():
    marked = Highlighter([Term("LC-MS/MS")]).mark("<b>LC-MS/MS</b> assay")
    assert marked == "&lt;b&gt;<mark>LC-MS/MS</mark>&lt;/b&gt; assay"


def test_expansions_marked_too():
    term = Term("질량분석기", words=["질량분석기"], expansions=["mass spectrometer"])
    assert Highlighter([term]).mark("Mass spectrometer") == "<mark>Mass spectrometer</mark>"
