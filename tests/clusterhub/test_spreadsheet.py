"""CSV cells a spreadsheet would run as a formula are neutralised, full-width forms included."""
from __future__ import annotations

import csv
import io

import pytest

from clusterhub.spreadsheet import csv_text, neutralise


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://evil.example\")", "+1+cmd|' /C calc'!A0",
                                  "-2+3", "@SUM(A1)", "\tx", "\rx", "\nx",
                                  "＝HYPERLINK(\"http://evil.example\")", "＋1+1", "－2+3", "＠SUM(A1)",
                                  " =1+1", "\u3000＝1+1", "\u00a0@x"])
def test_formula_starts_get_an_apostrophe(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["세포배양기", "ISO 9001", "a=b", "1-2", "user@example.org", "", None, 42])
def test_other_cells_are_kept(cell):
    assert neutralise(cell) == ("" if cell is None else str(cell))


def test_the_csv_carries_the_neutralised_cells():
    text = csv_text(["title"], [["＝1+1"], ["정상"]])
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["title"], ["'＝1+1"], ["정상"]]
