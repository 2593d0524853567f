"""CSV that Excel opens correctly in Korean, with no cell it would run as a formula."""
from __future__ import annotations

import csv
import io
from typing import Iterable, Sequence

# Excel (and LibreOffice, Google Sheets) starts a formula at these; a Korean IME types the
# full-width forms, which Excel's Korean and Japanese builds read as their ASCII twins.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Blanks a spreadsheet skips before it looks for a formula's first character.
LEADING_BLANKS = " \u00a0\u3000"


def neutralise(value) -> str:
    """A cell Excel would run as a formula (after any leading blanks) gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.lstrip(LEADING_BLANKS).startswith(FORMULA_START) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """UTF-8 text with a BOM (so Excel reads it as UTF-8), CRLF lines, every cell neutralised."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return out.getvalue()
