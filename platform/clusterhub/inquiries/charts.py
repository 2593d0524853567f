"""Plain HTML bar charts, drawn on the server (no JavaScript, no CDN, no inline style).

The labels and values are HTML text in the page's own font size, so they read the same on a 390 px
phone as on a desktop; a scaled SVG drew them about 6 px tall on a phone. Each row is its label on
a line of its own (a long Korean cluster name wraps instead of being cut), then the bar with its
value at the bar's end. A bar is an empty SVG whose width attribute is a percentage: the page's CSP
(style-src 'self') forbids style attributes, and an SVG fill still prints and shows in forced
colours, where a CSS background would not. The chart is one image to a screen reader, named by its
title; the table under each chart carries the numbers.
"""
from __future__ import annotations

from markupsafe import Markup, escape

ROWS = 15
LONGEST = 85  # the longest bar, in percent of the row: room right of it for the value


def bars(rows: list[tuple[str, int]], title: str) -> Markup:
    """A horizontal bar chart of (label, value) rows, named title for screen readers; empty
    without rows."""
    rows = rows[:ROWS]
    if not rows:
        return Markup("")  # nothing to draw: the table under it says "No data yet."
    top = max(v for _l, v in rows) or 1
    parts = [f'<div class="chart" role="img" aria-label="{escape(title)}"><ol>']
    for label, value in rows:
        share = max(0.5, round(LONGEST * value / top, 1))
        parts.append(f'<li><span class="chart-label">{escape(str(label))}</span>'
                     f'<span class="chart-row"><svg class="chart-bar" width="{share}%" height="16" '
                     f'focusable="false" aria-hidden="true"><rect width="100%" height="100%" fill="#2f6f8f"></rect>'
                     f'</svg><span class="chart-value">{escape(str(value))}</span></span></li>')
    parts.append("</ol></div>")
    return Markup("".join(parts))
