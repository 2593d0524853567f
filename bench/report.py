"""Writes one benchmark's section of docs/performance.md, leaving the other sections alone."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

PERFORMANCE = Path(__file__).resolve().parents[1] / "docs" / "performance.md"
HEADER = ("# Performance\n\nFigures measured by the benchmarks in `bench/` on this project's "
          "build machine. Tests never assert on timings; these pages are the record.\n")


def write_section(key: str, title: str, body: str) -> None:
    """Replace (or append) the section between <!-- bench:key --> markers."""
    text = PERFORMANCE.read_text(encoding="utf-8") if PERFORMANCE.exists() else HEADER
    block = (f"<!-- bench:{key} -->\n## {title}\n\nMeasured {date.today().isoformat()}.\n\n"
             f"{body.rstrip()}\n<!-- /bench:{key} -->")
    pattern = re.compile(rf"<!-- bench:{re.escape(key)} -->.*?<!-- /bench:{re.escape(key)} -->", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    PERFORMANCE.write_text(text, encoding="utf-8")
